#include "recipes/recipe_selector.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/log.hpp"
#include "core/text.hpp"
#include "nova/error.hpp"
#include "recipes/builtin_catalogue.hpp"
#include "recipes/catalogue_tables.hpp"

namespace nova::recipes {
namespace {

using Json = nlohmann::json;

std::string str(const Json& e, const char* key) {
  return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
}
bool truthy(const Json& e, const char* key) {
  if (!e.contains(key)) return false;
  const auto& v = e[key];
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) return !v.get<std::string>().empty();
  return !v.is_null();
}
bool contains_icase(const std::string& text, const std::string& needle) {
  return core::ascii_lower(text).find(needle) != std::string::npos;
}

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& i : items) out += (out.size() > 1 ? ", " : "") + i;
  return out + "]";
}

bool matches_method(const Json& e, TrainingMethod method) {
  const auto technique = str(e, "CustomizationTechnique");
  switch (method) {
    case TrainingMethod::CPT: return technique == "CPT";
    case TrainingMethod::DPO_LORA:
    case TrainingMethod::DPO_FULL: return technique == "DPO";
    case TrainingMethod::RFT_LORA:
    case TrainingMethod::RFT_FULL: return technique == "RLVR";
    case TrainingMethod::SFT_LORA:
    case TrainingMethod::SFT_FULL: return technique == "SFT";
    case TrainingMethod::EVALUATION: return str(e, "Type") == "Evaluation";
  }
  return false;
}

bool on_platform(const Json& e, Platform platform) {
  return platform == Platform::SMTJ ? truthy(e, "SmtjRecipeTemplateS3Uri") : truthy(e, "HpEksPayloadTemplateS3Uri");
}

bool is_lora(TrainingMethod m) {
  return m == TrainingMethod::SFT_LORA || m == TrainingMethod::DPO_LORA || m == TrainingMethod::RFT_LORA;
}

std::vector<std::string> methods_offered(const std::vector<Json>& entries, std::optional<Platform> platform) {
  std::vector<std::string> out;
  for (auto m : {TrainingMethod::CPT, TrainingMethod::DPO_LORA, TrainingMethod::DPO_FULL, TrainingMethod::SFT_LORA,
                 TrainingMethod::SFT_FULL, TrainingMethod::RFT_LORA, TrainingMethod::RFT_FULL, TrainingMethod::EVALUATION}) {
    const bool offered = std::any_of(entries.begin(), entries.end(), [&](const Json& e) {
      if (!matches_method(e, m) || (platform && !on_platform(e, *platform))) return false;
      if (m == TrainingMethod::EVALUATION) return true;
      return is_lora(m) == truthy(e, "Peft");
    });
    if (offered) out.emplace_back(to_string(m));
  }
  return out;
}

std::vector<std::string> instance_types_of(const std::vector<Json>& entries) {
  std::set<std::string> types;
  for (const auto& e : entries)
    if (e.contains("SupportedInstanceTypes"))
      for (const auto& t : e["SupportedInstanceTypes"]) types.insert(normalise_instance_type(t.get<std::string>()));
  return {types.begin(), types.end()};
}

RecipeEntry to_entry(const Json& e, Platform platform) {
  RecipeEntry out;
  out.name = str(e, "Name");
  out.display_name = str(e, "DisplayName");
  out.instance_count = e.value("InstanceCount", 1);
  for (const auto& t : e.value("SupportedInstanceTypes", Json::array())) out.supported_instance_types.push_back(normalise_instance_type(t.get<std::string>()));
  if (platform == Platform::SMTJ) {
    out.template_uri = str(e, "SmtjRecipeTemplateS3Uri");
    out.override_params_uri = str(e, "SmtjOverrideParamsS3Uri");
    out.image_uri = str(e, "SmtjImageUri");
  } else {
    out.template_uri = str(e, "HpEksPayloadTemplateS3Uri");
    out.override_params_uri = str(e, "HpEksOverrideParamsS3Uri");
    out.image_uri = str(e, "HpEksImageUri");
    // Built-in SMHP templates are the recipe itself; hub ones are helm payloads.
    out.hyperpod_payload = out.template_uri.rfind("builtin://", 0) != 0;
  }
  if (out.template_uri.empty() || out.override_params_uri.empty())
    throw ValueError("Unable to find recipe: catalogue entry " + out.name + " names no template for " + std::string(to_string(platform)));
  return out;
}

