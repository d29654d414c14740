#pragma once
/// @file
/// Job results: the status of a launched job, its artifacts, and dump()/load() in the
/// reference SDK's JSON format (files move between the two SDKs). Mirrors the
/// specification's "Job Results" section.

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  /// @throws ServiceError, ConfigError
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

/// A HyperPod training job; status from its PyTorchJob's conditions (Created, Running,
/// Restarting, Suspended -> IN_PROGRESS; Succeeded -> COMPLETED; Failed -> FAILED; a job no
/// longer on the cluster, as after cleanup -> FAILED with raw status "Stopped").
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

/// One row of an evaluation's metrics: `results` -> "<suite>|<task>|<shots>" -> metric.
struct EvaluationMetric {
  std::string task;    ///< the results key, e.g. "mmlu|abstract_algebra|0"
  std::string metric;  ///< e.g. "acc"
  double value{0};
  std::optional<double> stderr_value;  ///< the `<metric>_stderr` beside it, if any
  bool operator==(const EvaluationMetric&) const = default;
};

/// What EvaluationResult::get() returns. The Python module maps `json` to the dictionary.
struct EvaluationMetrics {
  JobStatus status{JobStatus::IN_PROGRESS};
  std::string raw_status;
  /// Why there are no metrics (job running or failed, no results file); empty when found.
  std::string message;
  /// The first `results_*.json` of the job's output, verbatim; "{}" when there is none.
  std::string json{"{}"};
  /// Its numeric metrics in file order (non-numeric values are left out of the table).
  std::vector<EvaluationMetric> metrics;
  /// The local copy of the results file, when found.
  std::optional<std::filesystem::path> results_file;
  bool empty() const noexcept { return !results_file.has_value(); }
};

/// An evaluation job's result.
///
/// Results are cached per job in `<cache>/eval_results_<job_id>` where `<cache>` is
/// `$NOVA_CACHE_DIR/results`, else `<system temp>/nova-results-<uid>`. Unlike the reference
/// (a temporary directory deleted with the object) the cache outlives the object, so the next
/// get() -- in this process or the next `nova results` command -- reuses it; clean() removes it.
class EvaluationResult : public BaseJobResult {
 public:
  EvaluationTask eval_task() const noexcept { return eval_task_; }
  const std::string& eval_output_path() const noexcept { return eval_output_path_; }

  /// COMPLETED: the output archive (`.tar.gz`) is downloaded and unpacked, or every object
  /// under the output prefix (HyperPod's `eval-result/`) mirrored, into the cache (once), and
  /// the first `results_*.json` found is returned. Not completed: empty, with a message.
  /// @throws ValueError the output path is not s3://bucket/key or lies outside the job's
  ///   output bucket; DataPrepError a corrupt or truncated archive, an unreadable results
  ///   file (nothing half-extracted is left); ServiceError, ConfigError
  EvaluationMetrics get();
  /// Prints "Evaluation Results for job_id=<id>, eval_task=<task>:" and a table of task,
  /// metric, value and stderr; or the message when there are no results.
  void show(std::ostream& out);
  void show();
  /// Uploads every file of the first `tensorboard_results` directory of the results to
  /// `tensorboard_s3_path` + its relative path (default: the output path with
  /// `/output.tar.gz` replaced by `/tensorboard_results/`). Returns the number of files
  /// uploaded (0, with a warning, when the results hold no such directory).
  /// @throws ValueError a target that is not s3://; as get()
  std::size_t upload_tensorboard_results(const std::optional<std::string>& tensorboard_s3_path = std::nullopt);
  /// Removes the cached results of this job.
  void clean();
  /// Where get() caches this job's results.
  std::filesystem::path cache_directory() const;

