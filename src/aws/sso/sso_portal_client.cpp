#include "aws/sso/sso_portal_client.hpp"

#include <nlohmann/json.hpp>

#include "aws/core/http/uri.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

const ServiceDescriptor kPortal{"SSO", "awsssoportal", Protocol::kRestJson, false};
const ServiceDescriptor kOidc{"SSO OIDC", "sso-oauth", Protocol::kRestJson, false};

// An answer without the fields its operation promises: the service (or something between)
// sent something else. The body is not quoted: it may hold a secret.
[[noreturn]] void malformed(const ServiceDescriptor& service, const std::string& operation, const HttpResponse& r,
                            const std::string& what) {
  throw ServiceError(service.service_id + " " + operation + " returned " + what, service.service_id, operation,
                     "InvalidResponse", r.status, request_id_of(r), false);
}

std::string text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

SsoPortalClient::SsoPortalClient(ConfigFor config_for) : config_for_(std::move(config_for)) {}

Credentials SsoPortalClient::get_role_credentials(const std::string& sso_region, const std::string& account_id,
                                                  const std::string& role_name, const std::string& access_token) {
  AwsClient client(kPortal, config_for_("sso", sso_region));
  const OperationInfo op{"GetRoleCredentials", true, false, /*unsigned_request=*/true};
  HttpRequest request = client.new_request("GET", "/federation/credentials",
                                           "account_id=" + uri_encode(account_id) + "&role_name=" + uri_encode(role_name));
  request.headers.emplace_back("x-amz-sso_bearer_token", access_token);
  frame_rest_json(request, {});
  const HttpResponse response = client.invoke(op, request);
  const json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const auto role = doc.is_object() ? doc.find("roleCredentials") : doc.end();
  if (!doc.is_object() || role == doc.end() || !role->is_object()) malformed(kPortal, op.name, response, "no roleCredentials");
  Credentials c;
  c.access_key_id = text(*role, "accessKeyId");
  c.secret_access_key = text(*role, "secretAccessKey");
  c.session_token = text(*role, "sessionToken");
  const auto expiration = role->find("expiration");  // epoch milliseconds
  if (c.access_key_id.empty() || c.secret_access_key.empty() || expiration == role->end() ||
      !expiration->is_number_integer()) {
    malformed(kPortal, op.name, response, "incomplete role credentials");
  }
  c.expiration = std::chrono::system_clock::time_point(std::chrono::milliseconds(expiration->get<std::int64_t>()));
  return c;
}

SsoTokenGrant SsoPortalClient::refresh_token(const std::string& sso_region, const std::string& client_id,
                                             const std::string& client_secret, const std::string& refresh_token) {
  AwsClient client(kOidc, config_for_("sso-oidc", sso_region));
  // A refresh token is used once: a lost answer is not retried blindly, the caller falls back.
  const OperationInfo op{"CreateToken", false, false, /*unsigned_request=*/true};
  HttpRequest request = client.new_request("POST", "/token");
  frame_rest_json(request, json{{"clientId", client_id},
                                {"clientSecret", client_secret},
                                {"grantType", "refresh_token"},
                                {"refreshToken", refresh_token}}
                               .dump());
  const HttpResponse response = client.invoke(op, request);
  const json doc = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  SsoTokenGrant grant;
  if (doc.is_object()) grant.access_token = text(doc, "accessToken");
  const auto expires_in = doc.is_object() ? doc.find("expiresIn") : doc.end();
  if (grant.access_token.empty() || expires_in == doc.end() || !expires_in->is_number_integer()) {
    malformed(kOidc, op.name, response, "no accessToken and expiresIn");
  }
  grant.expires_in = std::chrono::seconds(expires_in->get<std::int64_t>());
  if (auto rotated = text(doc, "refreshToken"); !rotated.empty()) grant.refresh_token = std::move(rotated);
  return grant;
}

}  // namespace nova::aws
