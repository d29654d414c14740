#include "deploy/deploy_role.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "aws/iam/iam_client.hpp"
#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "deploy/create_once.hpp"
#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view deploy_roles_table;
}

namespace nova::deploy {
namespace {

using nlohmann::json;

const json& roles_table() {
  static const json table = json::parse(embedded::deploy_roles_table);
  return table.at("roles");
}

const json& role_entry(DeployPlatform platform) {
  return roles_table().at(platform == DeployPlatform::SAGEMAKER ? "SAGEMAKER" : "BEDROCK");
}

std::string partition_of(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{" + key + "}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

json fill_json(const json& node, const std::vector<std::pair<std::string, std::string>>& values) {
  if (node.is_string()) return fill(node.get<std::string>(), values);
  if (node.is_array()) {
    json out = json::array();
    for (const auto& item : node) out.push_back(fill_json(item, values));
    return out;
  }
  if (node.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : node.items()) out[fill(key, values)] = fill_json(item, values);
    return out;
  }
  return node;
}

// Whether a trust policy lets the platform's service assume the role.
bool trusts(const std::string& trust_document, const std::string& service) {
  const json doc = json::parse(trust_document, nullptr, false);
  if (!doc.is_object() || !doc.contains("Statement")) return false;
  const json statements = doc["Statement"].is_array() ? doc["Statement"] : json::array({doc["Statement"]});
  for (const auto& st : statements) {
    if (!st.is_object() || st.value("Effect", "") != "Allow" || !st.contains("Principal")) continue;
    const json& principal = st["Principal"];
    if (!principal.is_object() || !principal.contains("Service")) continue;
    const json& services = principal["Service"];
    if (services == service) return true;
    if (services.is_array() && std::find(services.begin(), services.end(), json(service)) != services.end()) return true;
  }
  return false;
}

// CreateRole, safe when its answer is lost: a role found under the name afterwards is ours
// when it trusts the platform's service.
std::string create_role(aws::IamClient& iam, const DeployRoleRequest& request) {
  const std::string service = role_entry(request.platform).at("service").get<std::string>();
  const auto look = [&]() -> std::optional<ExistingResource> {
    try {
      const auto role = iam.get_role(request.role_name);
      if (trusts(role.assume_role_policy_document, service)) return ExistingResource{role.arn, {}};
      return ExistingResource{role.arn, fmt::format("role {} does not trust {} (its trust policy: {})", role.arn, service,
                                                    role.assume_role_policy_document)};
    } catch (const ServiceError& e) {
      if (e.code() != "NoSuchEntity") throw;
      return std::nullopt;
    }
  };
  return create_once(
      fmt::format("IAM role '{}'", request.role_name),
      [&] {
        return iam.create_role(request.role_name, deploy_role_trust_policy(request.platform, request.account),
                               role_entry(request.platform).at("description").get<std::string>())
            .arn;
      },
      look);
}

const char* platform_word(DeployPlatform platform) {
  return platform == DeployPlatform::SAGEMAKER ? "SageMaker" : "Bedrock";
}

}  // namespace

std::vector<DeployRolePolicy> deploy_role_policies(const DeployRoleRequest& request) {
  const auto uri = aws::try_parse_s3_uri(request.artifact_path);
  if (!uri || uri->bucket.empty()) {
    throw ValueError(fmt::format("model_artifact_path '{}' is not an S3 URI; expected s3://bucket/prefix/",
                                 request.artifact_path));
  }
  const std::vector<std::pair<std::string, std::string>> values{
      {"partition", partition_of(request.region)}, {"region", request.region}, {"account", request.account},
      {"bucket", uri->bucket}, {"prefix", uri->key}, {"kms_key_arn", request.kms_key_arn.value_or("")}};
  std::vector<DeployRolePolicy> out;
  for (const auto& policy : role_entry(request.platform).at("policies")) {
    json statements = json::array();
    for (const auto& statement : policy.at("statements")) {
      json s = statement;
      if (s.contains("needs")) {
        if (s.at("needs") == "kms_key_arn" && !request.kms_key_arn) continue;
        s.erase("needs");
      }
      statements.push_back(fill_json(s, values));
    }
    const json document = {{"Version", "2012-10-17"}, {"Statement", statements}};
    out.push_back({request.role_name + policy.at("suffix").get<std::string>(), document.dump()});
  }
  return out;
}

std::string deploy_role_trust_policy(DeployPlatform platform, const std::string& account) {
  const json statement = {{"Effect", "Allow"},
                          {"Principal", {{"Service", role_entry(platform).at("service")}}},
                          {"Action", "sts:AssumeRole"},
                          {"Condition", {{"StringEquals", {{"aws:SourceAccount", account}}}}}};
  return json{{"Version", "2012-10-17"}, {"Statement", json::array({statement})}}.dump();
}

std::string ensure_deploy_role(const aws::Session& session, const DeployRoleRequest& request) {
  const auto policies = deploy_role_policies(request);
  auto iam = session.iam();
  try {
    std::string arn;
    try {
      arn = iam.get_role(request.role_name).arn;
    } catch (const ServiceError& e) {
      if (e.code() != "NoSuchEntity") throw;
      arn = create_role(iam, request);
    }
    for (const auto& policy : policies) iam.put_role_policy(request.role_name, policy.name, policy.document);
    return arn;
  } catch (const ServiceError& e) {
    throw ServiceError(fmt::format("Failed to find or create the {} execution role {}: {}", platform_word(request.platform),
                                   request.role_name, e.what()),
                       e.service(), e.operation(), e.code(), e.http_status(), e.request_id(), e.retryable());
  }
}

}  // namespace nova::deploy
