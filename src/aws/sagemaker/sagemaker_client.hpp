#pragma once
// Amazon SageMaker (json 1.1): training jobs, hub content, MLflow and HyperPod clusters.

#include <optional>
#include <string>
#include <vector>

#include "aws/core/aws_client.hpp"
#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::aws {

class SageMakerClient {
 public:
  explicit SageMakerClient(ClientConfig config);

  /// Creates the job and returns its ARN. Retried on network errors, 5xx and throttling:
  /// the job name is the idempotency key (see the definition for how a retry that finds the
  /// name taken is resolved).
  /// @throws nova::ServiceError for AWS errors, including a name already used by a job that
  /// is not this request's (code "ResourceInUse").
  std::string create_training_job(const CreateTrainingJobRequest& request);
  /// A missing job throws ServiceError (code "ValidationException").
  DescribeTrainingJobResult describe_training_job(const std::string& name);
  ListTrainingJobsResult list_training_jobs(const ListTrainingJobsRequest& request);
  /// Every page of ListTrainingJobs from `request` on (its max_results is the page size).
  std::vector<TrainingJobSummary> list_all_training_jobs(ListTrainingJobsRequest request);
  void stop_training_job(const std::string& name);

  DescribeHubContentResult describe_hub_content(const std::string& hub_name, const std::string& hub_content_type,
                                                const std::string& hub_content_name,
                                                const std::optional<std::string>& hub_content_version = std::nullopt);

  /// Every page of ListMlflowApps.
  std::vector<MlflowAppSummary> list_mlflow_apps();
  /// Every page of ListMlflowTrackingServers.
  std::vector<MlflowTrackingServerSummary> list_mlflow_tracking_servers();

  /// HyperPod DescribeCluster; an unknown cluster throws ServiceError ("ResourceNotFound").
  DescribeClusterResult describe_cluster(const std::string& name);

  AwsClient& core() { return client_; }

 private:
  std::string call(const OperationInfo& op, std::string body);
  // The bodies of every page of a List* operation that takes no other member.
  std::vector<std::string> every_page(const OperationInfo& op);
  AwsClient client_;
};

}  // namespace nova::aws
