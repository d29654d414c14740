#pragma once
/// @file
/// NovaModelCustomizer: the specification's main entry point. It checks the model, method,
/// platform and region, prepares the output location, resolves the training recipe and
/// starts the job on the runtime manager it was given.

#include <cstddef>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"
#include "nova/value.hpp"

namespace nova {

class RuntimeManager;
class MLflowMonitor;
class TrainingResult;
class EvaluationResult;
class BatchInferenceResult;
class DeploymentResult;
struct DeployOptions;

/// The optional constructor arguments of the specification, same names and defaults.
struct CustomizerOptions {
  std::optional<std::string> data_s3_path;
  std::optional<std::string> output_s3_path;  ///< none: s3://sagemaker-nova-<account>-<region>/output
  std::optional<std::string> model_path;
  /// Merged over {"iam": true, "infra": true}.
  std::map<std::string, bool> validation_config;
  /// A directory; the resolved recipe is written there as `<job_name>-<recipe>.yaml`.
  std::optional<std::string> generated_recipe_dir;
  std::shared_ptr<const MLflowMonitor> mlflow_monitor;
  DeploymentMode deployment_mode{DeploymentMode::FAIL_IF_EXISTS};
  bool data_mixing_enabled{false};
  /// Not in the specification: profile / region / endpoint overrides (the CLI's flags).
  AwsOptions aws;
};

/// The arguments of train(), same names and defaults as the specification.
struct TrainOptions {
  std::string job_name;
  std::optional<std::string> recipe_path;  ///< local or s3:// YAML file
  std::map<std::string, Value> overrides;
  std::optional<std::string> rft_lambda_arn;
  std::optional<std::string> validation_data_s3_path;
  bool dry_run{false};
};

/// The arguments of evaluate(), same names and defaults as the specification.
struct EvaluateOptions {
  std::string job_name;
  EvaluationTask eval_task{EvaluationTask::MMLU};
  /// none: job_result's checkpoint, else the customizer's model_path, else its last
  /// training job's checkpoint, else the base model (with a warning).
  std::optional<std::string> model_path;
  std::optional<std::string> subtask;
  /// BYOD tasks only (gen_qa, llm_judge, rubric_llm_judge, rft_eval); none: the customizer's
  /// data path for those tasks. A `.jsonl` object is validated before launch.
  std::optional<std::string> data_s3_path;
  std::optional<std::string> recipe_path;
  std::map<std::string, Value> overrides;  ///< e.g. max_new_tokens, top_k, top_p, temperature
  std::map<std::string, Value> processor;  ///< gen_qa: lambda_arn, lambda_type, ...
  std::map<std::string, Value> rl_env;     ///< rft_eval: reward_lambda_arn
  bool dry_run{false};
  /// A finished training job whose checkpoint is evaluated (must be COMPLETED).
  std::shared_ptr<TrainingResult> job_result;
};

/// The arguments of batch_inference(), same names and defaults as the specification.
struct BatchInferenceOptions {
  std::string job_name;
  std::string input_path;      ///< s3:// gen_qa records (a `.jsonl` object is validated)
  std::string output_s3_path;  ///< empty: the customizer's output path
  std::optional<std::string> model_path;
  std::optional<std::string> recipe_path;
  std::map<std::string, Value> overrides;  ///< max_new_tokens, top_k, top_p, temperature, top_logprobs
  bool dry_run{false};
};

/// What train() would start: the resolved recipe and the request for the runtime.
struct TrainingPlan {
  std::string job_name;        ///< the unique job name the job would get
  std::string recipe_yaml;     ///< the resolved recipe
  std::string recipe_file;     ///< where it was written
  std::string recipe_name;     ///< the catalogue recipe it came from
  std::string recipe_origin;   ///< "hub <version>", "cache <version>", "built-in catalogue (...)"
  std::string image_uri;
  std::string instance_type;
  int instance_count{0};
  std::string data_s3_path;
  std::string output_s3_path;
  std::string request_json;    ///< SMTJ: the CreateTrainingJob request body
  std::string execution_role;  ///< SMTJ: the role the job would run as
  std::string hyperpod_objects_yaml;    ///< SMHP: the Kubernetes objects it would create (YAML)
  std::string hyperpod_template_origin; ///< SMHP: "hub payload template" or the built-in one
  std::string hyperpod_namespace;       ///< SMHP: where the objects would be created
};

class NovaModelCustomizer {
 public:
  /// @throws ValueError unsupported region, method not available for the model or platform,
  ///   invalid data mixing or MLflow settings, an output bucket owned by another account
  /// @throws ConfigError no region or credentials; @throws ServiceError AWS refused a call
  NovaModelCustomizer(Model model, TrainingMethod method, std::shared_ptr<RuntimeManager> infra,
                      CustomizerOptions options = {});
  ~NovaModelCustomizer();
  NovaModelCustomizer(NovaModelCustomizer&&) noexcept;
  NovaModelCustomizer& operator=(NovaModelCustomizer&&) noexcept;