 protected:
  EvaluationResult(std::string job_id, TimePoint started_time, EvaluationTask eval_task, std::string eval_output_path);
  /// The output location the platform recorded for the job (SMTJ: OutputDataConfig), to
  /// check that the result's path lies in its bucket; none when the platform has none.
  virtual std::optional<std::string> recorded_output_path() { return std::nullopt; }

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
  std::optional<std::string> recorded_output_path() override;
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

/// One formatted batch-inference record (the reference's fields).
struct InferenceRecord {
  std::string system;              ///< the prompt's system turn, "" when none
  std::string query;               ///< the prompt's user turn
  std::string gold_response;
  std::string inference_response;  ///< the model's answer, list brackets and escapes removed
  std::optional<std::string> metadata_json;  ///< the line's `metadata` as JSON, when non-empty
  bool operator==(const InferenceRecord&) const = default;
};

/// What SMTJBatchInferenceResult::get() returns.
struct InferenceResults {
  JobStatus status{JobStatus::IN_PROGRESS};
  std::string raw_status;
  std::string message;  ///< why there are no records; empty when the output was read
  std::vector<InferenceRecord> records;
  /// Set when get() wrote the records (s3:// URI or local path).
  std::optional<std::string> saved_to;
  /// `{"<key>": [records]}`: the "results" (the CLI's contract) or the reference's
  /// "inference_results".
  std::string to_json(std::string_view key = "results") const;
  /// One JSON object per record, joined by newlines, non-ASCII text as is (the reference's file).
  std::string to_jsonl() const;
};

/// A batch-inference job's result. Cached as EvaluationResult's, in
/// `<cache>/inference_results_<job_id>`.
class BatchInferenceResult : public BaseJobResult {
 public:
  const std::string& inference_output_path() const noexcept { return inference_output_path_; }

  /// COMPLETED: the job's first `*inference_output.jsonl` is brought into the cache (once) and
  /// each line formatted. With `s3_path`, the records are also written as JSONL: to S3
  /// (ContentType application/jsonlines) or, for any other path, a local file (atomically,
  /// directories created). Not completed: empty, with a message.
  /// @throws ValueError a bad output path or one outside the job's output bucket;
  ///   DataPrepError a corrupt or truncated archive, no inference output, a line that is not
  ///   a JSON object, a local file that cannot be written; ServiceError, ConfigError
  InferenceResults get(const std::optional<std::string>& s3_path = std::nullopt);
  /// Prints "Inference Results for job_id=<id>:" and one JSON line per record.
  void show(std::ostream& out);
  void show();
  void clean();
  std::filesystem::path cache_directory() const;

 protected:
  BatchInferenceResult(std::string job_id, TimePoint started_time, std::string inference_output_path);
  /// Copies the job's `*inference_output.jsonl` to `file`.
  virtual void fetch_output(const std::filesystem::path& file) = 0;

 private:
  std::string inference_output_path_;
};

/// SMTJ: the output is the job's `<output>/<job>/output/output.tar.gz`, streamed from S3.
class SMTJBatchInferenceResult final : public BatchInferenceResult {
 public:
  SMTJBatchInferenceResult(std::string job_id, TimePoint started_time, std::string inference_output_path);
  Platform platform() const noexcept override { return Platform::SMTJ; }
  std::string_view class_name() const noexcept override { return "SMTJBatchInferenceResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;
  void fetch_output(const std::filesystem::path& file) override;
};

/// SMHP (beyond the reference, which has no HyperPod batch inference): the job runs as a
/// HyperPod evaluation and leaves loose objects under `<output>/<job>/eval-result/`; status
/// from its PyTorchJob, as SMHPEvaluationResult's.
class SMHPBatchInferenceResult final : public BatchInferenceResult {
 public:
  SMHPBatchInferenceResult(std::string job_id, TimePoint started_time, std::string inference_output_path,
                           std::string cluster_name, std::string namespace_name = "kubeflow");
  const std::string& cluster_name() const noexcept { return cluster_name_; }
  const std::string& namespace_name() const noexcept { return namespace_name_; }
  Platform platform() const noexcept override { return Platform::SMHP; }
  std::string_view class_name() const noexcept override { return "SMHPBatchInferenceResult"; }

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override;
  void fetch_output(const std::filesystem::path& file) override;

 private:
  std::string cluster_name_;
  std::string namespace_name_;
};

/// Python's `datetime.isoformat()` of a UTC time: `2026-01-30T12:34:56.123456+00:00`
/// (no fraction when the microseconds are 0).
std::string to_python_isoformat(std::chrono::system_clock::time_point time);
/// Parses what `datetime.fromisoformat` reads: `YYYY-MM-DD[T| ]HH:MM[:SS[.ffffff]]` with an
/// optional `Z` or `±HH:MM` offset (none: UTC). @throws ValueError naming the text
std::chrono::system_clock::time_point parse_python_isoformat(std::string_view text);

}  // namespace nova
