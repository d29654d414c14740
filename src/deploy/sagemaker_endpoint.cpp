#include "deploy/sagemaker_endpoint.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>
#include <regex>

#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "deploy/sagemaker_endpoint_table.hpp"
#include "nova/error.hpp"

namespace nova::deploy {
namespace {

constexpr std::size_t kMaxNameLength = 63;

// SageMaker resource names: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.
void check_name(const std::string& name, const char* what) {
  static const std::regex pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  if (!std::regex_match(name, pattern)) {
    throw ValueError(fmt::format("{} '{}' is not a valid SageMaker name: 1-63 letters, digits and hyphens, starting "
                                 "and ending with a letter or digit",
                                 what, name));
  }
}

// `<endpoint><suffix>`, the endpoint part shortened so the whole stays a valid name.
std::string derived_name(const std::string& endpoint, const std::string& suffix) {
  std::string base = endpoint.substr(0, kMaxNameLength - suffix.size());
  while (!base.empty() && base.back() == '-') base.pop_back();
  return base + suffix;
}

std::string iso8601(const std::optional<aws::TimePoint>& t) {
  if (!t) return {};
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(*t)));
}

std::string s3_prefix(const std::string& uri) {
  static const std::regex pattern(R"(s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\s]*)?)");
  if (!std::regex_match(uri, pattern)) {
    throw ValueError(fmt::format("model artifact path '{}' is not an S3 URI (s3://bucket/prefix/)", uri));
  }
  return uri.back() == '/' ? uri : uri + "/";
}

// The endpoint name from an endpoint ARN (arn:aws:sagemaker:<region>:<acct>:endpoint/<name>), or the name itself.
std::string endpoint_name_of(const std::string& name_or_arn) {
  if (name_or_arn.rfind("arn:", 0) != 0) return name_or_arn;
  const auto slash = name_or_arn.find(":endpoint/");
  if (slash == std::string::npos) {
    throw ValueError(fmt::format("'{}' is not a SageMaker endpoint ARN (arn:aws:sagemaker:<region>:<account>:endpoint/<name>)",
                                 name_or_arn));
  }
  return name_or_arn.substr(slash + std::string(":endpoint/").size());
}

SageMakerEndpointState state_of(const aws::DescribeEndpointResult& d, std::string model_name) {
  return {d.endpoint_arn, d.endpoint_name, d.status, d.failure_reason, std::move(model_name), d.endpoint_config_name,
          iso8601(d.creation_time)};
}

std::string model_of_config(aws::SageMakerClient& sm, const std::string& config_name) {
  const auto config = aws::describe_endpoint_config(sm, config_name);
  return config && !config->variants.empty() ? config->variants.front().model_name : std::string();
}

struct Plan {
  aws::CreateModelRequest model;
  aws::CreateEndpointConfigRequest config;
};

Plan plan_for(const aws::Session& session, const SageMakerEndpointRequest& r, const std::string& suffix) {
  check_name(r.endpoint_name, "endpoint name");
  if (r.execution_role_arn.empty()) throw ValueError("a SageMaker endpoint needs an execution role ARN");
  if (r.initial_instance_count < 1) {
    throw ValueError(fmt::format("initial instance count must be at least 1, not {}", r.initial_instance_count));
  }
  const InferenceDefaults& defaults = sagemaker_inference_defaults();
  const int context_length = r.context_length.value_or(defaults.context_length);
  const int max_concurrency = r.max_concurrency.value_or(defaults.max_concurrency);
  check_sagemaker_inference_tier(r.model, r.instance_type, context_length, max_concurrency);
  Plan p;
  p.model.model_name = derived_name(r.endpoint_name, "-model" + suffix);
  p.model.image = sagemaker_inference_image(session.region().region);
  p.model.model_data_s3_prefix = s3_prefix(r.model_artifact_s3_uri);
  p.model.environment = {{"CONTEXT_LENGTH", std::to_string(context_length)},
                         {"MAX_CONCURRENCY", std::to_string(max_concurrency)}};
  p.model.execution_role_arn = r.execution_role_arn;
  p.model.enable_network_isolation = true;
  p.model.tags = r.tags;
  p.config.endpoint_config_name = derived_name(r.endpoint_name, "-config" + suffix);
  p.config.variants = {{"primary", p.model.model_name, r.instance_type, r.initial_instance_count}};
  p.config.kms_key_id = r.kms_key_id;
  p.config.tags = r.tags;
  return p;
}

// A model left by an interrupted deploy is reused when it is the one this request would
// create; anything else under the name is refused rather than silently served.
void ensure_model(aws::SageMakerClient& sm, const aws::CreateModelRequest& want) {
  const auto existing = aws::describe_model(sm, want.model_name);
  if (!existing) {
    (void)aws::create_model(sm, want);
    return;
  }
  if (existing->image == want.image && existing->model_data_s3_uri == want.model_data_s3_prefix &&
      existing->environment == want.environment && existing->execution_role_arn == want.execution_role_arn) {
    return;
  }
  throw ValueError(fmt::format(
      "SageMaker model '{}' already exists with another image, artifact, environment or role ({} from {}); delete it "
      "or choose another endpoint name",
      want.model_name, existing->image, existing->model_data_s3_uri));
}

