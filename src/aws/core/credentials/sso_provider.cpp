#include "aws/core/credentials/sso_provider.hpp"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "aws/core/config/env.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/sigv4/crypto.hpp"
#include "core/atomic_file.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

using nlohmann::json;

// botocore's refresh window: a token with less left than this is refreshed when it can be.
constexpr std::chrono::minutes kRefreshWindow{15};

std::optional<std::chrono::system_clock::time_point> parse_cache_time(std::string text) {
  // Early AWS CLI v2 releases wrote "2021-06-18T03:23:19UTC".
  if (text.size() > 3 && text.compare(text.size() - 3, 3, "UTC") == 0) text.replace(text.size() - 3, 3, "Z");
  return parse_iso8601(text);
}

std::string text_field(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::optional<SsoSettings> sso_settings(const Profile& profile, const SharedConfig& config) {
  if (!profile.has("sso_account_id") && !profile.has("sso_role_name")) return std::nullopt;
  SsoSettings out;
  out.profile = profile.name;
  SettingMap resolved = profile.values;
  static constexpr const char* kRequired[] = {"sso_role_name", "sso_account_id", "sso_start_url", "sso_region"};
  if (const auto session = profile.get("sso_session")) {
    const SettingMap* section = config.sso_session(*session);
    if (section == nullptr) {
      throw ConfigError("profile '" + profile.name + "' names sso_session '" + *session + "', but " +
                        config.config_path() + " has no [sso-session " + *session + "] section");
    }
    for (const auto& [key, value] : *section) {
      const auto mine = profile.get(key);
      if (mine && *mine != value) {
        throw ConfigError("profile '" + profile.name + "' sets " + key + " = " + *mine + ", but its sso-session '" +
                          *session + "' says " + value + "; keep one");
      }
      resolved[key] = value;
    }
    out.session_name = *session;
  }
  std::string missing;
  for (const char* key : kRequired) {
    const auto it = resolved.find(key);
    if (it == resolved.end() || it->second.empty()) missing += (missing.empty() ? "" : ", ") + std::string(key);
  }
  if (!missing.empty()) {
    throw ConfigError("profile '" + profile.name + "' is configured for IAM Identity Center but lacks " + missing +
                      (out.session_name ? " (in the profile or its [sso-session " + *out.session_name + "])" : ""));
  }
  out.start_url = resolved["sso_start_url"];
  out.region = resolved["sso_region"];
  out.account_id = resolved["sso_account_id"];
  out.role_name = resolved["sso_role_name"];
  return out;
}

std::string default_sso_cache_dir() { return expand_home("~/.aws/sso/cache"); }

std::string sso_token_cache_file(const SsoSettings& settings, const std::string& cache_dir) {
  return cache_dir + "/" + sha1_hex(settings.session_name.value_or(settings.start_url)) + ".json";
}

SsoCredentialsProvider::SsoCredentialsProvider(SsoSettings settings, std::shared_ptr<SsoPortal> portal,
                                               std::shared_ptr<const Clock> clock, std::string cache_dir)
    : settings_(std::move(settings)),
      portal_(std::move(portal)),
      clock_(std::move(clock)),
      cache_file_(sso_token_cache_file(settings_, cache_dir)) {}

void SsoCredentialsProvider::login_again(const std::string& why) const {
  throw ConfigError("profile '" + settings_.profile + "': " + why + ". Sign in again with `aws sso login --profile " +
                    settings_.profile + "`");
}

std::string SsoCredentialsProvider::access_token() {
  const std::string sign_in = settings_.session_name ? "the IAM Identity Center sign-in of sso-session '" +
                                                            *settings_.session_name + "'"
                                                      : "the IAM Identity Center sign-in to " + settings_.start_url;
  std::ifstream in(cache_file_);
  if (!in) login_again(sign_in + " is not cached (no " + cache_file_ + ")");
  json token;
  try {
    token = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
  } catch (const json::exception&) {
    login_again("the cached token file " + cache_file_ + " is not JSON");  // its content is a secret: not quoted
  }
  const std::string access = token.is_object() ? text_field(token, "accessToken") : "";
  const auto expires = token.is_object() ? parse_cache_time(text_field(token, "expiresAt")) : std::nullopt;
  if (access.empty() || !expires) login_again("the cached token file " + cache_file_ + " has no accessToken or expiresAt");

  const auto now = clock_->now();
  if (*expires - now >= kRefreshWindow) return access;

  // Close to expiry: a session's registration can buy a new token (botocore's rules: every
  // field present, registration still valid; a failed refresh keeps a token still valid).
  const std::string client_id = text_field(token, "clientId");
  const std::string client_secret = text_field(token, "clientSecret");
  const std::string refresh = text_field(token, "refreshToken");
  const auto registration_expires = parse_cache_time(text_field(token, "registrationExpiresAt"));
  const bool can_refresh = settings_.session_name && !client_id.empty() && !client_secret.empty() && !refresh.empty() &&
                           registration_expires && *registration_expires > now;
  if (can_refresh) {
    SsoTokenGrant grant;
    try {
      grant = portal_->refresh_token(settings_.region, client_id, client_secret, refresh);
    } catch (const ServiceError&) {
      if (*expires > now) return access;
      login_again(sign_in + " expired at " + format_iso8601(*expires) + " and IAM Identity Center refused to renew it");
    }
    json renewed = {{"startUrl", settings_.start_url},
                    {"region", settings_.region},
                    {"accessToken", grant.access_token},
                    {"expiresAt", format_iso8601(now + grant.expires_in)},
                    {"clientId", client_id},
                    {"clientSecret", client_secret},
                    {"registrationExpiresAt", text_field(token, "registrationExpiresAt")}};
    if (grant.refresh_token) renewed["refreshToken"] = *grant.refresh_token;
    try {
      core::AtomicFile out(cache_file_, /*private_mode=*/true);
      out.write(renewed.dump());
      out.commit();
    } catch (const std::exception& e) {
      // The new token still serves this run; the next one refreshes again.
      core::log(core::LogLevel::kWarn, "could not write the refreshed IAM Identity Center token back to " +
                                           cache_file_ + ": " + e.what());
    }
    return grant.access_token;
  }
  if (*expires > now) return access;
  login_again(sign_in + " expired at " + format_iso8601(*expires));
}

Credentials SsoCredentialsProvider::get() {
  std::lock_guard lock(mutex_);  // one refresh at a time: the cache file is rewritten
  const std::string token = access_token();
  try {
    Credentials c = portal_->get_role_credentials(settings_.region, settings_.account_id, settings_.role_name, token);
    c.account_id = settings_.account_id;
    c.source = "sso";
    return c;
  } catch (const ServiceError& e) {
    if (e.code() == "UnauthorizedException") {
      login_again("IAM Identity Center did not accept the cached token (expired or signed out)");
    }
    throw;
  }
}

}  // namespace nova::aws
