#pragma once
// Where a request to a service goes and how it is signed.
//
// Order (AWS SDK reference, "Service-specific endpoints"):
//   1. an explicit endpoint in code;
//   2. unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
//      ignore_configured_endpoint_urls) is true, the first of
//        AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
//        `[services <name>]` → `<service_key> =` → `endpoint_url` (profile `services = <name>`),
//        the profile's `endpoint_url`;
//   3. the default host for the service and region (data/aws_services.json).
// A custom endpoint is signed with the client region and the service's signing name; S3 then
// uses path-style addressing.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nova::aws {

class SharedConfig;

struct ServiceInfo {
  std::string name;          // our key: "s3", "logs", "bedrock-runtime", ...
  std::string service_id;    // AWS serviceId: "S3", "CloudWatch Logs", "Bedrock Runtime", ...
  std::string signing_name;  // "bedrock" for bedrock-runtime
  // "S3", "CLOUDWATCH_LOGS", "BEDROCK_RUNTIME": serviceId upper-cased, spaces and '-' as '_'.
  std::string env_suffix() const;
  // "AWS_ENDPOINT_URL_" + env_suffix().
  std::string endpoint_env_var() const;
  // The key under a [services] section: env_suffix() in lower case ("cloudwatch_logs").
  std::string config_key() const;
};

// The services in data/aws_services.json. Throws std::invalid_argument for an unknown name (a bug).
const ServiceInfo& service_info(std::string_view name);
std::vector<std::string> known_services();

// A parsed endpoint URL: http(s) only, no user info, query or fragment.
struct EndpointUrl {
  std::string scheme;       // "http" or "https"
  std::string host;         // host[:port], IPv6 in brackets
  std::string path_prefix;  // "" or "/prefix" (no trailing '/')
};
// Throws nova::ConfigError naming `source` (e.g. "AWS_ENDPOINT_URL_S3") when malformed.
EndpointUrl parse_endpoint_url(const std::string& url, const std::string& source);

struct ResolvedEndpoint {
  std::string scheme;
  std::string host;         // host[:port] as sent in the Host header
  std::string path_prefix;  // prepend to every request path
  std::string signing_region;
  std::string signing_name;
  bool custom{false};       // from an override rather than the default table
  // "default", "code", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "services:<name>.<key>",
  // "profile:<name>"
  std::string source;
  bool s3_path_style{false};  // S3 with a custom endpoint: always path-style
  std::string url() const;    // scheme://host/prefix
};

struct EndpointInputs {
  std::optional<std::string> explicit_url;  // from code (--endpoint-url)
  std::string region;                       // the resolved client region
  const SharedConfig* config{nullptr};      // nullptr: no shared files
  std::string profile{"default"};           // the selected profile
  bool use_fips{false};
  // Only the default host (step 3), whatever is configured: hosts that are data rather than
  // a destination, such as the STS host inside an EKS bearer token.
  bool default_host_only{false};
};

// Throws nova::ConfigError for a malformed URL or flag, or an empty region for a regional service.
ResolvedEndpoint resolve_endpoint(std::string_view service, const EndpointInputs& inputs);

// S3 addressing for one bucket: path-style for custom endpoints, dotted bucket names (TLS
// wildcard certificates do not cover them) and names that are not valid DNS labels.
bool s3_use_path_style(const ResolvedEndpoint& endpoint, std::string_view bucket);

}  // namespace nova::aws
