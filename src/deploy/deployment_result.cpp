// DeploymentResult: live status, wait, and its JSON form (dump/load).
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/deploy_support.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "nova/deploy.hpp"

namespace nova {
namespace {

using nlohmann::json;

std::optional<DeployPlatform> platform_named(const std::string& text) {
  for (auto p : {DeployPlatform::BEDROCK_OD, DeployPlatform::BEDROCK_PT, DeployPlatform::SAGEMAKER}) {
    if (core::equals_name(text, to_string(p))) return p;
  }
  return std::nullopt;
}

std::string field(const json& doc, const char* key, bool required) {
  const auto it = doc.find(key);
  if (it != doc.end() && it->is_string()) return it->get<std::string>();
  if (required || (it != doc.end() && !it->is_null())) {
    throw ValueError(fmt::format("deployment result: '{}' is missing or not a string", key));
  }
  return {};
}

deploy::PollOutcome sagemaker_poll(const aws::Session& session, const std::string& name) {
  const auto state = deploy::describe_sagemaker_endpoint(session, name);
  if (!state) {
    throw ServiceError(fmt::format("SageMaker endpoint '{}' no longer exists", name), "SageMaker", "DescribeEndpoint",
                       "ValidationException", 400, "", false);
  }
  if (state->status == "InService") return {state->status, deploy::PollOutcome::State::done, {}};
  if (state->status == "Failed") return {state->status, deploy::PollOutcome::State::failed, state->failure_reason};
  return {state->status, deploy::PollOutcome::State::waiting, {}};
}

}  // namespace

DeploymentResult::DeploymentResult(EndpointInfo endpoint, TimePoint created_at, DeploymentLineage lineage, AwsOptions aws)
    : endpoint_(std::move(endpoint)), created_at_(created_at), lineage_(std::move(lineage)), aws_(std::move(aws)) {}

std::string DeploymentResult::status() const {
  const auto session = deploy::session_ref(aws_);
  if (endpoint_.platform == DeployPlatform::SAGEMAKER) return sagemaker_poll(session.get(), endpoint_.endpoint_name).status;
  auto bedrock = deploy::bedrock_client(session.get());
  return deploy::poll_bedrock_deployment(bedrock, endpoint_.platform, endpoint_.uri).status;
}

std::string DeploymentResult::wait(const DeployWaitOptions& options) const {
  const auto session = deploy::session_ref(aws_);
  const std::string what = fmt::format("deployment {}", endpoint_.endpoint_name);
  const std::string resume = "nova deploy status " + endpoint_.endpoint_name;
  if (endpoint_.platform == DeployPlatform::SAGEMAKER) {
    return deploy::wait_until(what, [&] { return sagemaker_poll(session.get(), endpoint_.endpoint_name); }, options,
                              resume);
  }
  auto bedrock = deploy::bedrock_client(session.get());
  return deploy::wait_until(what, [&] { return deploy::poll_bedrock_deployment(bedrock, endpoint_.platform, endpoint_.uri); },
                            options, resume);
}

std::string DeploymentResult::to_json(const std::optional<std::string>& status) const {
  json doc = {{"endpoint_name", endpoint_.endpoint_name},
              {"platform", std::string(to_string(endpoint_.platform))},
              {"uri", endpoint_.uri},
              {"model_artifact_path", endpoint_.model_artifact_path},
              {"created_at", deploy::iso_utc(created_at_)}};
  if (status) doc["status"] = *status;
  doc["lineage"] = {{"training_job", lineage_.training_job ? json(*lineage_.training_job) : json(nullptr)},
                    {"checkpoint", lineage_.checkpoint},
                    {"model_arn", lineage_.model_arn},
                    {"deployment_arn", lineage_.deployment_arn}};
  return doc.dump();
}

DeploymentResult DeploymentResult::from_json(const std::string& text) {
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) throw ValueError("deployment result: not a JSON object");
  EndpointInfo endpoint;
  const std::string platform = field(doc, "platform", true);
  const auto parsed = platform_named(platform);
  if (!parsed) {
    throw ValueError(fmt::format("deployment result: platform '{}' is not one of BEDROCK_OD, BEDROCK_PT, SAGEMAKER", platform));
  }
  endpoint.platform = *parsed;
  endpoint.endpoint_name = field(doc, "endpoint_name", true);
  endpoint.uri = field(doc, "uri", true);
  endpoint.model_artifact_path = field(doc, "model_artifact_path", true);
  const std::string created = field(doc, "created_at", true);
  const auto created_at = deploy::parse_iso_utc(created);
  if (!created_at) throw ValueError(fmt::format("deployment result: created_at '{}' is not an ISO 8601 UTC time", created));
  DeploymentLineage lineage;
  if (const auto it = doc.find("lineage"); it != doc.end() && it->is_object()) {
    const std::string job = field(*it, "training_job", false);
    if (!job.empty()) lineage.training_job = job;
    lineage.checkpoint = field(*it, "checkpoint", false);
    lineage.model_arn = field(*it, "model_arn", false);
    lineage.deployment_arn = field(*it, "deployment_arn", false);
  }
  return DeploymentResult(std::move(endpoint), *created_at, std::move(lineage));
}

std::filesystem::path DeploymentResult::dump(const std::optional<std::string>& file_path,
                                             const std::optional<std::string>& file_name) const {
  const std::filesystem::path dir = file_path.value_or(".");
  const std::filesystem::path path = dir / file_name.value_or(endpoint_.endpoint_name + "_deployment.json");
  try {
    core::AtomicFile out(path.string());
    out.write(to_json() + "\n");
    out.commit();
  } catch (const std::exception& e) {
    throw DataPrepError(fmt::format("cannot write the deployment result to {}: {}", path.string(), e.what()));
  }
  return path;
}

DeploymentResult DeploymentResult::load(const std::string& file_path) {
  std::ifstream in(file_path, std::ios::binary);
  if (!in) throw ValueError(fmt::format("cannot read the deployment result file {}", file_path));
  std::ostringstream text;
  text << in.rdbuf();
  return from_json(text.str());
}

}  // namespace nova
