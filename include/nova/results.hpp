#pragma once
/// @file
/// Job results: the status of a launched job, its artifacts, and dump()/load() in the
/// reference SDK's JSON format (files move between the two SDKs). Mirrors the
/// specification's "Job Results" section.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"

namespace nova {

/// A raw platform status as JobStatus: InProgress, Created, Running → IN_PROGRESS;
/// Completed, Succeeded → COMPLETED; anything else (Failed, Stopping, Stopped, ...) → FAILED.
JobStatus job_status_from_raw(std::string_view raw_status);

/// Where a training job left its model.
struct ModelArtifacts {
  std::optional<std::string> checkpoint_s3_path;
  std::optional<std::string> output_s3_path;
  bool operator==(const ModelArtifacts&) const = default;
};

/// Base of every job result.
class BaseJobResult {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  virtual ~BaseJobResult();
  BaseJobResult(const BaseJobResult&) = delete;
  BaseJobResult& operator=(const BaseJobResult&) = delete;

  const std::string& job_id() const noexcept { return job_id_; }
  TimePoint started_time() const noexcept { return started_time_; }
  virtual Platform platform() const noexcept = 0;
  /// The reference SDK's class name, written as `__class_name__` ("SMTJTrainingResult", ...).
  virtual std::string_view class_name() const noexcept = 0;

  /// (status, raw platform status). A terminal status (COMPLETED, FAILED) is remembered:
  /// later calls do not ask the platform again.
  /// @throws ServiceError, ConfigError; NotImplementedError for HyperPod (issue #9)
  std::pair<JobStatus, std::string> get_job_status();

  /// Writes the result as JSON to `file_path`/`file_name` (default: the current directory,
  /// `<job_id>_<SMTJ|SMHP>.json`), atomically. Prints "Job result saved to <path>".
  /// @return the path written. @throws DataPrepError when the file cannot be written
  std::filesystem::path dump(const std::optional<std::string>& file_path = std::nullopt,
                             const std::optional<std::string>& file_name = std::nullopt) const;

  /// Reads a file written by dump() (this SDK's or the reference's).
  /// @throws ValueError for an unreadable file, no or an unknown `__class_name__`, or a
  /// missing or invalid field
  static std::unique_ptr<BaseJobResult> load(const std::string& file_path);

  /// Where status calls go (default: the environment's configuration).
  void set_aws_options(AwsOptions aws) { aws_ = std::move(aws); }
  const AwsOptions& aws_options() const noexcept { return aws_; }

 protected:
  BaseJobResult(std::string job_id, TimePoint started_time);
  /// Asks the platform (no caching).
  virtual std::pair<JobStatus, std::string> fetch_job_status() = 0;

 private:
  std::string job_id_;
  TimePoint started_time_;
  AwsOptions aws_;
  std::mutex status_mutex_;
  std::optional<std::pair<JobStatus, std::string>> terminal_status_;
};

/// A training job's result.
class TrainingResult : public BaseJobResult {
 public:
  TrainingMethod method() const noexcept { return method_; }
  const ModelArtifacts& model_artifacts() const noexcept { return model_artifacts_; }
  /// The trained model (newer reference files carry it as `model_type`).
  const std::optional<Model>& model_type() const noexcept { return model_type_; }

 protected:
  TrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method, ModelArtifacts model_artifacts,
                 std::optional<Model> model_type);

 private:
  TrainingMethod method_;
  ModelArtifacts model_artifacts_;
  std::optional<Model> model_type_;
};

/// A SageMaker training job; status from DescribeTrainingJob.
class SMTJTrainingResult final : public TrainingResult {
 public:
  SMTJTrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method, ModelArtifacts model_artifacts,
                     std::optional<Model> model_type = std::nullopt);

  /// The job's artifacts from DescribeTrainingJob: checkpoint = CheckpointConfig.S3Uri,
  /// output = OutputDataConfig.S3OutputPath. @throws ServiceError, ConfigError
  static ModelArtifacts describe_model_artifacts(const std::string& job_id, const AwsOptions& aws = {});

  Platform platform() const noexcept override { return Platform::SMTJ; }
  std::string_view class_name() const noexcept override { return "SMTJTrainingResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;
};

