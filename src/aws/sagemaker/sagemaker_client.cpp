#include "aws/sagemaker/sagemaker_client.hpp"

#include "aws/sagemaker/sagemaker_json.hpp"
#include "nova/error.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;
using sagemaker_json::integer;
using sagemaker_json::nested_text;
using sagemaker_json::parse_body;
using sagemaker_json::text;
using sagemaker_json::timestamp;

ServiceDescriptor sagemaker_service() { return {"SageMaker", "sagemaker", Protocol::kJson11, false}; }

OperationInfo read_op(const char* name) { return {name, true, false, false}; }

// Members of a list response; absent means none.
const json& list_member(const json& doc, const char* key) {
  static const json kEmpty = json::array();
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

ClusterInstanceGroup instance_group(const json& g) {
  ClusterInstanceGroup out;
  out.name = text(g, "InstanceGroupName");
  out.instance_type = text(g, "InstanceType");
  out.current_count = integer(g, "CurrentCount");
  out.target_count = integer(g, "TargetCount");
  out.status = text(g, "Status");
  if (const auto env = g.find("EnvironmentConfig"); env != g.end() && env->is_object()) {
    if (const auto s3 = env->find("S3OutputPath"); s3 != env->end() && s3->is_string()) {
      out.s3_output_path = s3->get<std::string>();
    }
  }
  return out;
}

std::vector<ClusterInstanceGroup> instance_groups(const json& doc, const char* key) {
  std::vector<ClusterInstanceGroup> out;
  for (const auto& g : list_member(doc, key)) out.push_back(instance_group(g));
  return out;
}

}  // namespace

SageMakerClient::SageMakerClient(ClientConfig config) : client_(sagemaker_service(), std::move(config)) {}

std::string SageMakerClient::call(const OperationInfo& op, std::string body) {
  HttpRequest req = client_.new_request("POST", "/");
  frame_json11(req, "SageMaker", op.name, std::move(body));
  return client_.invoke(op, req).body;
}

// CreateTrainingJob takes no client token; the job name, unique per account and region,
// serves as one, so the operation is retried like an idempotent one. An attempt may have
// been applied even though its answer was lost (timeout, 5xx), and then the retry, or the
// caller calling again, meets ResourceInUse for its own job. The job found under the name
// is accepted as ours when its role, image and instance type are the ones requested (its
// ARN is returned); otherwise the name belongs to another job and the error stands.
std::string SageMakerClient::create_training_job(const CreateTrainingJobRequest& request) {
  const OperationInfo op{"CreateTrainingJob", /*idempotent=*/true, false, false};
  try {
    const json doc = parse_body(call(op, to_request_json(request)), op.name);
    const std::string arn = text(doc, "TrainingJobArn");
    if (arn.empty()) {
      throw ServiceError("SageMaker CreateTrainingJob returned no TrainingJobArn", "SageMaker", op.name,
                         "InvalidResponse", 200, "", false);
    }
    return arn;
  } catch (const ServiceError& e) {
    if (e.code() != "ResourceInUse") throw;
    const DescribeTrainingJobResult existing = describe_training_job(request.training_job_name);
    if (existing.role_arn == request.role_arn && existing.training_image == request.training_image &&
        existing.instance_type == request.instance_type) {
      return existing.arn;
    }
    throw ServiceError("SageMaker CreateTrainingJob failed: a training job named '" + request.training_job_name +
                           "' already exists (" + existing.arn + ") with role " + existing.role_arn + ", image " +
                           existing.training_image + " and instance type " + existing.instance_type +
                           ", which differ from this request's; choose a job name that is not in use",
                       "SageMaker", op.name, e.code(), e.http_status(), e.request_id(), false);
  }
}

std::vector<std::string> SageMakerClient::every_page(const OperationInfo& op) {
  std::vector<std::string> pages;
  std::string token;
  PageTokens tokens("SageMaker", op.name);
  do {
    json body = json::object();
    if (!token.empty()) body["NextToken"] = token;
    pages.push_back(call(op, body.dump()));
    token = text(parse_body(pages.back(), op.name), "NextToken");
    if (!token.empty()) tokens.advance(token);
  } while (!token.empty());
  return pages;
}

DescribeTrainingJobResult SageMakerClient::describe_training_job(const std::string& name) {
  const OperationInfo op = read_op("DescribeTrainingJob");
  DescribeTrainingJobResult out;
  out.raw_json = call(op, json{{"TrainingJobName", name}}.dump());
  const json doc = parse_body(out.raw_json, op.name);
  out.name = text(doc, "TrainingJobName");
  out.arn = text(doc, "TrainingJobArn");
  out.status = text(doc, "TrainingJobStatus");
  out.secondary_status = text(doc, "SecondaryStatus");
  out.failure_reason = text(doc, "FailureReason");
  out.creation_time = timestamp(doc, "CreationTime");
  out.training_start_time = timestamp(doc, "TrainingStartTime");
  out.training_end_time = timestamp(doc, "TrainingEndTime");
  out.output_s3_path = nested_text(doc, "OutputDataConfig", "S3OutputPath");
  out.checkpoint_s3_uri = nested_text(doc, "CheckpointConfig", "S3Uri");
  out.model_artifacts_s3 = nested_text(doc, "ModelArtifacts", "S3ModelArtifacts");
  out.training_image = nested_text(doc, "AlgorithmSpecification", "TrainingImage");
  out.role_arn = text(doc, "RoleArn");
  out.instance_type = nested_text(doc, "ResourceConfig", "InstanceType");
  if (const auto rc = doc.find("ResourceConfig"); rc != doc.end() && rc->is_object()) {
    out.instance_count = integer(*rc, "InstanceCount");
  }
  return out;
}

