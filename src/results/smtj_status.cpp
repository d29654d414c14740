// SageMaker training job status and artifacts (DescribeTrainingJob) for the SMTJ results.

#include "aws/session/session_for.hpp"
#include "nova/results.hpp"
#include "results/results_cache.hpp"

namespace nova {
namespace {

std::pair<JobStatus, std::string> describe_status(const std::string& job_id, const AwsOptions& aws) {
  const std::string raw = aws::session_for(aws)->sagemaker().describe_training_job(job_id).status;
  return {job_status_from_raw(raw), raw};
}

std::optional<std::string> non_empty(std::string s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

ModelArtifacts SMTJTrainingResult::describe_model_artifacts(const std::string& job_id, const AwsOptions& aws) {
  const aws::DescribeTrainingJobResult job = aws::session_for(aws)->sagemaker().describe_training_job(job_id);
  return ModelArtifacts{non_empty(job.checkpoint_s3_uri), non_empty(job.output_s3_path)};
}

std::pair<JobStatus, std::string> SMTJTrainingResult::fetch_job_status() {
  return describe_status(job_id(), aws_options());
}

std::pair<JobStatus, std::string> SMTJEvaluationResult::fetch_job_status() {
  return describe_status(job_id(), aws_options());
}

std::optional<std::string> SMTJEvaluationResult::recorded_output_path() {
  return results::smtj_recorded_output_path(job_id(), aws_options());
}

std::pair<JobStatus, std::string> SMTJBatchInferenceResult::fetch_job_status() {
  return describe_status(job_id(), aws_options());
}

}  // namespace nova
