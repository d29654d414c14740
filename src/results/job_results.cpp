// The result classes: construction, the cached status, and what arrives with later issues
// (downloads of evaluation and inference results: eval_results.cpp, inference_results.cpp).

#include <fmt/format.h>

#include "nova/results.hpp"

namespace nova {

JobStatus job_status_from_raw(std::string_view raw_status) {
  if (raw_status == "InProgress" || raw_status == "Created" || raw_status == "Running") return JobStatus::IN_PROGRESS;
  if (raw_status == "Completed" || raw_status == "Succeeded") return JobStatus::COMPLETED;
  // As the reference: every other state (Failed, Stopping, Stopped, Restarting, ...) is FAILED.
  return JobStatus::FAILED;
}

BaseJobResult::BaseJobResult(std::string job_id, TimePoint started_time)
    : job_id_(std::move(job_id)), started_time_(started_time) {
  if (job_id_.empty()) throw ValueError("job_id is required: the id execute() returned.");
}

BaseJobResult::~BaseJobResult() = default;

std::pair<JobStatus, std::string> BaseJobResult::get_job_status() {
  std::lock_guard lock(status_mutex_);
  if (terminal_status_) return *terminal_status_;
  auto status = fetch_job_status();
  if (status.first != JobStatus::IN_PROGRESS) terminal_status_ = status;
  return status;
}

TrainingResult::TrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method,
                               ModelArtifacts model_artifacts, std::optional<Model> model_type)
    : BaseJobResult(std::move(job_id), started_time),
      method_(method),
      model_artifacts_(std::move(model_artifacts)),
      model_type_(model_type) {}

SMTJTrainingResult::SMTJTrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method,
                                       ModelArtifacts model_artifacts, std::optional<Model> model_type)
    : TrainingResult(std::move(job_id), started_time, method, std::move(model_artifacts), model_type) {}

SMHPTrainingResult::SMHPTrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method,
                                       ModelArtifacts model_artifacts, std::string cluster_name,
                                       std::optional<Model> model_type, std::string namespace_name)
    : TrainingResult(std::move(job_id), started_time, method, std::move(model_artifacts), model_type),
      cluster_name_(std::move(cluster_name)),
      namespace_name_(std::move(namespace_name)) {}

EvaluationResult::EvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task,
                                   std::string eval_output_path)
    : BaseJobResult(std::move(job_id), started_time),
      eval_task_(eval_task),
      eval_output_path_(std::move(eval_output_path)) {}

SMTJEvaluationResult::SMTJEvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task,
                                           std::string eval_output_path)
    : EvaluationResult(std::move(job_id), started_time, eval_task, std::move(eval_output_path)) {}

SMHPEvaluationResult::SMHPEvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task,
                                           std::string eval_output_path, std::string cluster_name,
                                           std::string namespace_name)
    : EvaluationResult(std::move(job_id), started_time, eval_task, std::move(eval_output_path)),
      cluster_name_(std::move(cluster_name)),
      namespace_name_(std::move(namespace_name)) {}

BatchInferenceResult::BatchInferenceResult(std::string job_id, TimePoint started_time, std::string inference_output_path)
    : BaseJobResult(std::move(job_id), started_time), inference_output_path_(std::move(inference_output_path)) {}

SMTJBatchInferenceResult::SMTJBatchInferenceResult(std::string job_id, TimePoint started_time,
                                                   std::string inference_output_path)
    : BatchInferenceResult(std::move(job_id), started_time, std::move(inference_output_path)) {}

SMHPBatchInferenceResult::SMHPBatchInferenceResult(std::string job_id, TimePoint started_time,
                                                   std::string inference_output_path, std::string cluster_name,
                                                   std::string namespace_name)
    : BatchInferenceResult(std::move(job_id), started_time, std::move(inference_output_path)),
      cluster_name_(std::move(cluster_name)),
      namespace_name_(std::move(namespace_name)) {}

}  // namespace nova
