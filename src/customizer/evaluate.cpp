// evaluate(): an evaluation recipe for the task (whatever the customizer's training method),
// the model from the model path chain, BYOD data validated before launch.

#include <chrono>

#include <fmt/format.h>

#include "aws/session/session.hpp"
#include "customizer/customizer_state.hpp"
#include "customizer/evaluation_support.hpp"
#include "customizer/model_path_resolution.hpp"
#include "nova/customizer.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "recipes/catalogue_tables.hpp"

namespace nova {

NovaModelCustomizer::PreparedJob NovaModelCustomizer::Impl::prepare_evaluation(const EvaluateOptions& e) {
  if (e.job_name.empty()) throw ValueError("job_name is required: a name for the evaluation job");
  const recipes::EvalTaskInfo& task = recipes::eval_task_info(e.eval_task);
  auto s3 = session->s3();
  const customizer::ResolvedModelPath checkpoint = customizer::resolve_model_path(
      s3, {e.model_path, e.job_result, options.model_path, training_job_id, output_s3_path, infra->platform()});

  recipes::RecipeRequest r = recipe_request(e.job_name);
  r.method = TrainingMethod::EVALUATION;
  r.eval_task = e.eval_task;
  r.subtask = e.subtask;
  r.processor = e.processor;
  r.rl_env = e.rl_env;
  r.recipe_path = e.recipe_path;
  r.overrides = e.overrides;
  r.model_path = checkpoint.path;
  r.data_mixing = false;
  r.data_mixing_config.clear();
  // A training customizer's instance count is its training job's; the evaluation recipe has its own.
  if (method != TrainingMethod::EVALUATION) r.instance_count.reset();
  // The customizer's data path is training data: only a BYOD task reads it as evaluation data.
  r.data_s3_path = e.data_s3_path.value_or(task.byod ? options.data_s3_path.value_or("") : "");
  const recipes::ResolvedRecipe recipe = recipes->resolve(r);
  if (task.byod && !recipe.data_s3_path.empty()) customizer::validate_byod_data(recipe.data_s3_path, model, e.eval_task);
  return prepare_job(recipe, e.job_name, "S3Prefix", checkpoint.path);
}

TrainingPlan NovaModelCustomizer::plan_evaluation(const EvaluateOptions& options) {
  customizer::ScopedInstanceCount keep(*impl_->infra);
  return impl_->prepare_evaluation(options).plan;
}

std::shared_ptr<EvaluationResult> NovaModelCustomizer::evaluate(const EvaluateOptions& options) {
  Impl& s = *impl_;
  customizer::ScopedInstanceCount keep(*s.infra);
  const PreparedJob job = s.prepare_evaluation(options);
  if (options.dry_run) return nullptr;
  const auto started = std::chrono::system_clock::now();
  const std::string job_id = s.infra->execute(job.config);
  s.job_id = job_id;
  s.job_started_time = started;
  const std::string prefix = customizer::job_output_prefix(job.plan.output_s3_path, job_id);
  if (const auto* hp = dynamic_cast<const SMHPRuntimeManager*>(s.infra.get())) {
    return std::make_shared<SMHPEvaluationResult>(job_id, started, options.eval_task, prefix + "/eval-result/",
                                                  hp->cluster_name(), hp->namespace_name());
  }
  return std::make_shared<SMTJEvaluationResult>(job_id, started, options.eval_task, prefix + "/output/output.tar.gz");
}

}  // namespace nova