RecipeEntry local_eval_entry(const RecipeRequest& request, const EvalTaskInfo& info) {
  const auto& model = model_info(request.model);
  const std::string file = info.local_template + (model.version == Version::TWO ? "_two" : "_one");
  if (!has_builtin_file("local/" + file + ".yaml"))
    throw ValueError("'" + std::string(value_of(*request.eval_task)) + "' is not supported on " +
                     std::string(to_string(request.platform)) + " for " + model.value + ": the SDK has no " +
                     (model.version == Version::TWO ? "Nova 2" : "Nova 1") + " template for it.");
  RecipeEntry out;
  out.name = file;
  out.display_name = file;
  out.instance_count = 1;
  out.supported_instance_types = {"ml.p5.48xlarge"};
  out.template_uri = "builtin://local/" + file + ".yaml";
  out.override_params_uri = "builtin://local/" + file + ".json";
  out.image_uri = local_eval_image(request.region, request.platform, model.version);
  out.local = true;
  return out;
}

}  // namespace

std::string normalise_instance_type(const std::string& type) {
  return type.rfind("ml.", 0) == 0 ? type : "ml." + type;
}

static std::vector<CatalogueListing> list_recipes_of(const std::string& document_json) {
  std::vector<CatalogueListing> out;
  const auto doc = Json::parse(document_json);
  for (const auto& e : doc.value("RecipeCollection", Json::array()))
    out.push_back({str(e, "Name"), str(e, "DisplayName"), str(e, "CustomizationTechnique"), str(e, "Type"), truthy(e, "Peft"),
                   on_platform(e, Platform::SMTJ), on_platform(e, Platform::SMHP)});
  return out;
}

