// NovaModelCustomizer::deploy(): checks, the existing-deployment rule, artifact resolution,
// execution role, IAM validation, then the Bedrock import + deployment or a SageMaker endpoint.
#include <fmt/format.h>

#include "aws/session/session.hpp"
#include "core/log.hpp"
#include "customizer/customizer_state.hpp"
#include "customizer/model_path_resolution.hpp"
#include "deploy/bedrock_deploy.hpp"
#include "deploy/bedrock_names.hpp"
#include "deploy/deploy_role.hpp"
#include "deploy/deploy_support.hpp"
#include "deploy/sagemaker_endpoint.hpp"
#include "nova/deploy.hpp"
#include "nova/results.hpp"
#include "preflight/preflight.hpp"

namespace nova {
namespace {

bool is_bedrock(DeployPlatform p) { return p != DeployPlatform::SAGEMAKER; }

void check_arguments(const DeployOptions& o) {
  if (o.deploy_platform == DeployPlatform::BEDROCK_PT && (!o.pt_units || *o.pt_units < 1)) {
    throw ValueError(fmt::format("BEDROCK_PT needs pt_units >= 1 (the model units to provision), got {}; "
                                 "pass pt_units=1 or more, or deploy on BEDROCK_OD",
                                 o.pt_units ? std::to_string(*o.pt_units) : std::string("none")));
  }
}

std::string kms_key_arn(const std::string& key, const std::string& region, const std::string& account) {
  if (key.rfind("arn:", 0) == 0) return key;
  return fmt::format("arn:aws:kms:{}:{}:key/{}", region, account, key);
}

}  // namespace

DeploymentResult NovaModelCustomizer::deploy(const DeployOptions& o) {
  Impl& d = *impl_;
  const DeployPlatform platform = o.deploy_platform;
  check_arguments(o);
  const std::string name =
      o.endpoint_name.value_or(deploy::default_endpoint_name(d.model, d.method, platform, d.region));
  deploy::check_endpoint_name(name, platform);
  const deploy::SessionRef session{d.session};
  const DeploymentMode mode = d.options.deployment_mode;

  // The existing deployment first, so FAIL_IF_EXISTS stops before anything is imported.
  std::optional<std::string> update_arn;
  auto bedrock = deploy::bedrock_client(session.get());
  if (is_bedrock(platform)) {
    if (auto existing = deploy::find_bedrock_deployment(bedrock, platform, name)) {
      update_arn = deploy::apply_deployment_mode(platform, mode, name, *existing);
    }
  } else if (mode == DeploymentMode::FAIL_IF_EXISTS) {
    if (auto existing = deploy::describe_sagemaker_endpoint(session.get(), name)) {
      deploy::apply_deployment_mode(platform, mode, name, existing->endpoint_arn);
    }
  }

  auto s3 = session.get().s3();
  const customizer::ResolvedModelPath artifact = customizer::resolve_model_path(
      s3, {o.model_artifact_path, o.job_result, std::nullopt, d.training_job_id, d.output_s3_path,
           o.job_result ? o.job_result->platform() : d.infra->platform()});
  if (!artifact.path) {
    throw ValueError("Model artifact path could not be resolved: pass model_artifact_path (s3://...), a completed "
                     "job_result, or call train() on this customizer first");
  }
  std::optional<std::string> training_job;
  if (o.job_result) {
    training_job = o.job_result->job_id();
  } else if (!o.model_artifact_path) {
    training_job = d.training_job_id;
  }

  const std::string account = session.get().sts().get_caller_identity().account;
  std::optional<std::string> kms;
  if (d.infra->kms_key_id()) kms = kms_key_arn(*d.infra->kms_key_id(), d.region, account);
  std::string role_name = o.bedrock_execution_role_name;
  if (!is_bedrock(platform) && role_name == kBedrockExecutionRoleName) role_name = kSageMakerExecutionRoleName;
  if (d.validation.at("iam") || d.validation.at("infra")) {
    // The caller's permissions for every deploy call (iam) and the endpoint instance quota (infra).
    PreflightRequest check;
    check.deploy_platform = platform;
    check.endpoint_name = name;
    check.execution_role_arn = fmt::format("arn:aws:iam::{}:role/{}", account, role_name);
    if (!is_bedrock(platform)) check.instance_type = o.instance_type;
    check.kms_key_id = d.infra->kms_key_id();
    check.aws = d.options.aws;
    const unsigned groups = (d.validation.at("iam") ? preflight::kPermissions : 0u) |
                            (d.validation.at("infra") ? preflight::kQuota : 0u);
    const std::string problems = preflight::failure_message(preflight::run_checks(check, d.session, groups), "deploy");
    if (!problems.empty()) throw ValueError(problems);
  }
  const std::string role_arn =
      deploy::ensure_deploy_role(session.get(), {platform, role_name, *artifact.path, account, d.region, kms});

  DeploymentLineage lineage{training_job, *artifact.path, {}, {}};
  std::string uri;
  if (is_bedrock(platform)) {
    const auto model = deploy::import_custom_model(bedrock, {name, *artifact.path, role_arn, kms, training_job, o.wait});
    lineage.model_arn = model.arn;
    deploy::BedrockDeploymentRequest request{platform, name, model.arn, o.pt_units.value_or(1), update_arn, {}};
    request.tags.push_back({deploy::kEscrowUriTag, deploy::escrow_tag_value(*artifact.path)});
    if (training_job) {
      if (auto tag = deploy::lineage_tag(deploy::kTrainingJobTag, *training_job)) request.tags.push_back(*tag);
    }
    request.tags.push_back({deploy::kCustomModelTag, model.arn});
    if (update_arn) {
      // The PT keeps its own tags; record the lineage of the model it now serves.
      bedrock.tag_resource(*update_arn, request.tags);
    }
    uri = deploy::create_or_update_bedrock_deployment(bedrock, request);
  } else {
    deploy::SageMakerEndpointRequest request;
    request.endpoint_name = name;
    request.model_artifact_s3_uri = *artifact.path;
    request.model = d.model;
    request.instance_type = o.instance_type;
    request.execution_role_arn = role_arn;
    request.context_length = o.context_length;
    request.max_concurrency = o.max_concurrency;
    request.kms_key_id = d.infra->kms_key_id();
    request.mode = mode;
    request.tags[deploy::kEscrowUriTag] = deploy::escrow_tag_value(*artifact.path);
    if (training_job) request.tags[deploy::kTrainingJobTag] = *training_job;
    const auto state = deploy::deploy_sagemaker_endpoint(session.get(), request);
    uri = state.endpoint_arn;
    lineage.model_arn = state.model_name;
  }
  lineage.deployment_arn = uri;
  DeploymentResult result({platform, name, uri, *artifact.path}, std::chrono::system_clock::now(), lineage, d.options.aws);
  if (o.wait_for_deployment) {
    result.wait(o.wait);
  } else if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Deployment {} ({}) started: {}; it usually takes 30-45 minutes to "
                                                 "become ready", name, to_string(platform), uri));
  }
  return result;
}

}  // namespace nova
