#include "deploy/sagemaker_endpoint.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <regex>

#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/session/session.hpp"
#include "core/noted_create.hpp"
#include "deploy/create_once.hpp"
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
  SageMakerEndpointState s;
  s.endpoint_arn = d.endpoint_arn;
  s.endpoint_name = d.endpoint_name;
  s.status = d.status;
  s.failure_reason = d.failure_reason;
  s.model_name = std::move(model_name);
  s.config_name = d.endpoint_config_name;
  s.created_at = iso8601(d.creation_time);
  return s;
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

// What differs between the model under the name and the one this request would create
// (empty: it is ours).
std::string model_conflict(const aws::DescribeModelResult& existing, const aws::CreateModelRequest& want) {
  if (existing.image == want.image && existing.model_data_s3_uri == want.model_data_s3_prefix &&
      existing.environment == want.environment && existing.execution_role_arn == want.execution_role_arn) {
    return {};
  }
  return fmt::format("it serves {} from {} with role {} (environment included), not {} from {} with role {}",
                     existing.image, existing.model_data_s3_uri, existing.execution_role_arn, want.image,
                     want.model_data_s3_prefix, want.execution_role_arn);
}

// What an interrupted deploy says of a model or config it made before the endpoint: they
// cost nothing, and a new deploy under the same endpoint name reuses them.
std::string model_note(const std::string& name) {
  return fmt::format("SageMaker model {} was created (free while no endpoint serves it); a new `nova deploy create` "
                     "for the same endpoint reuses it, or delete it with `aws sagemaker delete-model --model-name {}`",
                     name, name);
}

std::string config_note(const std::string& name) {
  return fmt::format("SageMaker endpoint config {} was created (free while no endpoint uses it); a new `nova deploy "
                     "create` for the same endpoint reuses it, or delete it with `aws sagemaker "
                     "delete-endpoint-config --endpoint-config-name {}`",
                     name, name);
}

std::optional<ExistingResource> look_for_model(aws::SageMakerClient& sm, const aws::CreateModelRequest& want) {
  const auto existing = aws::describe_model(sm, want.model_name);
  if (!existing) return std::nullopt;
  return ExistingResource{existing->model_arn, model_conflict(*existing, want)};
}

// A model left by an interrupted deploy is reused when it is the one this request would
// create; anything else under the name is refused rather than silently served.
void ensure_model(aws::SageMakerClient& sm, const aws::CreateModelRequest& want) {
  (void)core::create_noted(
      [&] {
        return find_or_create(fmt::format("SageMaker model '{}'", want.model_name),
                              [&] { return aws::create_model(sm, want); }, [&] { return look_for_model(sm, want); });
      },
      model_note(want.model_name));
}

std::optional<ExistingResource> look_for_config(aws::SageMakerClient& sm, const aws::CreateEndpointConfigRequest& want) {
  const auto existing = aws::describe_endpoint_config(sm, want.endpoint_config_name);
  if (!existing) return std::nullopt;
  const auto& v = want.variants.front();
  if (existing->variants.size() == 1 && existing->variants.front().model_name == v.model_name &&
      existing->variants.front().instance_type == v.instance_type &&
      existing->variants.front().initial_instance_count == v.initial_instance_count) {
    return ExistingResource{existing->endpoint_config_arn, {}};
  }
  return ExistingResource{existing->endpoint_config_arn,
                          fmt::format("it serves another model or instance type than {} on {} x{}", v.model_name,
                                      v.instance_type, v.initial_instance_count)};
}

void ensure_config(aws::SageMakerClient& sm, const aws::CreateEndpointConfigRequest& want) {
  (void)core::create_noted(
      [&] {
        return find_or_create(fmt::format("SageMaker endpoint config '{}'", want.endpoint_config_name),
                              [&] { return aws::create_endpoint_config(sm, want); },
                              [&] { return look_for_config(sm, want); });
      },
      config_note(want.endpoint_config_name));
}