/// A HyperPod training job. Its status arrives with issue #9 (native HyperPod).
class SMHPTrainingResult final : public TrainingResult {
 public:
  SMHPTrainingResult(std::string job_id, TimePoint started_time, TrainingMethod method, ModelArtifacts model_artifacts,
                     std::string cluster_name, std::optional<Model> model_type = std::nullopt,
                     std::string namespace_name = "kubeflow");

  const std::string& cluster_name() const noexcept { return cluster_name_; }
  const std::string& namespace_name() const noexcept { return namespace_name_; }
  Platform platform() const noexcept override { return Platform::SMHP; }
  std::string_view class_name() const noexcept override { return "SMHPTrainingResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;

 private:
  std::string cluster_name_;
  std::string namespace_name_;
};

/// An evaluation job's result. Downloading and showing results arrive with issue #5.
class EvaluationResult : public BaseJobResult {
 public:
  EvaluationTask eval_task() const noexcept { return eval_task_; }
  const std::string& eval_output_path() const noexcept { return eval_output_path_; }

  /// @throws NotImplementedError until issue #5.
  [[noreturn]] void get() const;
  /// @throws NotImplementedError until issue #5.
  [[noreturn]] void show() const;

 protected:
  EvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task, std::string eval_output_path);

 private:
  EvaluationTask eval_task_;
  std::string eval_output_path_;
};

class SMTJEvaluationResult final : public EvaluationResult {
 public:
  SMTJEvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task,
                       std::string eval_output_path);
  Platform platform() const noexcept override { return Platform::SMTJ; }
  std::string_view class_name() const noexcept override { return "SMTJEvaluationResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;
};

class SMHPEvaluationResult final : public EvaluationResult {
 public:
  SMHPEvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task,
                       std::string eval_output_path, std::string cluster_name,
                       std::string namespace_name = "kubeflow");
  const std::string& cluster_name() const noexcept { return cluster_name_; }
  const std::string& namespace_name() const noexcept { return namespace_name_; }
  Platform platform() const noexcept override { return Platform::SMHP; }
  std::string_view class_name() const noexcept override { return "SMHPEvaluationResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;

 private:
  std::string cluster_name_;
  std::string namespace_name_;
};

/// A batch-inference job's result. Downloading and showing results arrive with issue #5.
class SMTJBatchInferenceResult final : public BaseJobResult {
 public:
  SMTJBatchInferenceResult(std::string job_id, TimePoint started_time, std::string inference_output_path);
  const std::string& inference_output_path() const noexcept { return inference_output_path_; }
  Platform platform() const noexcept override { return Platform::SMTJ; }
  std::string_view class_name() const noexcept override { return "SMTJBatchInferenceResult"; }

  /// @throws NotImplementedError until issue #5.
  [[noreturn]] void get(const std::optional<std::string>& s3_path = std::nullopt) const;
  /// @throws NotImplementedError until issue #5.
  [[noreturn]] void show() const;

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;

 private:
  std::string inference_output_path_;
};

/// Python's `datetime.isoformat()` of a UTC time: `2026-01-30T12:34:56.123456+00:00`
/// (no fraction when the microseconds are 0).
std::string to_python_isoformat(std::chrono::system_clock::time_point time);
/// Parses what `datetime.fromisoformat` reads: `YYYY-MM-DD[T| ]HH:MM[:SS[.ffffff]]` with an
/// optional `Z` or `±HH:MM` offset (none: UTC). @throws ValueError naming the text
std::chrono::system_clock::time_point parse_python_isoformat(std::string_view text);

}  // namespace nova
