#include "aws/core/credentials/imds_provider.hpp"

#include <nlohmann/json.hpp>


#include "aws/core/config/env.hpp"
#include "aws/core/config/shared_config.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/endpoints/endpoint_resolver.hpp"
#include "core/text.hpp"

namespace nova::aws {
namespace {

constexpr const char* kRolesPath = "/latest/meta-data/iam/security-credentials/";

std::optional<std::string> setting(const char* env_name, const Profile* profile, const char* key) {
  if (auto v = env_value(env_name)) return v;
  if (profile != nullptr) return profile->get(key);
  return std::nullopt;
}

}  // namespace

ImdsOptions ImdsOptions::from_environment(const Profile* profile) {
  ImdsOptions out;
  if (auto v = env_value("AWS_EC2_METADATA_DISABLED")) out.disabled = parse_bool_setting(*v, "AWS_EC2_METADATA_DISABLED");
  if (auto v = setting("AWS_EC2_METADATA_V1_DISABLED", profile, "ec2_metadata_v1_disabled")) {
    out.v1_disabled = parse_bool_setting(*v, "AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled");
  }
  if (auto mode = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", profile, "ec2_metadata_service_endpoint_mode")) {
    const auto m = core::ascii_lower(*mode);
    if (m == "ipv6") {
      out.endpoint = "http://[fd00:ec2::254]";
    } else if (m != "ipv4") {
      throw ConfigError("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6");
    }
  }
  if (auto ep = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", profile, "ec2_metadata_service_endpoint")) out.endpoint = *ep;
  if (auto n = env_value("AWS_METADATA_SERVICE_NUM_ATTEMPTS")) {
    out.attempts = parse_int_setting(*n, 1, 10, "AWS_METADATA_SERVICE_NUM_ATTEMPTS");
  }
  return out;
}

ImdsClient::ImdsClient(std::shared_ptr<HttpTransport> transport, ImdsOptions options, std::shared_ptr<const Clock> clock)
    : transport_(std::move(transport)), options_(std::move(options)), clock_(std::move(clock)) {
  const auto url = parse_endpoint_url(options_.endpoint, "the instance metadata endpoint");
  scheme_ = url.scheme;
  host_ = url.host;
  prefix_ = url.path_prefix;
}

std::optional<std::string> ImdsClient::session_token(bool& reachable) {
  HttpRequest put;
  put.method = "PUT";
  put.scheme = scheme_;
  put.host = host_;
  put.path = prefix_ + "/latest/api/token";
  set_header(put.headers, "x-aws-ec2-metadata-token-ttl-seconds", "21600");
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    const auto result = transport_->send(put);
    if (!result.ok()) continue;  // timeout / refused: maybe not on EC2
    const int status = result.response->status;
    if (status == 200) {
      reachable = true;
      return result.response->body;
    }
    if (status == 403 || status == 404 || status == 405) {
      reachable = true;
      if (options_.v1_disabled) {
        throw ConfigError("instance metadata refused an IMDSv2 token (HTTP " + std::to_string(status) +
                          ") and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)");
      }
      return std::nullopt;
    }
    if (status == 400) throw ConfigError("instance metadata rejected the IMDSv2 token request (HTTP 400)");
  }
  reachable = false;
  return std::nullopt;
}

std::optional<std::string> ImdsClient::get(const std::string& path) {
  if (options_.disabled) return std::nullopt;
  bool reachable = false;
  const auto token = session_token(reachable);
  if (!reachable) return std::nullopt;
  HttpRequest request;
  request.method = "GET";
  request.scheme = scheme_;
  request.host = host_;
  request.path = prefix_ + path;
  if (token) set_header(request.headers, "x-aws-ec2-metadata-token", *token);
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    const auto result = transport_->send(request);
    if (!result.ok()) continue;
    if (result.response->status == 200) return result.response->body;
    if (result.response->status == 404) return std::nullopt;
    if (result.response->status < 500) {
      throw ConfigError("instance metadata answered HTTP " + std::to_string(result.response->status) + " for " + path);
    }
  }
  return std::nullopt;
}

std::optional<std::string> ImdsClient::region() {
  if (auto r = get("/latest/meta-data/placement/region"); r && !r->empty()) return r;
  if (auto az = get("/latest/meta-data/placement/availability-zone"); az && az->size() > 1) {
    return az->substr(0, az->size() - 1);
  }
  return std::nullopt;
}

ImdsCredentialsProvider::ImdsCredentialsProvider(std::shared_ptr<ImdsClient> client) : client_(std::move(client)) {}

Credentials ImdsCredentialsProvider::get() {
  const auto& opts = client_->options();
  if (opts.disabled) throw CredentialsNotFound("disabled by AWS_EC2_METADATA_DISABLED");
  const auto roles = client_->get(kRolesPath);
  if (!roles) throw CredentialsNotFound("no instance metadata service answered at " + opts.endpoint);
  const auto role = roles->substr(0, roles->find('\n'));
  if (role.empty()) throw CredentialsNotFound("the instance has no IAM role attached");
  const auto doc = client_->get(kRolesPath + role);
  if (!doc) throw ConfigError("instance metadata has no credentials for role " + role);
  const std::string what = "instance metadata credentials for role " + role;
  // {"Code": "Success", ...}; any other code means the role's credentials are unavailable.
  const auto json = nlohmann::json::parse(*doc, nullptr, false);
  if (json.is_object() && json.contains("Code") && json["Code"].is_string() && json["Code"] != "Success") {
    throw ConfigError(what + " are unavailable (Code " + json["Code"].get<std::string>() + ")");
  }
  return parse_credentials_json(*doc, {"Token", false}, what, "imds");
}

}  // namespace nova::aws
