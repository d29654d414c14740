#include "aws/sts/sts_client.hpp"

#include <pugixml.hpp>

#include "aws/core/credentials/credentials_util.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

constexpr const char* kVersion = "2011-06-15";

ServiceDescriptor sts_service() { return {"STS", "sts", Protocol::kQuery, false}; }

// <OpResponse><OpResult>...</OpResult></OpResponse>
pugi::xml_node result_node(pugi::xml_document& doc, const HttpResponse& response, const std::string& op) {
  if (!doc.load_buffer(response.body.data(), response.body.size())) {
    throw ServiceError("STS " + op + " returned a body that is not XML", "STS", op, "InvalidResponse", response.status,
                       request_id_of(response), false);
  }
  return doc.document_element().child((op + "Result").c_str());
}

TemporaryCredentials parse_credentials(pugi::xml_node node, const std::string& op) {
  TemporaryCredentials c;
  c.access_key_id = node.child_value("AccessKeyId");
  c.secret_access_key = node.child_value("SecretAccessKey");
  c.session_token = node.child_value("SessionToken");
  const auto exp = parse_iso8601(node.child_value("Expiration"));
  if (c.access_key_id.empty() || c.secret_access_key.empty() || !exp) {
    throw ServiceError("STS " + op + " returned incomplete credentials", "STS", op, "InvalidResponse", 200, "", false);
  }
  c.expiration = *exp;
  return c;
}

// Members both role operations send when set.
void add_role_options(QueryParams& params, const std::optional<int>& duration_seconds, const std::string& policy) {
  if (duration_seconds) params.emplace_back("DurationSeconds", std::to_string(*duration_seconds));
  if (!policy.empty()) params.emplace_back("Policy", policy);
}

// Credentials and AssumedRoleUser of an AssumeRole* result.
template <typename Result>
Result parse_role_result(pugi::xml_node r, const std::string& op) {
  Result out;
  out.credentials = parse_credentials(r.child("Credentials"), op);
  out.assumed_role_id = r.child("AssumedRoleUser").child_value("AssumedRoleId");
  out.arn = r.child("AssumedRoleUser").child_value("Arn");
  return out;
}

}  // namespace

StsClient::StsClient(ClientConfig config) : client_(sts_service(), std::move(config)) {}

HttpResponse StsClient::call(const OperationInfo& op, const QueryParams& params) {
  HttpRequest req = client_.new_request("POST", "/");
  frame_query(req, op.name, kVersion, params);
  return client_.invoke(op, req);
}

GetCallerIdentityResult StsClient::get_caller_identity() {
  const OperationInfo op{"GetCallerIdentity", true, false, false};
  const HttpResponse resp = call(op, {});
  pugi::xml_document doc;
  const pugi::xml_node r = result_node(doc, resp, op.name);
  return {r.child_value("Account"), r.child_value("Arn"), r.child_value("UserId")};
}

AssumeRoleResult StsClient::assume_role(const AssumeRoleRequest& request) {
  // Assuming a role twice only issues a second set of credentials: safe to retry.
  const OperationInfo op{"AssumeRole", true, false, false};
  QueryParams params{{"RoleArn", request.role_arn}, {"RoleSessionName", request.role_session_name}};
  if (!request.external_id.empty()) params.emplace_back("ExternalId", request.external_id);
  add_role_options(params, request.duration_seconds, request.policy);
  const HttpResponse resp = call(op, params);
  pugi::xml_document doc;
  return parse_role_result<AssumeRoleResult>(result_node(doc, resp, op.name), op.name);
}

AssumeRoleWithWebIdentityResult StsClient::assume_role_with_web_identity(
    const AssumeRoleWithWebIdentityRequest& request) {
  const OperationInfo op{"AssumeRoleWithWebIdentity", true, false, /*unsigned_request=*/true};
  QueryParams params{{"RoleArn", request.role_arn},
                     {"RoleSessionName", request.role_session_name},
                     {"WebIdentityToken", request.web_identity_token}};
  if (!request.provider_id.empty()) params.emplace_back("ProviderId", request.provider_id);
  add_role_options(params, request.duration_seconds, request.policy);
  const HttpResponse resp = call(op, params);
  pugi::xml_document doc;
  const pugi::xml_node r = result_node(doc, resp, op.name);
  auto out = parse_role_result<AssumeRoleWithWebIdentityResult>(r, op.name);
  out.subject_from_web_identity_token = r.child_value("SubjectFromWebIdentityToken");
  out.audience = r.child_value("Audience");
  out.provider = r.child_value("Provider");
  return out;
}

}  // namespace nova::aws