ListTrainingJobsResult SageMakerClient::list_training_jobs(const ListTrainingJobsRequest& request) {
  const OperationInfo op = read_op("ListTrainingJobs");
  json body = json::object();
  if (!request.name_contains.empty()) body["NameContains"] = request.name_contains;
  if (!request.status_equals.empty()) body["StatusEquals"] = request.status_equals;
  if (!request.sort_by.empty()) body["SortBy"] = request.sort_by;
  if (!request.sort_order.empty()) body["SortOrder"] = request.sort_order;
  if (request.max_results) body["MaxResults"] = *request.max_results;
  if (!request.next_token.empty()) body["NextToken"] = request.next_token;
  const json doc = parse_body(call(op, body.dump()), op.name);
  ListTrainingJobsResult out;
  for (const auto& s : list_member(doc, "TrainingJobSummaries")) {
    out.summaries.push_back({text(s, "TrainingJobName"), text(s, "TrainingJobArn"), text(s, "TrainingJobStatus"),
                             timestamp(s, "CreationTime")});
  }
  out.next_token = text(doc, "NextToken");
  return out;
}

std::vector<TrainingJobSummary> SageMakerClient::list_all_training_jobs(ListTrainingJobsRequest request) {
  std::vector<TrainingJobSummary> all;
  do {
    ListTrainingJobsResult page = list_training_jobs(request);
    all.insert(all.end(), page.summaries.begin(), page.summaries.end());
    request.next_token = std::move(page.next_token);
  } while (!request.next_token.empty());
  return all;
}

void SageMakerClient::stop_training_job(const std::string& name) {
  // Stopping a job twice is harmless: safe to retry.
  (void)call(read_op("StopTrainingJob"), json{{"TrainingJobName", name}}.dump());
}

DescribeHubContentResult SageMakerClient::describe_hub_content(const std::string& hub_name,
                                                               const std::string& hub_content_type,
                                                               const std::string& hub_content_name,
                                                               const std::optional<std::string>& hub_content_version) {
  const OperationInfo op = read_op("DescribeHubContent");
  json body = {{"HubName", hub_name}, {"HubContentType", hub_content_type}, {"HubContentName", hub_content_name}};
  if (hub_content_version) body["HubContentVersion"] = *hub_content_version;
  DescribeHubContentResult out;
  out.raw_json = call(op, body.dump());
  const json doc = parse_body(out.raw_json, op.name);
  out.hub_name = text(doc, "HubName");
  out.hub_arn = text(doc, "HubArn");
  out.hub_content_name = text(doc, "HubContentName");
  out.hub_content_type = text(doc, "HubContentType");
  out.hub_content_version = text(doc, "HubContentVersion");
  out.hub_content_arn = text(doc, "HubContentArn");
  out.hub_content_status = text(doc, "HubContentStatus");
  out.document_schema_version = text(doc, "DocumentSchemaVersion");
  out.hub_content_document = text(doc, "HubContentDocument");
  return out;
}

std::vector<MlflowAppSummary> SageMakerClient::list_mlflow_apps() {
  const OperationInfo op = read_op("ListMlflowApps");
  std::vector<MlflowAppSummary> out;
  for (const std::string& page : every_page(op)) {
    const json doc = parse_body(page, op.name);
    for (const auto& s : list_member(doc, "Summaries")) {
      out.push_back({text(s, "Name"), text(s, "Arn"), text(s, "Status")});
    }
  }
  return out;
}

std::vector<MlflowTrackingServerSummary> SageMakerClient::list_mlflow_tracking_servers() {
  const OperationInfo op = read_op("ListMlflowTrackingServers");
  std::vector<MlflowTrackingServerSummary> out;
  for (const std::string& page : every_page(op)) {
    const json doc = parse_body(page, op.name);
    for (const auto& s : list_member(doc, "TrackingServerSummaries")) {
      MlflowTrackingServerSummary summary{text(s, "TrackingServerName"), text(s, "TrackingServerArn"),
                                          text(s, "TrackingServerStatus"), std::nullopt};
      if (s.contains("IsActive")) summary.is_active = text(s, "IsActive");
      out.push_back(std::move(summary));
    }
  }
  return out;
}

DescribeClusterResult SageMakerClient::describe_cluster(const std::string& name) {
  const OperationInfo op = read_op("DescribeCluster");
  DescribeClusterResult out;
  out.raw_json = call(op, json{{"ClusterName", name}}.dump());
  const json doc = parse_body(out.raw_json, op.name);
  out.arn = text(doc, "ClusterArn");
  out.name = text(doc, "ClusterName");
  out.status = text(doc, "ClusterStatus");
  out.instance_groups = instance_groups(doc, "InstanceGroups");
  out.restricted_instance_groups = instance_groups(doc, "RestrictedInstanceGroups");
  return out;
}

}  // namespace nova::aws
