#pragma once
/// @file
/// Runtime managers: where a Nova job runs. SMTJRuntimeManager launches SageMaker training
/// jobs; SMHPRuntimeManager (SageMaker HyperPod) validates its configuration and launches
/// jobs once native HyperPod support arrives (issue #9). Mirrors the specification's
/// "Runtime Managers" section.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"

namespace nova {

/// What a runtime manager needs to start one job (the specification's JobConfig).
struct JobConfig {
  std::string job_name;  ///< the unique job name (see unique_job_name)
  std::string image_uri;
  std::string recipe_path;  ///< the local recipe YAML file to run
  std::optional<std::string> output_s3_path;
  std::optional<std::string> data_s3_path;
  std::optional<std::string> input_s3_data_type;  ///< "Converse", "S3Prefix"; none: S3Prefix
  std::optional<std::string> mlflow_tracking_uri;
  std::optional<std::string> mlflow_experiment_name;
  std::optional<std::string> mlflow_run_name;
  /// Not in the specification: the model the recipe trains (`nova-lite-2/prod` or an
  /// `s3://` checkpoint). When absent, the recipe's `run.model_name_or_path` is used.
  std::optional<std::string> model_name_or_path;
  /// Not in the specification (HyperPod): the hub's HpEksPayloadTemplate of the recipe, the
  /// Kubernetes objects with placeholders. When absent, the SDK's built-in template is used.
  std::optional<std::string> hyperpod_payload_template;
};

/// The first 63 characters of `<job_name>-<uuid4>`, trailing '-' removed (SageMaker
/// refuses names ending in '-'). @throws ValueError when the result is not a valid job name.
std::string unique_job_name(std::string_view job_name);

/// @throws ValueError naming the rule `^[a-zA-Z0-9\-]{1,63}$` when `job_name` breaks it.
void validate_smtj_job_name(std::string_view job_name);

/// Common base of the runtime managers.
class RuntimeManager {
 public:
  virtual ~RuntimeManager();
  RuntimeManager(const RuntimeManager&) = delete;
  RuntimeManager& operator=(const RuntimeManager&) = delete;

  const std::string& instance_type() const noexcept { return instance_type_; }
  int instance_count() const noexcept { return instance_count_; }
  /// The recipe's `replicas` may change the count. @throws ValueError when `count` < 1.
  void set_instance_count(int count);
  const std::optional<std::string>& kms_key_id() const noexcept { return kms_key_id_; }
  virtual Platform platform() const noexcept = 0;

  /// Starts the job. @return the job id.
  virtual std::string execute(const JobConfig& job_config) = 0;
  /// Stops the job.
  virtual void cleanup(const std::string& job_name) = 0;

 protected:
  /// @throws ValueError for an empty instance type or a count < 1.
  RuntimeManager(std::string instance_type, int instance_count, std::optional<std::string> kms_key_id);

 private:
  std::string instance_type_;
  int instance_count_;
  std::optional<std::string> kms_key_id_;
};

/// What SMTJRuntimeManager::execute would do, without doing it (`nova train --dry-run`).
struct SMTJJobPlan {
  std::string job_name;
  std::string role_arn;       ///< the execution role the job gets
  bool creates_default_role{false};  ///< execute() would create AmazonSageMaker-DefaultRole
  std::string recipe_s3_uri;  ///< where the recipe file is uploaded
  std::string request_json;   ///< the CreateTrainingJob request body, indented
};

/// Runs jobs as SageMaker training jobs.
///
/// The session comes from `aws` (profile / region / endpoint overrides of the environment);
/// nothing is resolved or called before the first plan(), execute() or cleanup().
class SMTJRuntimeManager final : public RuntimeManager {
 public:
  SMTJRuntimeManager(std::string instance_type, int instance_count,
                     std::optional<std::string> execution_role = std::nullopt,
                     std::optional<std::string> kms_key_id = std::nullopt,
                     bool encrypt_inter_container_traffic = false,
                     std::optional<std::vector<std::string>> subnets = std::nullopt,
                     std::optional<std::vector<std::string>> security_group_ids = std::nullopt,
                     AwsOptions aws = {});
  ~SMTJRuntimeManager() override;

  const std::optional<std::string>& execution_role() const noexcept { return execution_role_; }
  bool encrypt_inter_container_traffic() const noexcept { return encrypt_inter_container_traffic_; }
  const std::optional<std::vector<std::string>>& subnets() const noexcept { return subnets_; }
  const std::optional<std::vector<std::string>>& security_group_ids() const noexcept { return security_group_ids_; }
  Platform platform() const noexcept override { return Platform::SMTJ; }

  /// Resolves the role and the recipe location (sts:GetCallerIdentity only: no bucket,
  /// role or job is created) and builds the CreateTrainingJob request.
  /// @throws ValueError for an invalid job name, a missing recipe file or output path
  SMTJJobPlan plan(const JobConfig& job_config) const;

  /// Resolves (or creates) the execution role, uploads the recipe to the default bucket
  /// `sagemaker-<region>-<account>` (created if missing) and creates the training job.
  /// @return the job name. @throws ValueError, ServiceError, ConfigError
  std::string execute(const JobConfig& job_config) override;