void ensure_config(aws::SageMakerClient& sm, const aws::CreateEndpointConfigRequest& want) {
  const auto existing = aws::describe_endpoint_config(sm, want.endpoint_config_name);
  if (!existing) {
    (void)aws::create_endpoint_config(sm, want);
    return;
  }
  const auto& v = want.variants.front();
  if (existing->variants.size() == 1 && existing->variants.front().model_name == v.model_name &&
      existing->variants.front().instance_type == v.instance_type &&
      existing->variants.front().initial_instance_count == v.initial_instance_count) {
    return;
  }
  throw ValueError(fmt::format(
      "SageMaker endpoint config '{}' already exists with another model or instance type; delete it or choose another "
      "endpoint name",
      want.endpoint_config_name));
}

}  // namespace

SageMakerEndpointState deploy_sagemaker_endpoint(const aws::Session& session, const SageMakerEndpointRequest& request) {
  aws::SageMakerClient sm = session.sagemaker();
  check_name(request.endpoint_name, "endpoint name");
  const auto existing = aws::describe_endpoint(sm, request.endpoint_name);
  if (!existing) {
    const Plan p = plan_for(session, request, "");
    ensure_model(sm, p.model);
    ensure_config(sm, p.config);
    (void)aws::create_endpoint(sm, request.endpoint_name, p.config.endpoint_config_name, request.tags);
    const auto created = aws::describe_endpoint(sm, request.endpoint_name);
    if (!created) {
      throw ServiceError(fmt::format("SageMaker endpoint '{}' was created but DescribeEndpoint does not find it",
                                     request.endpoint_name),
                         "SageMaker", "DescribeEndpoint", "ResourceNotFound", 0, "", true);
    }
    return state_of(*created, p.model.model_name);
  }
  if (request.mode == DeploymentMode::FAIL_IF_EXISTS) {
    throw ValueError(fmt::format("Deployment '{}' already exists on platform SAGEMAKER (status {}).\nARN: {}\nChange "
                                 "deployment_mode to UPDATE_IF_EXISTS to update it, or delete it first.",
                                 request.endpoint_name, existing->status, existing->endpoint_arn));
  }
  if (existing->status != "InService") {
    throw ValueError(fmt::format(
        "SageMaker endpoint '{}' is {}{}; only an InService endpoint can be updated (wait for it, or delete it and "
        "deploy again)",
        request.endpoint_name, existing->status,
        existing->failure_reason.empty() ? "" : " (" + existing->failure_reason + ")"));
  }
  // A new model and config per update: the old ones keep serving until SageMaker switches over.
  const std::string suffix = fmt::format("-{}", std::time(nullptr));
  const Plan p = plan_for(session, request, suffix);
  ensure_model(sm, p.model);
  ensure_config(sm, p.config);
  (void)aws::update_endpoint(sm, request.endpoint_name, p.config.endpoint_config_name);
  auto updated = aws::describe_endpoint(sm, request.endpoint_name);
  return state_of(updated ? *updated : *existing, p.model.model_name);
}

std::optional<SageMakerEndpointState> describe_sagemaker_endpoint(const aws::Session& session,
                                                                  const std::string& name_or_arn) {
  aws::SageMakerClient sm = session.sagemaker();
  const auto d = aws::describe_endpoint(sm, endpoint_name_of(name_or_arn));
  if (!d) return std::nullopt;
  return state_of(*d, model_of_config(sm, d->endpoint_config_name));
}

SageMakerEndpointState wait_for_sagemaker_endpoint(const aws::Session& session, const std::string& name,
                                                   const WaitOptions& wait) {
  aws::SageMakerClient sm = session.sagemaker();
  const std::string endpoint = endpoint_name_of(name);
  std::optional<aws::DescribeEndpointResult> last;
  (void)wait_until(
      "SageMaker endpoint " + endpoint,
      [&] {
        last = aws::describe_endpoint(sm, endpoint);
        if (!last) {
          return PollOutcome{"Deleted", PollOutcome::State::failed, "the endpoint no longer exists"};
        }
        if (last->status == "InService") return PollOutcome{last->status, PollOutcome::State::done, ""};
        if (last->status == "Failed" || last->status == "UpdateRollbackFailed") {
          return PollOutcome{last->status, PollOutcome::State::failed, last->failure_reason};
        }
        return PollOutcome{last->status, PollOutcome::State::waiting, ""};
      },
      wait);
  return state_of(*last, model_of_config(sm, last->endpoint_config_name));
}

void delete_sagemaker_endpoint(const aws::Session& session, const std::string& name, const WaitOptions& wait) {
  aws::SageMakerClient sm = session.sagemaker();
  const std::string endpoint = endpoint_name_of(name);
  const auto existing = aws::describe_endpoint(sm, endpoint);
  if (!existing) return;
  const std::string model = model_of_config(sm, existing->endpoint_config_name);
  aws::delete_endpoint(sm, endpoint);
  (void)wait_until(
      "SageMaker endpoint " + endpoint + " deletion",
      [&] {
        const auto d = aws::describe_endpoint(sm, endpoint);
        if (!d) return PollOutcome{"Deleted", PollOutcome::State::done, ""};
        if (d->status == "Failed") return PollOutcome{d->status, PollOutcome::State::failed, d->failure_reason};
        return PollOutcome{d->status, PollOutcome::State::waiting, ""};
      },
      wait);
  aws::delete_endpoint_config(sm, existing->endpoint_config_name);
  if (!model.empty()) aws::delete_model(sm, model);
}

}  // namespace nova::deploy
