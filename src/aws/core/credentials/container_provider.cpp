#include "aws/core/credentials/container_provider.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "aws/core/config/env.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "core/text.hpp"

namespace nova::aws {
namespace {

constexpr const char* kRelativeVar = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr const char* kFullVar = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

struct Target {
  std::string scheme, host, path, query;
};

// host[:port] -> host without port or brackets.
std::string bare_host(const std::string& host) {
  if (!host.empty() && host.front() == '[') return host.substr(1, host.find(']') - 1);
  return host.substr(0, host.find(':'));
}

bool allowed_plain_http_host(const std::string& host) {
  const auto h = core::ascii_lower(bare_host(host));
  if (h == "localhost" || h == "::1" || h == "169.254.170.2" || h == "169.254.170.23" || h == "fd00:ec2::23") return true;
  // Any IPv4 loopback address 127.0.0.0/8.
  if (h.rfind("127.", 0) != 0) return false;
  int parts = 0;
  for (std::size_t pos = 0; pos <= h.size();) {
    const auto dot = std::min(h.find('.', pos), h.size());
    int v = -1;
    const auto [end, ec] = std::from_chars(h.data() + pos, h.data() + dot, v);
    if (ec != std::errc() || end != h.data() + dot || v < 0 || v > 255) return false;
    ++parts;
    pos = dot + 1;
  }
  return parts == 4;
}

Target split_url(const std::string& url) {
  Target t;
  const auto sep = url.find("://");
  if (sep == std::string::npos) throw ConfigError(std::string(kFullVar) + " is not an absolute URL");
  t.scheme = core::ascii_lower(url.substr(0, sep));
  auto rest = url.substr(sep + 3);
  const auto slash = rest.find_first_of("/?");
  t.host = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (path.front() == '?') path = "/" + path;
  const auto q = path.find('?');
  t.path = path.substr(0, q);
  if (q != std::string::npos) t.query = path.substr(q + 1);
  return t;
}

bool has_control_chars(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Target resolve_target() {
  if (auto rel = env_value(kRelativeVar)) {
    if (rel->front() != '/' || has_control_chars(*rel)) throw ConfigError(std::string(kRelativeVar) + " must be a path starting with '/'");
    return split_url("http://169.254.170.2" + *rel);
  }
  auto full = env_value(kFullVar);
  if (!full) throw CredentialsNotFound(std::string(kRelativeVar) + " and " + kFullVar + " are not set");
  if (has_control_chars(*full)) throw ConfigError(std::string(kFullVar) + " contains a control character");
  auto t = split_url(*full);
  if (t.host.empty() || t.host.find('@') != std::string::npos) throw ConfigError(std::string(kFullVar) + " has no usable host");
  if (t.scheme == "https") return t;
  if (t.scheme == "http" && allowed_plain_http_host(t.host)) return t;
  throw ConfigError(std::string(kFullVar) + " must use https, or http to a loopback address, localhost, "
                    "169.254.170.2, 169.254.170.23 or fd00:ec2::23 (got host " + bare_host(t.host) + ")");
}

std::optional<std::string> authorization_token() {
  std::optional<std::string> token;
  if (auto file = env_value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw ConfigError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + *file);
    std::ostringstream ss;
    ss << in.rdbuf();
    token = ss.str();
    // A file written by `echo` ends with one newline; anything else with CR/LF is refused below.
    if (!token->empty() && token->back() == '\n') token->pop_back();
  } else {
    token = env_value("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  if (token && token->find_first_of("\r\n") != std::string::npos) {
    throw ConfigError("the container authorization token contains CR or LF; refusing to send it");
  }
  return token;
}

}  // namespace

TransportOptions metadata_transport_options() {
  TransportOptions options;
  options.connect_timeout = std::chrono::seconds(1);
  if (auto t = env_value("AWS_METADATA_SERVICE_TIMEOUT")) {
    options.connect_timeout = std::chrono::seconds(parse_int_setting(*t, 1, 3600, "AWS_METADATA_SERVICE_TIMEOUT (seconds)"));
  }
  options.read_timeout = std::max<std::chrono::milliseconds>(options.connect_timeout, std::chrono::seconds(2));
  return options;
}

ContainerCredentialsProvider::ContainerCredentialsProvider(std::shared_ptr<HttpTransport> transport,
                                                           std::shared_ptr<const Clock> clock)
    : transport_(std::move(transport)), clock_(std::move(clock)) {}

Credentials ContainerCredentialsProvider::get() {
  const auto target = resolve_target();
  HttpRequest request;
  request.method = "GET";
  request.scheme = target.scheme;
  request.host = target.host;
  request.path = target.path;
  request.query = target.query;
  set_header(request.headers, "Accept", "application/json");
  if (auto token = authorization_token()) set_header(request.headers, "Authorization", *token);

  const std::string what = "the container credentials endpoint " + target.scheme + "://" + target.host + target.path;
  constexpr int kAttempts = 3;
  std::string last_problem;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    if (attempt > 1) clock_->sleep_for(std::chrono::seconds(1));
    const auto result = transport_->send(request);
    if (!result.ok()) {
      last_problem = result.error ? result.error->message : "no response";
      continue;
    }
    const auto& response = *result.response;
    if (response.status == 200) return parse_credentials_json(response.body, {"Token", false}, what, "container");
    last_problem = "HTTP " + std::to_string(response.status);
    if (response.status != 429 && response.status < 500) break;
  }
  throw ConfigError(what + " failed: " + last_problem);
}

}  // namespace nova::aws
