// batch_inference(): the BYOD gen_qa evaluation recipe over the input records, from any
// customizer (the reference builds a recipe with the customizer's own method, so it only
// produced a training recipe or an error), recording the real job id.

#include <chrono>

#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "customizer/customizer_state.hpp"
#include "customizer/evaluation_support.hpp"
#include "customizer/model_path_resolution.hpp"
#include "nova/customizer.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"

namespace nova {

NovaModelCustomizer::PreparedJob NovaModelCustomizer::Impl::prepare_batch_inference(const BatchInferenceOptions& b) {
  if (b.job_name.empty()) throw ValueError("job_name is required: a name for the batch inference job");
  if (b.input_path.empty()) throw ValueError("input_path is required: the s3:// gen_qa records to run inference on");
  aws::parse_s3_uri(b.input_path);
  const std::string output = b.output_s3_path.empty() ? output_s3_path : b.output_s3_path;
  aws::parse_s3_uri(output);
  auto s3 = session->s3();
  const customizer::ResolvedModelPath checkpoint = customizer::resolve_model_path(
      s3, {b.model_path, nullptr, options.model_path, training_job_id, output_s3_path, infra->platform()});

  recipes::RecipeRequest r = recipe_request(b.job_name);
  r.method = TrainingMethod::EVALUATION;
  r.eval_task = EvaluationTask::GEN_QA;
  r.data_s3_path = b.input_path;
  r.output_s3_path = output;
  r.recipe_path = b.recipe_path;
  r.overrides = b.overrides;
  r.model_path = checkpoint.path;
  r.data_mixing = false;
  r.data_mixing_config.clear();
  if (method != TrainingMethod::EVALUATION) r.instance_count.reset();
  const recipes::ResolvedRecipe recipe = recipes->resolve(r);
  customizer::validate_byod_data(recipe.data_s3_path, model, EvaluationTask::GEN_QA);
  return prepare_job(recipe, b.job_name, "S3Prefix", checkpoint.path);
}

TrainingPlan NovaModelCustomizer::plan_batch_inference(const BatchInferenceOptions& options) {
  customizer::ScopedInstanceCount keep(*impl_->infra);
  return impl_->prepare_batch_inference(options).plan;
}

std::shared_ptr<BatchInferenceResult> NovaModelCustomizer::batch_inference(const BatchInferenceOptions& options) {
  Impl& s = *impl_;
  customizer::ScopedInstanceCount keep(*s.infra);
  const PreparedJob job = s.prepare_batch_inference(options);
  if (options.dry_run) return nullptr;
  const auto started = std::chrono::system_clock::now();
  const std::string job_id = s.infra->execute(job.config);
  s.job_id = job_id;
  s.job_started_time = started;
  const std::string prefix = customizer::job_output_prefix(job.plan.output_s3_path, job_id);
  // On HyperPod the gen_qa recipe runs as an evaluation job (hyperpod.md 1.4), whose output
  // is loose objects under <output>/<job>/eval-result/ (4.5).
  if (const auto* hp = dynamic_cast<const SMHPRuntimeManager*>(s.infra.get())) {
    return std::make_shared<SMHPBatchInferenceResult>(job_id, started, prefix + "/eval-result/", hp->cluster_name(),
                                                      hp->namespace_name());
  }
  return std::make_shared<SMTJBatchInferenceResult>(job_id, started, prefix + "/output/output.tar.gz");
}

}  // namespace nova
