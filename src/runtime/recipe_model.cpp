// The model a recipe trains, read from its run.model_name_or_path.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "runtime/smtj_request.hpp"

namespace nova::runtime {

std::string resolve_model_name_or_path(const JobConfig& job) {
  if (job.model_name_or_path && !job.model_name_or_path->empty()) return *job.model_name_or_path;
  YAML::Node recipe;
  try {
    recipe = YAML::LoadFile(job.recipe_path);
  } catch (const YAML::BadFile&) {
    throw ValueError(fmt::format("Recipe file '{}' cannot be read: check the path in JobConfig.recipe_path.",
                                 job.recipe_path));
  } catch (const YAML::Exception& e) {
    throw ValueError(fmt::format("Recipe file '{}' is not valid YAML: {}", job.recipe_path, e.what()));
  }
  const YAML::Node model = recipe.IsMap() && recipe["run"].IsMap() ? recipe["run"]["model_name_or_path"] : YAML::Node();
  if (!model || !model.IsScalar() || model.Scalar().empty()) {
    throw ValueError(fmt::format(
        "Recipe file '{}' has no run.model_name_or_path: add it (e.g. nova-lite-2/prod or an s3:// checkpoint) "
        "or set JobConfig.model_name_or_path.",
        job.recipe_path));
  }
  return model.Scalar();
}

}  // namespace nova::runtime
