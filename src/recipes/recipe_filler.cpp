#include "recipes/recipe_filler.hpp"

#include <cstdio>
#include <set>

#include "core/log.hpp"
#include "nova/error.hpp"
#include "recipes/catalogue_tables.hpp"
#include "recipes/closest_keys.hpp"

namespace nova::recipes {
namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// A stable stand-in for the reference's random uuid suffix, so the same request always
// gives the same recipe (FNV-1a of the job name).
std::string stable_suffix(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

void set_default(OverrideSchema& schema, const std::string& key, Value value) { schema.ensure(key).default_value = std::move(value); }

void apply_sdk_values(OverrideSchema& schema, const FillInput& in, const RecipeRequest& r, const RecipeNode& tmpl) {
  const auto& model = model_info(r.model);
  set_default(schema, "name", r.job_name);
  set_default(schema, "model_type", model.model_type);
  set_default(schema, "model_name_or_path", r.model_path.value_or(model.model_path));
  set_default(schema, "data_s3_path", r.data_s3_path);
  set_default(schema, "output_s3_path", r.output_s3_path);

  // Replicas (3.5): a schema without `replicas` (SMTJ) accepts the template's literal count
  // and the hub's InstanceCount.
  if (!schema.contains("replicas")) {
    const RecipeNode* run = tmpl.find("run");
    const RecipeNode* literal = run ? run->find("replicas") : nullptr;
    ParamSpec spec;
    spec.type = "integer";
    spec.required = true;
    spec.allowed = std::vector<Value>{};
    if (literal && literal->value.kind() == Value::Kind::Int) spec.allowed->push_back(literal->value);
    schema.replace("replicas", spec);
  }
  ParamSpec& replicas = *schema.find("replicas");
  replicas.default_value = Value(in.instance_count);
  if (replicas.allowed) {
    const Value count(in.entry.instance_count);
    if (std::find(replicas.allowed->begin(), replicas.allowed->end(), count) == replicas.allowed->end())
      replicas.allowed->push_back(count);
  }

  if (!schema.contains("instance_type")) {
    ParamSpec spec;
    spec.type = "string";
    spec.required = true;
    std::vector<Value> types;
    for (const auto& t : in.entry.supported_instance_types) types.emplace_back(t);
    spec.allowed = types;
    spec.default_value = Value(in.instance_type);
    schema.replace("instance_type", spec);
  }

  if (!r.mlflow_tracking_uri.empty()) {
    set_default(schema, "mlflow_tracking_uri", r.mlflow_tracking_uri);
    set_default(schema, "mlflow_experiment_name", r.mlflow_experiment_name.empty() ? r.job_name : r.mlflow_experiment_name);
    set_default(schema, "mlflow_run_name",
                r.mlflow_run_name.empty() ? r.job_name + "-" + stable_suffix(r.job_name) : r.mlflow_run_name);
  }
  if (r.method == TrainingMethod::RFT_LORA || r.method == TrainingMethod::RFT_FULL) set_default(schema, "reward_lambda_arn", r.rft_lambda_arn);
  if (r.method == TrainingMethod::CPT && !r.validation_data_s3_path.empty()) set_default(schema, "validation_s3_path", r.validation_data_s3_path);

  if (r.method == TrainingMethod::EVALUATION && r.eval_task) {
    const auto& info = eval_task_info(*r.eval_task);
    set_default(schema, "task", std::string(value_of(*r.eval_task)));
    set_default(schema, "strategy", info.strategy);
    set_default(schema, "metric", info.metric);
    if (r.subtask) set_default(schema, "subtask", *r.subtask);
    for (const auto& key : {"lambda_arn", "lambda_type", "aggregation"}) {
      auto it = r.processor.find(key);
      if (it == r.processor.end()) continue;
      set_default(schema, key, it->second);
      if (std::string(key) == "aggregation") {
        auto& spec = *schema.find(key);
        spec.type = "string";
        spec.allowed = std::vector<Value>{"average", "min", "max", "sum"};
      }
    }
    for (const auto& key : {"preprocessing", "postprocessing"}) {
      auto it = r.processor.find(key);
      if (it == r.processor.end()) continue;
      set_default(schema, key, it->second);
      schema.find(key)->type = "boolean";
    }
    if (auto it = r.rl_env.find("reward_lambda_arn"); it != r.rl_env.end()) set_default(schema, "reward_lambda_arn", it->second);
  }
}

// Recipe leaf name of a data-mixing config key: customer_data_percent -> percent,
// nova_code_percent -> code.
std::string data_mixing_leaf(const std::string& key) {
  if (key == "customer_data_percent") return "percent";
  std::string leaf = key;
  if (starts_with(leaf, "nova_")) leaf = leaf.substr(5);
  const std::string suffix = "_percent";
  if (leaf.size() > suffix.size() && leaf.compare(leaf.size() - suffix.size(), suffix.size(), suffix) == 0)
    leaf.resize(leaf.size() - suffix.size());
  return leaf;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

class Filler {
 public:
  Filler(FillInput& in, const RecipeRequest& r, const RecipeHooks& hooks) : in_(in), r_(r), hooks_(hooks) {}

  FilledRecipe run() {
    OverrideSchema& schema = in_.schema;
    apply_sdk_values(schema, in_, r_, in_.template_tree);
    check_overrides();
    for (const auto& [key, value] : r_.overrides)
      if (!leaf_keys_.count(key) && schema.contains(key)) schema.find(key)->default_value = value;
    walk();
    apply_data_mixing();
    FilledRecipe out{in_.template_tree, schema, in_.instance_count};
    fill(out.recipe, schema);
    if (const auto* replicas = schema.find("replicas"); replicas && replicas->default_value.kind() == Value::Kind::Int)
      out.instance_count = static_cast<int>(replicas->default_value.as_int());
    return out;
  }

 private:
  void check_overrides() {
    for_each_leaf(std::as_const(in_.template_tree), [&](const std::string& key, const std::string&, const RecipeNode&) { leaf_keys_.insert(key); });
    std::vector<std::string> valid(leaf_keys_.begin(), leaf_keys_.end());
    for (const auto& k : in_.schema.keys())
      if (!leaf_keys_.count(k)) valid.push_back(k);
    for (const auto& [key, value] : r_.overrides) {
      if (key == "model_type")
        throw ValueError("'model_type' cannot be overridden: it follows the model (" + std::string(to_string(r_.model)) + "). Choose another model instead.");
      if (key == "task")
        throw ValueError("'task' cannot be overridden: set eval_task instead (one of: " + join([] {
                           std::vector<std::string> v;
                           for (auto n : all_evaluation_task_names()) v.emplace_back(n);
                           return v;
                         }()) + ").");
      if (key == "peft_scheme")
        throw ValueError("'peft_scheme' is not an overridable parameter: choose a LoRA method (SFT_LORA, DPO_LORA, RFT_LORA) or a full one (SFT_FULL, DPO_FULL, RFT_FULL).");
      if (key == "instance_type")
        throw ValueError("'instance_type' is not a recipe override: pass the instance type of the job instead (allowed: " + join(in_.entry.supported_instance_types) + ").");
      if (is_data_mixing_key(key))
        throw ValueError("'" + key + "' is set through the data mixing configuration (set_data_mixing_config), not through overrides.");
      if (key == "model_name_or_path") {
        check_model_path(value, true);
        continue;
      }
      if (leaf_keys_.count(key) || in_.schema.contains(key)) continue;
      const auto near = closest_keys(key, valid);
      throw ValueError("Unknown override '" + key + "' for recipe " + in_.entry.name + "." +
                       (near.empty() ? std::string() : " Did you mean: " + join(near) + "?") +
                       " Valid keys: " + join(sorted(valid)) + ".");
    }
  }

  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }

  // An s3:// path of a trained model replaces the base model; anything else may only repeat it.
  bool check_model_path(const Value& value, bool from_override) {
    const std::string current = r_.model_path.value_or(model_info(r_.model).model_path);
    if (value.kind() == Value::Kind::String && starts_with(value.as_string(), "s3://")) {
      if (hooks_.check_model_path) hooks_.check_model_path(value.as_string());
      return true;
    }
    if (value.kind() == Value::Kind::String && value.as_string() == current) return false;
    if (from_override)
      throw ValueError("'model_name_or_path' can only be overridden with the s3:// path of a trained model, got " + value.to_yaml() +
                       "; the base model's path is " + current + ".");
    core::log(core::LogLevel::kWarn, "ignoring model_name_or_path " + value.to_yaml() + " of the recipe file: not an s3:// path");
    return false;
  }

  const Value* input_value(const std::string& key) const {
    for (const auto& [k, v] : in_.input_recipe_leaves)
      if (k == key) return &v;
    return nullptr;
  }

  void walk() {
    OverrideSchema& schema = in_.schema;
    for_each_leaf(std::as_const(in_.template_tree), [&](const std::string& key, const std::string&, const RecipeNode& leaf) {
      const auto placeholder = placeholder_of(leaf.value);
      if (key == "peft_scheme") return;
      if (key == "model_type" || key == "task") {
        const Value* given = input_value(key);
        if (given && given->kind() == Value::Kind::String && *given != schema.find(key)->default_value)
          core::log(core::LogLevel::kWarn, "ignoring " + key + " " + given->to_yaml() + " of the recipe file: it follows the " +
                                               (key == "task" ? "eval_task" : "model"));
        if (placeholder && *placeholder != key) schema.alias(key, *placeholder);
        return;
      }
      const Value* value = nullptr;
      if (auto it = r_.overrides.find(key); it != r_.overrides.end()) value = &it->second;
      else if (const Value* given = input_value(key); given && !is_data_mixing_key(key)) value = given;
      if (value && key == "model_name_or_path" && !check_model_path(*value, false)) value = nullptr;
      if (value) {
        if (placeholder && *placeholder == key) {
          schema.ensure(key).default_value = *value;
        } else if (placeholder && schema.alias(key, *placeholder)) {
          auto& spec = *schema.find(key);
          spec.required = false;
          spec.default_value = *value;
        } else {
          ParamSpec spec;
          spec.default_value = *value;
          // temperature is written as a float whatever the template's literal (0): 0.7 must pass.
          spec.type = key == "temperature" ? "float" : schema_type_of(leaf.value);
          spec.required = true;
          if (const auto* old = schema.find(key)) spec.allowed = old->allowed;
          schema.replace(key, spec);
        }
      } else if (placeholder && *placeholder != key) {
        if (schema.alias(key, *placeholder)) schema.find(key)->required = false;
      }
    });
  }

  // Every percentage of the recipe's schema goes in as a float: the configured one, else the
  // schema's default (the mix before set_data_mixing_config is the template's).
  void apply_data_mixing() {
    if (!r_.data_mixing) return;
    const std::vector<std::string> keys = in_.schema.keys();  // alias() adds keys
    for (const auto& key : keys) {
      if (key == "dataset_catalog" || !is_data_mixing_key(key)) continue;
      auto& spec = *in_.schema.find(key);
      const auto configured = r_.data_mixing_config.find(key);
      if (configured != r_.data_mixing_config.end()) spec.default_value = Value(configured->second);
      else if (spec.default_value.is_number()) spec.default_value = Value(spec.default_value.as_double());
      spec.required = false;
      spec.type = "float";
      in_.schema.alias(data_mixing_leaf(key), key);
    }
  }

  static void fill(RecipeNode& node, const OverrideSchema& schema) {
    for (auto& [key, child] : node.children) {
      if (child.is_map) {
        if (key == "preprocessing" || key == "postprocessing") {
          const auto* spec = schema.find(key);
          auto* enabled = child.find("enabled");
          if (spec && enabled && !spec->default_value.is_null()) enabled->value = spec->default_value;
          continue;
        }
        fill(child, schema);
        continue;
      }
      const auto* spec = schema.find(key);
      const bool optimizer_name = key == "name" && child.value == Value("distributed_fused_adam");
      if (spec && !optimizer_name) child.value = spec->default_value;
      if (key == "temperature" && child.value.kind() == Value::Kind::Int) child.value = Value(static_cast<double>(child.value.as_int()));
    }
  }

  FillInput& in_;
  const RecipeRequest& r_;
  const RecipeHooks& hooks_;
  std::set<std::string> leaf_keys_;
};

}  // namespace

bool is_data_mixing_key(const std::string& key) {
  if (key == "customer_data_percent" || key == "dataset_catalog") return true;
  const std::string suffix = "_percent";
  return starts_with(key, "nova_") && key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
}

FilledRecipe fill_recipe(FillInput input, const RecipeRequest& request, const RecipeHooks& hooks) {
  FilledRecipe out = Filler(input, request, hooks).run();
  std::vector<std::string> unfilled;
  for_each_leaf(std::as_const(out.recipe), [&](const std::string&, const std::string& path, const RecipeNode& leaf) {
    if (auto p = placeholder_of(leaf.value)) unfilled.push_back(path + " ({{" + *p + "}})");
  });
  if (!unfilled.empty())
    throw ValueError("recipe " + input.entry.name + " has template parameters its override schema does not define: " + join(unfilled));
  return out;
}

}  // namespace nova::recipes
