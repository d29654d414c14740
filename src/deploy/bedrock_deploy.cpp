#include "deploy/bedrock_deploy.hpp"

#include <fmt/format.h>

#include "aws/core/sigv4/crypto.hpp"
#include "aws/session/session.hpp"
#include "core/noted_create.hpp"
#include "deploy/bedrock_names.hpp"
#include "nova/error.hpp"

namespace nova::deploy {
namespace {

// One clientRequestToken per create call, kept by the client's retries of that call. It is
// not derived from the names: Bedrock ignores a request whose token it has seen and answers
// with the first request's resource, so a deployment deleted and then deployed again under
// the same name and model got the deleted one back. A re-run after a lost answer is caught
// by the name instead: names are unique, and deploy() looks them up before creating.
std::string create_token() { return aws::random_uuid(); }

constexpr int kListPageSize = 100;

template <typename Page, typename Fetch, typename Visit>
void each_page(Fetch fetch, const std::string& name_contains, Visit visit) {
  aws::BedrockListRequest request{name_contains, kListPageSize, {}};
  for (;;) {
    Page page = fetch(request);
    for (auto& item : page.items) {
      if (visit(item)) return;
    }
    if (page.next_token.empty()) return;
    request.next_token = page.next_token;
  }
}

bool is_active(const std::string& status) { return status == "Active"; }

PollOutcome model_poll(aws::BedrockClient& bedrock, const std::string& arn) {
  const auto m = bedrock.get_custom_model(arn);
  if (m.status == "Active") return {m.status, PollOutcome::State::done, {}};
  if (m.status == "Failed") return {m.status, PollOutcome::State::failed, m.failure_message};
  return {m.status, PollOutcome::State::waiting, {}};
}

// A deploy that gave up waiting on the import is picked up by running it again: the model
// imported from the same checkpoint is found and waited on.
std::string wait_for_model(aws::BedrockClient& bedrock, const std::string& arn, const std::string& name,
                           const std::string& artifact_path, const WaitOptions& wait) {
  return wait_until("custom model " + name, [&] { return model_poll(bedrock, arn); }, wait,
                    "nova deploy create --model-artifact-path " + artifact_path + " ...");
}

// A model already imported from this artifact: named with its digest and carrying its tag.
// Failed ones are counted so the next import gets a fresh name.
std::optional<aws::CustomModel> find_imported(aws::BedrockClient& bedrock, const std::string& artifact_path, int& failed) {
  const std::string tag_value = escrow_tag_value(artifact_path);
  std::optional<aws::CustomModel> found;
  each_page<aws::BedrockPage<aws::CustomModel>>(
      [&](const aws::BedrockListRequest& r) { return bedrock.list_custom_models(r); }, artifact_digest(artifact_path),
      [&](const aws::CustomModel& m) {
        bool tagged = false;
        for (const auto& t : bedrock.list_tags_for_resource(m.arn)) tagged = tagged || (t.key == kEscrowUriTag && t.value == tag_value);
        if (!tagged) return false;
        if (m.status == "Failed") {
          ++failed;
          return false;
        }
        found = m;
        return true;
      });
  return found;
}

}  // namespace

aws::BedrockClient bedrock_client(const aws::Session& session) {
  return aws::BedrockClient(session.client_config("bedrock"));
}

std::optional<std::string> find_bedrock_deployment(aws::BedrockClient& bedrock, DeployPlatform platform,
                                                   const std::string& name) {
  std::optional<std::string> arn;
  if (platform == DeployPlatform::BEDROCK_OD) {
    each_page<aws::BedrockPage<aws::CustomModelDeployment>>(
        [&](const aws::BedrockListRequest& r) { return bedrock.list_custom_model_deployments(r); }, name,
        [&](const aws::CustomModelDeployment& d) {
          if (d.name == name) arn = d.arn;
          return arn.has_value();
        });
  } else {
    each_page<aws::BedrockPage<aws::ProvisionedThroughput>>(
        [&](const aws::BedrockListRequest& r) { return bedrock.list_provisioned_model_throughputs(r); }, name,
        [&](const aws::ProvisionedThroughput& p) {
          if (p.name == name) arn = p.arn;
          return arn.has_value();
        });
  }
  return arn;
}

std::string apply_deployment_mode(DeployPlatform platform, DeploymentMode mode, const std::string& name,
                                  const std::string& existing_arn) {
  if (mode == DeploymentMode::FAIL_IF_EXISTS) {
    throw ValueError(fmt::format("Deployment '{}' already exists on platform {}.\nARN: {}\nChange deployment_mode to "
                                 "override (UPDATE_IF_EXISTS updates a provisioned throughput in place), or choose "
                                 "another endpoint_name.",
                                 name, to_string(platform), existing_arn));
  }
  if (platform != DeployPlatform::BEDROCK_PT) {
    throw ValueError(fmt::format(
        "UPDATE_IF_EXISTS mode is only supported for Provisioned Throughput deployments.\nCurrent platform: {}\n"
        "An on-demand deployment cannot be pointed at another model in place; delete '{}' ({}) first "
        "(nova deploy delete), or deploy under another endpoint_name.",
        to_string(platform), name, existing_arn));
  }
  return existing_arn;
}

ImportedModel import_custom_model(aws::BedrockClient& bedrock, const ImportRequest& request) {
  int failed = 0;
  if (auto existing = find_imported(bedrock, request.artifact_path, failed)) {
    if (!is_active(existing->status)) wait_for_model(bedrock, existing->arn, existing->name, request.artifact_path, request.wait);
    return {existing->arn, existing->name, true};
  }
  aws::CreateCustomModelRequest create;
  create.model_name = imported_model_name(request.endpoint_name, request.artifact_path, failed);
  create.s3_uri = request.artifact_path;
  create.role_arn = request.role_arn;
  create.kms_key_arn = request.kms_key_arn;
  create.tags.push_back({kEscrowUriTag, escrow_tag_value(request.artifact_path)});
  if (request.training_job) {
    if (auto tag = lineage_tag(kTrainingJobTag, *request.training_job)) create.tags.push_back(*tag);
  }
  create.client_request_token = create_token();
  const std::string arn = core::create_noted(
      [&] { return bedrock.create_custom_model(create); },
      fmt::format("Bedrock custom model {} was created and imports {}; `nova deploy create` again reuses it, or delete "
                  "it with `aws bedrock delete-custom-model --model-identifier {}`",
                  create.model_name, request.artifact_path, create.model_name));
  wait_for_model(bedrock, arn, create.model_name, request.artifact_path, request.wait);
  return {arn, create.model_name, false};
}

std::string create_or_update_bedrock_deployment(aws::BedrockClient& bedrock, const BedrockDeploymentRequest& request) {
  if (request.update_arn) {
    bedrock.update_provisioned_model_throughput(*request.update_arn, request.model_arn);
    return *request.update_arn;
  }
  const std::string token = create_token();
  if (request.platform == DeployPlatform::BEDROCK_PT) {
    return core::create_noted(
        [&] {
          return bedrock.create_provisioned_model_throughput(
              {request.name, request.model_arn, request.pt_units, request.tags, token});
        },
        fmt::format("Bedrock provisioned throughput {} was created and is billed while it exists; delete it with "
                    "`nova deploy delete {} --yes`",
                    request.name, request.name));
  }
  return core::create_noted(
      [&] { return bedrock.create_custom_model_deployment({request.name, request.model_arn, {}, request.tags, token}); },
      fmt::format("Bedrock deployment {} was created; delete it with `nova deploy delete {} --yes`", request.name,
                  request.name));
}

PollOutcome poll_bedrock_deployment(aws::BedrockClient& bedrock, DeployPlatform platform, const std::string& arn) {
  if (platform == DeployPlatform::BEDROCK_PT) {
    const auto p = bedrock.get_provisioned_model_throughput(arn);
    if (p.status == "InService") return {p.status, PollOutcome::State::done, {}};
    if (p.status == "Failed") return {p.status, PollOutcome::State::failed, p.failure_message};
    return {p.status, PollOutcome::State::waiting, {}};
  }
  const auto d = bedrock.get_custom_model_deployment(arn);
  if (d.status == "Active") return {d.status, PollOutcome::State::done, {}};
  if (d.status == "Failed") return {d.status, PollOutcome::State::failed, d.failure_message};
  return {d.status, PollOutcome::State::waiting, {}};
}

std::optional<DeployPlatform> bedrock_platform_of_arn(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0 || arn.find(":bedrock:") == std::string::npos) return std::nullopt;
  if (arn.find(":custom-model-deployment/") != std::string::npos) return DeployPlatform::BEDROCK_OD;
  if (arn.find(":provisioned-model/") != std::string::npos) return DeployPlatform::BEDROCK_PT;
  return std::nullopt;
}

}  // namespace nova::deploy