  /// StopTrainingJob. @throws ServiceError
  void cleanup(const std::string& job_name) override;

 private:
  struct Impl;
  std::optional<std::string> execution_role_;
  bool encrypt_inter_container_traffic_;
  std::optional<std::vector<std::string>> subnets_;
  std::optional<std::vector<std::string>> security_group_ids_;
  std::unique_ptr<Impl> impl_;
};

/// What SMHPRuntimeManager::execute would create, without creating it (`--dry-run`).
struct SMHPJobPlan {
  std::string job_name;         ///< the PyTorchJob's name: the recipe's run name + "-" + 5 random [a-z0-9]
  std::string namespace_name;
  std::string template_origin;  ///< "hub payload template" or "built-in template templates/<kind>.yaml"
  std::vector<std::string> objects;  ///< "<Kind>/<name>" in creation order
  std::string objects_yaml;     ///< the exact objects, as YAML documents
};

/// One line of SMHPRuntimeManager::check_infrastructure().
struct HyperPodCheck {
  std::string name;    ///< "cluster", "instances", "namespace", "pytorchjob-crd", "rbac"
  bool ready{false};
  std::string detail;  ///< what was found, or what is missing and how to fix it
};

/// Runs jobs on a SageMaker HyperPod cluster (EKS-orchestrated) natively: SageMaker and EKS
/// give the cluster's API server, an EKS bearer token authenticates, and the job's
/// Kubernetes objects (a ConfigMap with the recipe and a Kubeflow PyTorchJob; more for RFT)
/// are created over HTTPS. No hyperpod CLI, helm or kubectl is needed.
///
/// Every object carries the label `nova-sdk/job-name=<job>`; cleanup() deletes by it.
class SMHPRuntimeManager final : public RuntimeManager {
 public:
  /// @throws ValueError when `cluster_name` does not match `^[0-9A-Za-z][A-Za-z0-9\-_]{1,100}$`
  /// or `namespace_` does not match `^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`.
  SMHPRuntimeManager(std::string instance_type, int instance_count, std::string cluster_name,
                     std::string namespace_, std::optional<std::string> kms_key_id = std::nullopt,
                     AwsOptions aws = {});
  ~SMHPRuntimeManager() override;

  const std::string& cluster_name() const noexcept { return cluster_name_; }
  const std::string& namespace_name() const noexcept { return namespace_name_; }
  const AwsOptions& aws_options() const noexcept;
  Platform platform() const noexcept override { return Platform::SMHP; }

  /// Is the cluster ready for this manager's jobs? The cluster exists, is InService (or
  /// updating) and is orchestrated by EKS (its API server reachable), a restricted instance
  /// group of the instance type has instance_count instances (when `check_instances`), the
  /// namespace exists, the PyTorchJob CRD is installed and RBAC lets the caller create, read
  /// and delete ConfigMaps and PyTorchJobs there (SelfSubjectAccessReview). Every check is
  /// reported, a missing piece with its fix after ": "; none throws for a missing piece.
  /// @throws ConfigError (no credentials or region)
  std::vector<HyperPodCheck> check_infrastructure(bool check_instances = true) const;

  /// The job's pod logs from the Kubernetes API (container `pytorch`): every pod of the job,
  /// master first, each after a "==> <pod> <==" line; with `follow`, the master pod's log
  /// streamed until its container ends or `on_chunk` returns false.
  /// @throws ValueError when the job has no pods (yet); ServiceError
  void pod_logs(const std::string& job_name, const std::function<bool(std::string_view)>& on_chunk,
                bool follow = false) const;

  /// Where the cluster's jobs leave their checkpoints: the restricted instance group's
  /// EnvironmentConfig.S3OutputPath when the cluster has exactly one restricted group (the
  /// reference's rule), none otherwise. @throws ServiceError (DescribeCluster), ConfigError
  std::optional<std::string> checkpoint_s3_path() const;

  /// Renders the objects (sts:GetCallerIdentity only; the cluster is not contacted).
  /// @throws ValueError for a missing recipe file, a job name Kubernetes refuses, an
  /// instance type or region without HyperPod images
  SMHPJobPlan plan(const JobConfig& job_config) const;

  /// Connects to the cluster and creates the objects, all or nothing: when one is refused,
  /// those already created are deleted again. @return the job name (the PyTorchJob's).
  /// @throws ValueError (cluster not found or not EKS, name taken by another job),
  /// ServiceError (Kubernetes refused: RBAC, missing CRD or namespace), ConfigError
  std::string execute(const JobConfig& job_config) override;

  /// Deletes every object labelled with the job (and the PyTorchJob and ConfigMap of that
  /// name, so jobs started by the reference's helm chart stop too); the PyTorchJob's pods
  /// and services go with it. @throws ValueError when the job name is not a Kubernetes name
  /// or nothing of the job exists in the namespace; ServiceError
  void cleanup(const std::string& job_name) override;

 private:
  struct Impl;
  std::string cluster_name_;
  std::string namespace_name_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nova
