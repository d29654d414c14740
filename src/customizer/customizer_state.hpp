#pragma once
// The state behind NovaModelCustomizer, shared by the files that implement its methods
// (construction and train() here; evaluate(), batch_inference(), get_logs() beside it).

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "customizer/data_mixing.hpp"
#include "customizer/recipe_access.hpp"
#include "nova/customizer.hpp"
#include "nova/runtime.hpp"
#include "recipes/recipe_request.hpp"

namespace nova::aws {
class Session;
}

namespace nova {

struct NovaModelCustomizer::PreparedJob {
  TrainingPlan plan;
  JobConfig config;
};

struct NovaModelCustomizer::Impl {
  Model model;
  TrainingMethod method;
  std::shared_ptr<RuntimeManager> infra;
  CustomizerOptions options;
  std::map<std::string, bool> validation;
  std::shared_ptr<const aws::Session> session;
  std::string region;
  std::string output_s3_path;
  std::unique_ptr<customizer::RecipeAccess> recipes;
  customizer::DataMixing mixing;
  std::optional<std::string> job_id;
  // The last job train() started: its checkpoint is what evaluate() runs by default.
  std::optional<std::string> training_job_id;
  std::chrono::system_clock::time_point job_started_time;

  // Resolves the recipe model/method/infra call for (a misconfiguration fails at once, not at
  // train()) and returns the data mixing that recipe starts with (disabled unless enabled).
  customizer::DataMixing check_recipe() const;
  // set_model/set_method/set_infra: the new combination checked as at construction, the mix
  // reset to the new recipe's defaults (logged as `change`); unchanged when it fails.
  void reconfigure(Model new_model, TrainingMethod new_method, std::shared_ptr<RuntimeManager> new_infra,
                   const std::string& change);
  // The recipe request every job of this customizer starts from (SDK-set values).
  recipes::RecipeRequest recipe_request(const std::string& job_name) const;
  // The one error message of the pre-flight checks validation_config asks for (every failure
  // with its fix); empty when nothing failed. `write_path`: where the job writes (empty:
  // output_s3_path); `job_name`: the user's name, which scopes the job permissions.
  std::string preflight_problems(const std::string& data_path, const std::string& role_arn,
                                 const std::string& write_path = {}, const std::string& job_name = {}) const;
  PreparedJob prepare(const TrainOptions& train);
  // The job for a resolved recipe: its JobConfig, the runtime's plan, and every pre-launch
  // problem (one ValueError). Shared by train(), evaluate() and batch_inference().
  PreparedJob prepare_job(const recipes::ResolvedRecipe& recipe, const std::string& job_name,
                          std::optional<std::string> input_s3_data_type,
                          std::optional<std::string> model_name_or_path);
  PreparedJob prepare_evaluation(const EvaluateOptions& evaluate);
  PreparedJob prepare_batch_inference(const BatchInferenceOptions& inference);
};

}  // namespace nova
