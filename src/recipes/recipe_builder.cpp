#include "recipes/recipe_builder.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "nova/error.hpp"
#include "recipes/catalogue_tables.hpp"
#include "recipes/hyperpod_payload.hpp"
#include "recipes/override_schema.hpp"
#include "recipes/recipe_filler.hpp"
#include "recipes/recipe_selector.hpp"
#include "recipes/recipe_validator.hpp"

namespace nova::recipes {
namespace {

bool is_rft(TrainingMethod m) { return m == TrainingMethod::RFT_LORA || m == TrainingMethod::RFT_FULL; }

void check_request(const RecipeRequest& r) {
  if (r.data_mixing && (r.platform != Platform::SMHP ||
                        !(r.method == TrainingMethod::CPT || r.method == TrainingMethod::SFT_FULL || r.method == TrainingMethod::SFT_LORA)))
    throw ValueError("Data mixing is only supported for [CPT, SFT_FULL, SFT_LORA] training methods on SageMaker HyperPod (SMHP); got " +
                     std::string(to_string(r.method)) + " on " + std::string(to_string(r.platform)) + ".");
  if (r.instance_count && *r.instance_count < 1)
    throw ValueError("instance_count must be at least 1, got " + std::to_string(*r.instance_count));
}

std::vector<std::pair<std::string, Value>> load_input_recipe(const std::string& path, const RecipeHooks& hooks) {
  if (!core::ends_with_icase(path, ".yaml")) throw ValueError("File must have .yaml extension: " + path);
  std::string text;
  if (path.rfind("s3://", 0) == 0) {
    if (!hooks.read_s3_object) throw ValueError("cannot read the recipe " + path + ": no S3 access configured");
    text = hooks.read_s3_object(path);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ValueError("cannot read the recipe file " + path + ": it does not exist or is not readable");
    std::ostringstream body;
    body << in.rdbuf();
    text = body.str();
  }
  const RecipeNode tree = parse_recipe_yaml(text, "at " + path);
  std::vector<std::pair<std::string, Value>> leaves;
  for_each_leaf(tree, [&](const std::string& key, const std::string&, const RecipeNode& leaf) {
    for (const auto& [k, _] : leaves)
      if (k == key) return;  // first occurrence wins
    leaves.emplace_back(key, leaf.value);
  });
  return leaves;
}

std::string safe_file_part(std::string s) {
  for (char& c : s)
    if (c == '/' || c == '\\' || c == '\0') c = '_';
  return s;
}

std::string write_recipe(const RecipeRequest& r, const std::string& recipe_name, const std::string& yaml) {
  std::filesystem::path dir;
  if (r.generated_recipe_dir && !r.generated_recipe_dir->empty()) {
    dir = *r.generated_recipe_dir;
    if (std::filesystem::exists(dir) && !std::filesystem::is_directory(dir))
      throw ValueError("generated_recipe_dir must be a directory, but " + dir.string() + " is a file");
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "nova-recipe-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw DataPrepError("cannot create a temporary directory for the recipe under " + std::filesystem::temp_directory_path().string());
    dir = pattern;
  }
  const auto path = dir / (safe_file_part(r.job_name) + "-" + recipe_name + ".yaml");
  core::AtomicFile file(path.string());
  file.write(yaml);
  file.commit();
  return path.string();
}

std::vector<ResolvedParam> parameters_of(const OverrideSchema& schema) {
  std::vector<ResolvedParam> out;
  for (const auto& key : schema.keys()) {
    if (key == "model_type" || key == "task" || key == "strategy" || key == "metric") continue;
    const auto& spec = *schema.find(key);
    out.push_back(ResolvedParam{key, spec.type, spec.default_value, spec.min, spec.max, spec.allowed, spec.required});
  }
  return out;
}

}  // namespace

ResolvedRecipe resolve_recipe(const RecipeRequest& request, Catalogue& catalogue, const RecipeHooks& hooks) {
  check_request(request);
  const auto& model = model_info(request.model);

  // Local evaluation templates need no hub document.
  const bool local_eval = request.method == TrainingMethod::EVALUATION && request.eval_task &&
                          !eval_task_info(*request.eval_task).local_template.empty();
  LoadedCatalogue loaded;
  if (local_eval) loaded = {HubContent{model.hub_content_name, std::string(kBuiltinVersion), "{\"RecipeCollection\": []}"}, "SDK-local evaluation template", true};
  else loaded = catalogue.load(model.hub_content_name);

  const RecipeEntry entry = select_recipe(loaded.content.document, request);

  std::string template_text = catalogue.read(loaded, entry.template_uri);
  std::string image = entry.image_uri;
  std::string payload;
  if (entry.hyperpod_payload) {
    payload = template_text;
    // The payload's own image when it writes one out; a placeholder leaves the entry's HpEksImageUri.
    if (const auto found = find_pytorch_image(template_text)) image = *found;
    if (image.empty())
      throw ValueError("Unable to generate image URI: the HyperPod payload of " + entry.name +
                       " names no pytorch container image (only a placeholder, or none) and the hub entry has no HpEksImageUri.");
    template_text = extract_hyperpod_recipe(template_text, is_rft(request.method));
  }
  image = resolve_builtin_image(image, request.region);
  if (image.empty())
    throw ValueError("SDK does not yet support '" + std::string(to_string(request.method)) + "' on '" + std::string(to_string(request.platform)) + "'");

  FillInput input;
  input.template_tree = parse_recipe_yaml(template_text, entry.template_uri);
  input.schema = OverrideSchema::from_json(catalogue.read(loaded, entry.override_params_uri), entry.override_params_uri);
  input.entry = entry;
  input.instance_type = request.instance_type ? normalise_instance_type(*request.instance_type) : entry.supported_instance_types.at(0);
  input.instance_count = request.instance_count.value_or(entry.instance_count);
  if (request.recipe_path) input.input_recipe_leaves = load_input_recipe(*request.recipe_path, hooks);
  const std::string instance_type = input.instance_type;

  FilledRecipe filled = fill_recipe(std::move(input), request, hooks);
  validate_recipe(filled.recipe, filled.schema, request, instance_type);

  ResolvedRecipe out;
  out.yaml = emit_recipe_yaml(filled.recipe);
  out.recipe_name = entry.name;
  out.image_uri = image;
  out.instance_type = instance_type;
  out.instance_count = filled.instance_count;
  const auto string_default = [&](const char* key) {
    const auto* spec = filled.schema.find(key);
    return spec && spec->default_value.kind() == Value::Kind::String ? spec->default_value.as_string() : std::string();
  };
  out.output_s3_path = string_default("output_s3_path");
  out.data_s3_path = string_default("data_s3_path");
  out.origin = loaded.origin;
  out.hub_content_version = loaded.content.version;
  out.parameters = parameters_of(filled.schema);
  out.hyperpod_payload = std::move(payload);
  if (request.write_file) out.file_path = write_recipe(request, entry.name, out.yaml);
  return out;
}

}  // namespace nova::recipes
