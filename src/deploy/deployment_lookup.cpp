// find_deployment, describe_deployment, list_deployments and delete_deployment: one name or
// ARN looked up across Bedrock OD deployments, provisioned throughput and SageMaker endpoints.
#include <fmt/format.h>

#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "core/text.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/bedrock_names.hpp"
#include "deploy/deploy_support.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "nova/deploy.hpp"

namespace nova {
namespace {

bool not_found(const ServiceError& e) { return e.code() == "ResourceNotFoundException" || e.http_status() == 404; }

// The lineage recorded in a Bedrock deployment's tags (best effort: tags may be unreadable).
void read_lineage(aws::BedrockClient& bedrock, DeploymentSummary& s) {
  std::vector<aws::BedrockTag> tags;
  try {
    tags = bedrock.list_tags_for_resource(s.endpoint.uri);
  } catch (const ServiceError&) {
    return;
  }
  for (const auto& t : tags) {
    if (t.key == deploy::kEscrowUriTag) s.lineage.checkpoint = s.endpoint.model_artifact_path = t.value;
    if (t.key == deploy::kTrainingJobTag) s.lineage.training_job = t.value;
  }
}

// AWS's creation time as "YYYY-MM-DDTHH:MM:SSZ" whatever form it came in (fractions, +00:00).
std::string utc_text(const std::string& raw) {
  const auto t = deploy::parse_iso_utc(raw);
  return t ? deploy::iso_utc(*t) : raw;
}

DeploymentSummary od_summary(const aws::CustomModelDeployment& d) {
  DeploymentSummary s;
  s.endpoint = {DeployPlatform::BEDROCK_OD, d.name, d.arn, {}};
  s.status = d.update_status == "Updating" ? "Updating" : d.status;
  s.created_at = utc_text(d.created_at);
  s.lineage.model_arn = d.model_arn;
  s.lineage.deployment_arn = d.arn;
  return s;
}

DeploymentSummary pt_summary(const aws::ProvisionedThroughput& p) {
  DeploymentSummary s;
  s.endpoint = {DeployPlatform::BEDROCK_PT, p.name, p.arn, {}};
  s.status = p.status;
  s.created_at = utc_text(p.creation_time);
  s.lineage.model_arn = p.desired_model_arn.empty() ? p.model_arn : p.desired_model_arn;
  s.lineage.deployment_arn = p.arn;
  return s;
}

DeploymentSummary sagemaker_summary(const deploy::SageMakerEndpointState& e) {
  DeploymentSummary s;
  s.endpoint = {DeployPlatform::SAGEMAKER, e.endpoint_name, e.endpoint_arn, {}};
  s.status = e.status;
  s.created_at = e.created_at;
  s.lineage.deployment_arn = e.endpoint_arn;
  s.lineage.model_arn = e.model_arn.empty() ? e.model_name : e.model_arn;
  // The escrow tag holds the path as deployed; the model's own S3 URI when the tag is missing.
  const auto escrow = e.tags.find(deploy::kEscrowUriTag);
  s.lineage.checkpoint = s.endpoint.model_artifact_path = escrow != e.tags.end() ? escrow->second : e.model_data_s3_uri;
  if (const auto job = e.tags.find(deploy::kTrainingJobTag); job != e.tags.end()) s.lineage.training_job = job->second;
  return s;
}

// The summary `get` reads, or nothing when AWS says there is no such resource.
template <typename Get>
std::optional<DeploymentSummary> unless_missing(Get get) {
  try {
    return get();
  } catch (const ServiceError& e) {
    if (!not_found(e)) throw;
    return std::nullopt;
  }
}

bool is_sagemaker_endpoint_arn(const std::string& s) {
  return s.rfind("arn:", 0) == 0 && s.find(":sagemaker:") != std::string::npos && s.find(":endpoint/") != std::string::npos;
}

std::optional<DeploymentSummary> lookup(const deploy::SessionRef& session, const std::string& name_or_arn) {
  auto bedrock = deploy::bedrock_client(session.get());
  std::optional<DeploymentSummary> found;
  const auto arn_platform = deploy::bedrock_platform_of_arn(name_or_arn);
  if (arn_platform == DeployPlatform::BEDROCK_OD || (!arn_platform && !is_sagemaker_endpoint_arn(name_or_arn))) {
    found = unless_missing([&] { return od_summary(bedrock.get_custom_model_deployment(name_or_arn)); });
  }
  if (!found && (arn_platform == DeployPlatform::BEDROCK_PT || (!arn_platform && !is_sagemaker_endpoint_arn(name_or_arn)))) {
    found = unless_missing([&] { return pt_summary(bedrock.get_provisioned_model_throughput(name_or_arn)); });
  }
  if (found) {
    read_lineage(bedrock, *found);
    return found;
  }
  if (arn_platform) return std::nullopt;
  if (const auto endpoint = deploy::describe_sagemaker_endpoint(session.get(), name_or_arn)) return sagemaker_summary(*endpoint);
  return std::nullopt;
}

}  // namespace

DeploymentSummary describe_deployment(const std::string& name_or_arn, const AwsOptions& aws) {
  const auto session = deploy::session_ref(aws);
  if (auto found = lookup(session, name_or_arn)) return *found;
  throw ValueError(fmt::format("No deployment '{}' in {}: searched Bedrock on-demand deployments, Bedrock provisioned "
                               "throughput and SageMaker endpoints by name and ARN (see 'nova deploy list')",
                               name_or_arn, session.get().region().region));
}

EndpointInfo find_deployment(const std::string& name_or_arn, const AwsOptions& aws) {
  return describe_deployment(name_or_arn, aws).endpoint;
}

std::vector<DeploymentSummary> list_deployments(const AwsOptions& aws) {
  const auto session = deploy::session_ref(aws);
  auto bedrock = deploy::bedrock_client(session.get());
  std::vector<DeploymentSummary> out;
  aws::BedrockListRequest request{{}, 100, {}};
  do {
    auto page = bedrock.list_custom_model_deployments(request);
    for (const auto& d : page.items) out.push_back(od_summary(d));
    request.next_token = page.next_token;
  } while (!request.next_token.empty());
  do {
    auto page = bedrock.list_provisioned_model_throughputs(request);
    for (const auto& p : page.items) out.push_back(pt_summary(p));
    request.next_token = page.next_token;
  } while (!request.next_token.empty());
  for (auto& s : out) read_lineage(bedrock, s);
  auto sagemaker = session.get().sagemaker();
  for (const auto& e : aws::list_endpoints(sagemaker)) {
    // Described one by one for the lineage; one deleted meanwhile is left out.
    if (const auto state = deploy::describe_sagemaker_endpoint(session.get(), e.endpoint_name)) {
      out.push_back(sagemaker_summary(*state));
    }
  }
  return out;
}

void delete_deployment(const EndpointInfo& endpoint, const DeployWaitOptions& wait, const AwsOptions& aws) {
  const auto session = deploy::session_ref(aws);
  if (endpoint.platform == DeployPlatform::SAGEMAKER) {
    deploy::delete_sagemaker_endpoint(session.get(), endpoint.endpoint_name, wait);
    return;
  }
  auto bedrock = deploy::bedrock_client(session.get());
  const bool pt = endpoint.platform == DeployPlatform::BEDROCK_PT;
  try {
    if (pt) {
      bedrock.delete_provisioned_model_throughput(endpoint.uri);
    } else {
      bedrock.delete_custom_model_deployment(endpoint.uri);
    }
  } catch (const ServiceError& e) {
    const std::string message = core::ascii_lower(e.what());
    if (pt && (message.find("commitment term") != std::string::npos || message.find("cannot be deleted") != std::string::npos)) {
      throw ServiceError(fmt::format("Cannot delete Provisioned Throughput deployment '{}': it is still within its "
                                     "commitment term, and AWS keeps (and bills) it until the term ends. {}",
                                     endpoint.endpoint_name, e.what()),
                         e.service(), e.operation(), e.code(), e.http_status(), e.request_id(), false);
    }
    if (!not_found(e)) throw;
    return;
  }
  deploy::wait_until(
      fmt::format("deletion of {}", endpoint.endpoint_name),
      [&]() -> deploy::PollOutcome {
        try {
          const auto outcome = deploy::poll_bedrock_deployment(bedrock, endpoint.platform, endpoint.uri);
          if (outcome.state == deploy::PollOutcome::State::failed) return outcome;
          return {outcome.status, deploy::PollOutcome::State::waiting, {}};
        } catch (const ServiceError& e) {
          if (!not_found(e)) throw;
          return {"Deleted", deploy::PollOutcome::State::done, {}};
        }
      },
      wait, "nova deploy status " + endpoint.endpoint_name);
}

}  // namespace nova