static RecipeEntry select_recipe_of(const std::string& document_json, const RecipeRequest& request) {
  const auto doc = Json::parse(document_json, nullptr, false);
  if (!doc.is_object() || !doc.contains("RecipeCollection") || !doc["RecipeCollection"].is_array())
    throw ValueError("the hub content document of " + std::string(to_string(request.model)) + " has no RecipeCollection list");
  const std::string method(to_string(request.method));
  const std::string model(to_string(request.model));
  const std::string platform(to_string(request.platform));
  if (request.method == TrainingMethod::EVALUATION) {
    if (!request.eval_task) throw ValueError("'eval_task' is a required parameter when calling evaluate().");
    // LLM judge, rubric judge and RFT evaluation have no hub recipe: the SDK ships them.
    if (const auto& info = eval_task_info(*request.eval_task); !info.local_template.empty()) return local_eval_entry(request, info);
  }

  std::vector<Json> all;
  for (const auto& e : doc["RecipeCollection"])
    if (request.data_mixing || !(e.contains("IsSubscriptionModel") && e["IsSubscriptionModel"].is_boolean() && e["IsSubscriptionModel"].get<bool>()))
      all.push_back(e);

  std::vector<Json> candidates;
  std::copy_if(all.begin(), all.end(), std::back_inserter(candidates), [&](const Json& e) { return matches_method(e, request.method); });
  if (candidates.empty())
    throw ValueError(method + " is not supported for " + model + ". Methods available for " + model + ": " + join(methods_offered(all, std::nullopt)));

  std::vector<Json> on;
  std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(on), [&](const Json& e) { return on_platform(e, request.platform); });
  if (on.empty()) {
    const Platform other = request.platform == Platform::SMTJ ? Platform::SMHP : Platform::SMTJ;
    throw ValueError(method + " is not supported on " + platform + " for " + model + ". It is available on " +
                     std::string(to_string(other)) + "; methods available on " + platform + ": " + join(methods_offered(all, request.platform)));
  }
  candidates = std::move(on);

  if (request.method == TrainingMethod::EVALUATION) {
    std::string wanted = *request.eval_task == EvaluationTask::GEN_QA ? "bring your own dataset" : "general text benchmark";
    const auto keep_named = [&](const std::string& display) {
      std::vector<Json> kept;
      std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(kept), [&](const Json& e) { return contains_icase(str(e, "DisplayName"), display); });
      return kept;
    };
    // MMMU is a multimodal benchmark: its own recipe where the model has one (the reference
    // SDK always took the text benchmark recipe, leaving the multimodal ones unreachable).
    std::vector<Json> kept;
    if (*request.eval_task == EvaluationTask::MMMU) kept = keep_named("multi modal benchmark");
    if (kept.empty()) kept = keep_named(wanted);
    if (kept.empty())
      throw ValueError("evaluation task " + std::string(value_of(*request.eval_task)) + " needs a '" + wanted + "' recipe, which " + model + " has not on " + platform);
    candidates = std::move(kept);
  } else {
    const bool lora = is_lora(request.method);
    std::vector<Json> kept;
    std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(kept), [&](const Json& e) { return truthy(e, "Peft") == lora; });
    if (kept.empty())
      throw ValueError(method + " is not supported on " + platform + " for " + model + ". Methods available on " + platform + ": " + join(methods_offered(all, request.platform)));
    candidates = std::move(kept);
    // Among the recipes of this method (LoRA or full), prefer the data-mixing ones.
    const bool mixable = request.method == TrainingMethod::CPT || request.method == TrainingMethod::SFT_FULL || request.method == TrainingMethod::SFT_LORA;
    if (request.data_mixing && mixable) {
      std::vector<Json> mixing;
      std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(mixing), [](const Json& e) { return contains_icase(str(e, "Name"), "text_with_datamix"); });
      if (mixing.empty()) core::log(core::LogLevel::kWarn, "Data mixing is not supported for " + method + ".Using standard recipe instead. (No 'text_with_datamix' recipe of " + model + " on " + platform + ".)");
      else candidates = std::move(mixing);
    }
  }

  if (request.recipe_name) {
    std::vector<std::string> names;
    for (const auto& e : candidates) {
      if (str(e, "Name") == *request.recipe_name) return to_entry(e, request.platform);
      names.push_back(str(e, "Name"));
    }
    throw ValueError("recipe '" + *request.recipe_name + "' is not a " + method + " recipe of " + model + " on " + platform + ". Matching recipes: " + join(names));
  }

  if (candidates.size() > 1 && request.instance_type) {
    const auto type = normalise_instance_type(*request.instance_type);
    std::vector<Json> kept;
    std::copy_if(candidates.begin(), candidates.end(), std::back_inserter(kept), [&](const Json& e) {
      for (const auto& t : e.value("SupportedInstanceTypes", Json::array()))
        if (normalise_instance_type(t.get<std::string>()) == type) return true;
      return false;
    });
    if (kept.empty())
      throw ValueError(method + " using " + type + " is not supported on " + platform + " for " + model + ". Supported instance types: " + join(instance_types_of(candidates)));
    candidates = std::move(kept);
  }
  return to_entry(candidates.front(), request.platform);
}

// A hub document whose fields have the wrong types (a number where a list of instance types
// belongs, say) is the hub's fault, not a crash of ours: say which document it was.
template <typename Select>
static auto checked(const char* what, Select&& select) {
  try {
    return select();
  } catch (const nlohmann::json::exception& e) {
    throw ValueError(std::string("the recipe catalogue's ") + what + " is malformed: " + e.what());
  }
}

std::vector<CatalogueListing> list_recipes(const std::string& document_json) {
  return checked("hub content document", [&] { return list_recipes_of(document_json); });
}

RecipeEntry select_recipe(const std::string& document_json, const RecipeRequest& request) {
  return checked("hub content document", [&] { return select_recipe_of(document_json, request); });
}

}  // namespace nova::recipes
