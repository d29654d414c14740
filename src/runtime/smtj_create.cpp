#include "runtime/smtj_create.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "aws/core/retry/ambiguous_create.hpp"

namespace nova::runtime {
namespace {

using nlohmann::json;

std::string at(const json& doc, std::initializer_list<const char*> path) {
  const json* node = &doc;
  for (const char* key : path) {
    if (!node->is_object()) return {};
    const auto it = node->find(key);
    if (it == node->end()) return {};
    node = &*it;
  }
  return node->is_string() ? node->get<std::string>() : std::string();
}

// Channel name -> S3 URI.
std::map<std::string, std::string> channels(const json& doc) {
  std::map<std::string, std::string> out;
  const auto it = doc.find("InputDataConfig");
  if (it == doc.end() || !it->is_array()) return out;
  for (const json& c : *it) out[at(c, {"ChannelName"})] = at(c, {"DataSource", "S3DataSource", "S3Uri"});
  return out;
}

std::string describe(const std::map<std::string, std::string>& chans) {
  std::string out;
  for (const auto& [name, uri] : chans) out += (out.empty() ? "" : ", ") + name + "=" + uri;
  return out.empty() ? "none" : out;
}

// SageMaker answers a missing job with ValidationException ("Requested resource not found";
// moto: "Could not find training job"); ResourceNotFound is accepted too.
bool is_missing_job(const ServiceError& e) {
  if (e.code() == "ResourceNotFound" || e.code() == "ResourceNotFoundException") return true;
  const std::string_view m = e.what();
  return e.code() == "ValidationException" &&
         (m.find("not found") != std::string_view::npos || m.find("ould not find") != std::string_view::npos);
}

}  // namespace

std::vector<std::string> training_job_differences(const aws::CreateTrainingJobRequest& request,
                                                  const std::string& describe_json) {
  const json asked = json::parse(aws::to_request_json(request));
  const json existing = json::parse(describe_json, nullptr, false);
  std::vector<std::string> out;
  if (existing.is_discarded()) return {"the existing job's description is not JSON"};
  const auto compare = [&](const char* what, std::initializer_list<const char*> path) {
    const std::string a = at(asked, path), e = at(existing, path);
    if (a != e) out.push_back(fmt::format("{}: {} (asked for {})", what, e.empty() ? "none" : e, a.empty() ? "none" : a));
  };
  compare("role", {"RoleArn"});
  compare("image", {"AlgorithmSpecification", "TrainingImage"});
  compare("output", {"OutputDataConfig", "S3OutputPath"});
  const auto asked_channels = channels(asked), existing_channels = channels(existing);
  if (asked_channels != existing_channels) {
    out.push_back(fmt::format("inputs: {} (asked for {})", describe(existing_channels), describe(asked_channels)));
  }
  return out;
}

std::string create_training_job_once(const aws::Session& session, const aws::CreateTrainingJobRequest& request) {
  // One attempt per create call: create_exactly_once decides what may be retried.
  aws::ClientConfig single = session.client_config("sagemaker");
  const auto clock = single.clock;
  const auto jitter = single.jitter;
  single.retry.max_attempts = 1;
  aws::SageMakerClient creator(std::move(single));
  aws::SageMakerClient reader = session.sagemaker();
  const std::string& name = request.training_job_name;

  aws::AmbiguousCreate spec;
  spec.what = fmt::format("training job '{}'", name);
  spec.check_hint = "nova job status " + name;
  spec.create = [&] { return creator.create_training_job(request); };
  spec.already_exists = [](const ServiceError& e) { return e.code() == "ResourceInUse"; };
  spec.find = [&]() -> std::optional<std::string> {
    aws::DescribeTrainingJobResult job;
    try {
      job = reader.describe_training_job(name);
    } catch (const ServiceError& e) {
      if (is_missing_job(e)) return std::nullopt;
      throw;
    }
    const auto diffs = training_job_differences(request, job.raw_json);
    if (diffs.empty()) return job.arn;
    std::string list;
    for (const auto& d : diffs) list += "\n  - " + d;
    throw ServiceError(fmt::format("SageMaker CreateTrainingJob failed: a training job named '{}' already exists ({}) "
                                   "and it is not the one this request creates:{}\nchoose a job name that is not in use",
                                   name, job.arn, list),
                       "SageMaker", "CreateTrainingJob", "ResourceInUse", 400, "", false);
  };
  spec.clock = clock;
  spec.jitter = jitter;
  spec.max_attempts = std::max(1, session.settings().max_attempts);
  return aws::create_exactly_once(spec);
}

}  // namespace nova::runtime