void create_endpoint(aws::SageMakerClient& sm, const SageMakerEndpointRequest& request, const std::string& config) {
  const auto look = [&]() -> std::optional<ExistingResource> {
    const auto existing = aws::describe_endpoint(sm, request.endpoint_name);
    if (!existing) return std::nullopt;
    if (existing->endpoint_config_name == config) return ExistingResource{existing->endpoint_arn, {}};
    return ExistingResource{existing->endpoint_arn, fmt::format("it serves endpoint config '{}', not '{}'",
                                                                existing->endpoint_config_name, config)};
  };
  (void)core::create_noted(
      [&] {
        return create_once(fmt::format("SageMaker endpoint '{}'", request.endpoint_name),
                           [&] { return aws::create_endpoint(sm, request.endpoint_name, config, request.tags); }, look);
      },
      fmt::format("SageMaker endpoint {} was created and is starting (billed per instance hour while it exists); "
                  "delete it, its config and model with `nova deploy delete {} --yes`",
                  request.endpoint_name, request.endpoint_name));
}

// Whether `name` is the `kind` ("-model", "-config") resource of `endpoint`: the first one, or
// one an UPDATE_IF_EXISTS made with an epoch suffix.
bool belongs_to(const std::string& name, const std::string& endpoint, const std::string& kind) {
  if (name == derived_name(endpoint, kind)) return true;
  const auto dash = name.rfind('-');
  if (dash == std::string::npos || dash + 1 == name.size()) return false;
  const std::string digits = name.substr(dash + 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  return name == derived_name(endpoint, kind + "-" + digits);
}

// Every name SageMaker lists that is `endpoint`'s `kind` resource. The listing is narrowed to
// names containing the endpoint name's first 40 characters, which every derived name keeps.
template <typename List>
std::vector<std::string> owned_names(List list, const std::string& endpoint, const std::string& kind) {
  std::string family = endpoint.substr(0, 40);
  while (!family.empty() && family.back() == '-') family.pop_back();
  std::vector<std::string> out;
  for (const auto& name : list(family)) {
    if (belongs_to(name, endpoint, kind)) out.push_back(name);
  }
  return out;
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
    create_endpoint(sm, request, p.config.endpoint_config_name);
    // Deleting the endpoint removes its model and config too: its note says all there is to do.
    forget_created(model_note(p.model.model_name));
    forget_created(config_note(p.config.endpoint_config_name));
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
  SageMakerEndpointState state = state_of(*d, model_of_config(sm, d->endpoint_config_name));
  // The lineage is best effort: a model deleted by hand or tags we may not read leave it partial.
  try {
    std::optional<aws::DescribeModelResult> model;
    if (!state.model_name.empty()) model = aws::describe_model(sm, state.model_name);
    if (model) {
      state.model_arn = model->model_arn;
      state.model_data_s3_uri = model->model_data_s3_uri;
    }
    state.tags = aws::list_tags(sm, state.endpoint_arn);
  } catch (const ServiceError&) {
  }
  return state;
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
      wait, "nova deploy status " + endpoint);
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
      wait, "nova deploy status " + endpoint);
  // The config and model it served last, and those earlier updates left behind.
  auto configs = owned_names([&](const std::string& f) { return aws::list_endpoint_config_names(sm, f); }, endpoint, "-config");
  if (std::find(configs.begin(), configs.end(), existing->endpoint_config_name) == configs.end()) {
    configs.push_back(existing->endpoint_config_name);
  }
  for (const auto& config : configs) aws::delete_endpoint_config(sm, config);
  auto models = owned_names([&](const std::string& f) { return aws::list_model_names(sm, f); }, endpoint, "-model");
  if (!model.empty() && std::find(models.begin(), models.end(), model) == models.end()) models.push_back(model);
  for (const auto& m : models) aws::delete_model(sm, m);
}

}  // namespace nova::deploy