  Model model() const noexcept;
  TrainingMethod method() const noexcept;
  const std::shared_ptr<RuntimeManager>& infra() const noexcept;
  const std::optional<std::string>& data_s3_path() const noexcept;
  const std::string& output_s3_path() const noexcept;
  const std::optional<std::string>& model_path() const noexcept;
  const std::string& region() const noexcept;
  const std::map<std::string, bool>& validation_config() const noexcept;
  DeploymentMode deployment_mode() const noexcept;

  /// {} when data mixing is not enabled; else every `*_percent` field and `dataset_catalog`.
  std::map<std::string, Value> get_data_mixing_config() const;
  /// @throws ValueError when data mixing is not enabled, a key is unknown, a value is outside
  ///   0..100, the nova percentages do not sum to 100, or customer/nova shares contradict.
  void set_data_mixing_config(const std::map<std::string, Value>& config);

  /// Change the model, method or runtime (hence platform) as the reference's property setters
  /// do: checked as at construction, the data mix reset to the new recipe's defaults.
  /// @throws ValueError as the constructor (the customizer is then unchanged)
  void set_model(Model model);
  void set_method(TrainingMethod method);
  void set_infra(std::shared_ptr<RuntimeManager> infra);

  /// Validates everything and resolves the recipe without starting anything.
  /// @throws ValueError listing every problem found (one per line)
  TrainingPlan plan_training(const TrainOptions& options);

  /// Starts the training job; nullptr on a dry run (after validating and writing the recipe).
  /// @throws ValueError, ServiceError, ConfigError
  std::shared_ptr<TrainingResult> train(const TrainOptions& options);

  /// Validates everything and resolves the evaluation recipe without starting anything
  /// (`model_path` of the plan's recipe is the resolved model).
  TrainingPlan plan_evaluation(const EvaluateOptions& options);
  /// Starts an evaluation job with an evaluation recipe, whatever this customizer's method.
  /// nullptr on a dry run. @throws ValueError (bad task/subtask/processor/rl_env, invalid
  ///   BYOD data, platform mismatch of the checkpoint, unfinished job_result), ServiceError
  std::shared_ptr<EvaluationResult> evaluate(const EvaluateOptions& options);

  /// Validates and resolves the batch-inference recipe (the BYOD gen_qa evaluation recipe).
  TrainingPlan plan_batch_inference(const BatchInferenceOptions& options);
  /// Starts a batch inference job from any customizer; nullptr on a dry run.
  std::shared_ptr<BatchInferenceResult> batch_inference(const BatchInferenceOptions& options);

  /// Prints the CloudWatch logs of the last job this customizer started (every host's stream
  /// merged in time order, from the job's start), or "No job_id and job_started_time found
  /// for this model, please call .train() or .evaluate() first." when none was started.
  /// @param limit the last `limit` events (the first, with `start_from_head`)
  /// @param end_time epoch milliseconds or ISO 8601 (see parse_log_time); default: now
  /// @throws ValueError a limit of 0 or an unreadable end time; ServiceError, ConfigError
  void get_logs(std::optional<std::size_t> limit = std::nullopt, bool start_from_head = false,
                const std::optional<std::string>& end_time = std::nullopt) const;
  /// get_logs printing to `out`.
  void get_logs(std::ostream& out, std::optional<std::size_t> limit = std::nullopt, bool start_from_head = false,
                const std::optional<std::string>& end_time = std::nullopt) const;

  /// Imports the checkpoint into Bedrock and deploys it on demand (BEDROCK_OD) or with
  /// provisioned throughput (BEDROCK_PT), or serves it from a SageMaker endpoint (SAGEMAKER);
  /// existing deployments per the constructor's deployment_mode (include "nova/deploy.hpp").
  /// @throws ValueError (no artifact path, PT without pt_units >= 1, deployment exists with
  ///   FAIL_IF_EXISTS, UPDATE_IF_EXISTS on OD), ServiceError (AWS refused, import failed), ConfigError
  DeploymentResult deploy(const DeployOptions& options);

  /// The id and start time of the last job this customizer started (empty before).
  const std::optional<std::string>& job_id() const noexcept;

 private:
  struct Impl;
  struct PreparedJob;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nova
