#pragma once
// SageMaker request and result types (json 1.1, X-Amz-Target prefix "SageMaker").

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nova::aws {

using TimePoint = std::chrono::system_clock::time_point;

// --- CreateTrainingJob -------------------------------------------------------------------

// One InputDataConfig channel backed by S3.
struct TrainingChannel {
  std::string channel_name;                                 // "train", "validation", "recipe"
  std::string s3_uri;                                       // S3DataSource.S3Uri
  std::string s3_data_type{"S3Prefix"};                     // "S3Prefix" | "Converse" | "ManifestFile" | ...
  std::string s3_data_distribution_type{"FullyReplicated"};  // or "ShardedByS3Key"
  std::optional<std::string> input_mode;                    // "File" | "Pipe" | "FastFile"
  std::optional<std::string> content_type;
};

// What the Nova training path sends (reference launch.md §4.2). Empty strings and empty
// collections are left out of the request.
struct CreateTrainingJobRequest {
  std::string training_job_name;  // required; also the idempotency key (see create_training_job)
  std::string training_image;     // AlgorithmSpecification.TrainingImage
  std::string training_input_mode{"File"};
  std::string role_arn;  // required
  std::string instance_type;
  int instance_count{1};
  int volume_size_gb{30};
  std::string volume_kms_key_id;
  std::vector<TrainingChannel> input_channels;
  std::map<std::string, std::string> hyper_parameters;
  std::string output_s3_path;  // OutputDataConfig.S3OutputPath (required)
  std::string output_kms_key_id;
  std::string tensorboard_s3_path;  // TensorBoardOutputConfig.S3OutputPath
  bool profiler_disabled{true};     // ProfilerConfig.DisableProfiler
  std::vector<std::string> subnets;  // VpcConfig (sent only with both lists)
  std::vector<std::string> security_group_ids;
  bool enable_inter_container_traffic_encryption{false};
  int max_runtime_seconds{86400};  // StoppingCondition.MaxRuntimeInSeconds
  std::map<std::string, std::string> environment;
  std::vector<std::pair<std::string, std::string>> tags;
};

// The JSON body CreateTrainingJob sends for `request`, indented for display
// (`nova train --dry-run`). The client sends exactly this text.
std::string to_request_json(const CreateTrainingJobRequest& request);

// --- DescribeTrainingJob / ListTrainingJobs ---------------------------------------------

struct DescribeTrainingJobResult {
  std::string name;
  std::string arn;
  std::string status;            // InProgress | Completed | Failed | Stopping | Stopped
  std::string secondary_status;  // Starting | Downloading | Training | ...
  std::string failure_reason;
  std::optional<TimePoint> creation_time;
  std::optional<TimePoint> training_start_time;
  std::optional<TimePoint> training_end_time;
  std::string output_s3_path;      // OutputDataConfig.S3OutputPath
  std::string checkpoint_s3_uri;   // CheckpointConfig.S3Uri
  std::string model_artifacts_s3;  // ModelArtifacts.S3ModelArtifacts
  std::string training_image;
  std::string role_arn;
  std::string instance_type;
  int instance_count{0};
  std::string raw_json;  // the whole response body
};

struct ListTrainingJobsRequest {
  std::string name_contains;
  std::string status_equals;  // InProgress | Completed | Failed | Stopping | Stopped
  std::string sort_by;        // Name | CreationTime | Status
  std::string sort_order;     // Ascending | Descending
  std::optional<int> max_results;
  std::string next_token;
};

struct TrainingJobSummary {
  std::string name;
  std::string arn;
  std::string status;
  std::optional<TimePoint> creation_time;
};

struct ListTrainingJobsResult {
  std::vector<TrainingJobSummary> summaries;
  std::string next_token;  // empty on the last page
};

// --- Hub content ------------------------------------------------------------------------

struct DescribeHubContentResult {
  std::string hub_name;
  std::string hub_arn;
  std::string hub_content_name;
  std::string hub_content_type;
  std::string hub_content_version;
  std::string hub_content_arn;
  std::string hub_content_status;
  std::string document_schema_version;
  std::string hub_content_document;  // a JSON document, as text
  std::string raw_json;
};

// --- MLflow -----------------------------------------------------------------------------

struct MlflowAppSummary {
  std::string name;
  std::string arn;
  std::string status;
};

struct MlflowTrackingServerSummary {
  std::string name;
  std::string arn;
  std::string status;  // TrackingServerStatus
  std::optional<std::string> is_active;  // "Active" | "Inactive"
};

// --- HyperPod ---------------------------------------------------------------------------

struct ClusterInstanceGroup {
  std::string name;  // InstanceGroupName
  std::string instance_type;
  int current_count{0};
  int target_count{0};
  std::string status;
  std::optional<std::string> s3_output_path;  // EnvironmentConfig.S3OutputPath (restricted groups)
};

struct DescribeClusterResult {
  std::string arn;
  std::string name;
  std::string status;
  std::vector<ClusterInstanceGroup> instance_groups;
  std::vector<ClusterInstanceGroup> restricted_instance_groups;
  std::string raw_json;
};

}  // namespace nova::aws
