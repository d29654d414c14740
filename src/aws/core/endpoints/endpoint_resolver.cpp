#include "aws/core/endpoints/endpoint_resolver.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <stdexcept>

#include "aws/core/config/env.hpp"
#include "aws/core/config/region.hpp"
#include "aws/core/config/shared_config.hpp"
#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view aws_services_table;
}

namespace nova::aws {
namespace {

struct GlobalHost {
  std::string hostname;
  std::string fips_hostname;
  std::string signing_region;
};

struct ServiceRow {
  ServiceInfo info;
  std::string hostname;
  std::string fips_hostname;
  std::vector<std::pair<std::string, GlobalHost>> global;  // partition id -> host
};

struct Partition {
  std::string id;
  std::string region_prefix;
  std::string dns_suffix;
};

struct Table {
  std::vector<Partition> partitions;  // most specific prefix first; the last one matches everything
  std::vector<ServiceRow> services;
};

const Table& table() {
  static const Table t = [] {
    Table out;
    const auto json = nlohmann::json::parse(embedded::aws_services_table);
    for (const auto& p : json.at("partitions")) {
      out.partitions.push_back({p.at("id").get<std::string>(), p.at("region_prefix").get<std::string>(),
                                p.at("dns_suffix").get<std::string>()});
    }
    for (const auto& s : json.at("services")) {
      ServiceRow row;
      row.info = {s.at("name").get<std::string>(), s.at("service_id").get<std::string>(),
                  s.at("signing_name").get<std::string>()};
      row.hostname = s.value("hostname", "");
      row.fips_hostname = s.value("fips_hostname", "");
      if (s.contains("global")) {
        for (const auto& [partition, g] : s.at("global").items()) {
          row.global.emplace_back(partition, GlobalHost{g.at("hostname").get<std::string>(), g.value("fips_hostname", ""),
                                                        g.at("signing_region").get<std::string>()});
        }
      }
      out.services.push_back(std::move(row));
    }
    return out;
  }();
  return t;
}

const ServiceRow& row_for(std::string_view name) {
  for (const auto& row : table().services) {
    if (row.info.name == name) return row;
  }
  throw std::invalid_argument("unknown AWS service '" + std::string(name) + "' (not in data/aws_services.json)");
}

const Partition& partition_for(const std::string& region) {
  for (const auto& p : table().partitions) {
    if (region.rfind(p.region_prefix, 0) == 0) return p;
  }
  return table().partitions.back();
}

std::string substitute(std::string templ, const std::string& key, const std::string& value) {
  for (auto pos = templ.find(key); pos != std::string::npos; pos = templ.find(key, pos + value.size())) {
    templ.replace(pos, key.size(), value);
  }
  return templ;
}

bool configured_endpoints_ignored(const Profile* profile) {
  if (auto env = env_value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    return parse_bool_setting(*env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  }
  if (profile != nullptr) {
    if (auto v = profile->get("ignore_configured_endpoint_urls")) {
      return parse_bool_setting(*v, "ignore_configured_endpoint_urls in profile '" + profile->name + "'");
    }
  }
  return false;
}

struct ConfiguredUrl {
  std::string url;
  std::string source;
};

std::optional<ConfiguredUrl> configured_url(const ServiceInfo& info, const EndpointInputs& in) {
  const Profile* profile = in.config != nullptr ? in.config->profile(in.profile) : nullptr;
  if (configured_endpoints_ignored(profile)) return std::nullopt;
  const auto service_var = info.endpoint_env_var();
  if (auto v = env_value(service_var)) return ConfiguredUrl{*v, service_var};
  if (auto v = env_value("AWS_ENDPOINT_URL")) return ConfiguredUrl{*v, "AWS_ENDPOINT_URL"};
  if (profile == nullptr) return std::nullopt;
  if (auto services = profile->get("services")) {
    if (const auto* settings = in.config->service_settings(*services, info.config_key())) {
      const auto it = settings->find("endpoint_url");
      if (it != settings->end() && !it->second.empty()) {
        return ConfiguredUrl{it->second, "services:" + *services + "." + info.config_key()};
      }
    }
  }
  if (auto v = profile->get("endpoint_url")) return ConfiguredUrl{*v, "profile:" + profile->name};
  return std::nullopt;
}

bool is_dns_label_bucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  for (char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return bucket.front() != '-' && bucket.back() != '-';
}

}  // namespace

std::string ServiceInfo::env_suffix() const {
  std::string out;
  for (char c : service_id) {
    out += (c == ' ' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string ServiceInfo::endpoint_env_var() const { return "AWS_ENDPOINT_URL_" + env_suffix(); }

std::string ServiceInfo::config_key() const { return core::ascii_lower(env_suffix()); }

const ServiceInfo& service_info(std::string_view name) { return row_for(name).info; }

std::vector<std::string> known_services() {
  std::vector<std::string> out;
  for (const auto& row : table().services) out.push_back(row.info.name);
  return out;
}

EndpointUrl parse_endpoint_url(const std::string& url, const std::string& source) {
  auto bad = [&](const std::string& why) {
    return ConfigError("endpoint URL from " + source + " " + why + "; expected e.g. https://host[:port][/path]");
  };
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) throw bad("contains a space or control character");
  }
  EndpointUrl out;
  const auto sep = url.find("://");
  if (sep == std::string::npos) throw bad("has no scheme");
  out.scheme = core::ascii_lower(url.substr(0, sep));
  if (out.scheme != "http" && out.scheme != "https") throw bad("must use http or https");
  const auto rest = url.substr(sep + 3);
  const auto slash = rest.find('/');
  out.host = rest.substr(0, slash);
  if (out.host.empty()) throw bad("has no host");
  // User info could hold a password: refuse it without repeating the URL.
  if (out.host.find('@') != std::string::npos) throw bad("contains user info, which is not supported");
  if (rest.find_first_of("?#") != std::string::npos) throw bad("must not have a query or fragment");
  if (slash != std::string::npos) {
    out.path_prefix = rest.substr(slash);
    while (!out.path_prefix.empty() && out.path_prefix.back() == '/') out.path_prefix.pop_back();
  }
  return out;
}

std::string ResolvedEndpoint::url() const { return scheme + "://" + host + path_prefix; }

ResolvedEndpoint resolve_endpoint(std::string_view service, const EndpointInputs& in) {
  const ServiceRow& row = row_for(service);
  ResolvedEndpoint out;
  out.signing_name = row.info.signing_name;

  std::optional<ConfiguredUrl> custom;
  if (in.explicit_url && !in.explicit_url->empty()) {
    custom = ConfiguredUrl{*in.explicit_url, "code"};
  } else if (!in.default_host_only) {
    custom = configured_url(row.info, in);
  }
  if (custom) {
    // botocore signs custom endpoints with the client region, even for global services.
    if (in.region.empty()) throw ConfigError("no region to sign requests to " + custom->url + " (from " + custom->source + "): set AWS_REGION");
    validate_region(in.region, "the client region");
    auto url = parse_endpoint_url(custom->url, custom->source);
    out.scheme = std::move(url.scheme);
    out.host = std::move(url.host);
    out.path_prefix = std::move(url.path_prefix);
    out.signing_region = in.region;
    out.custom = true;
    out.source = custom->source;
    out.s3_path_style = row.info.name == "s3";
    return out;
  }

  out.scheme = "https";
  out.source = "default";
  if (!row.global.empty()) {
    const auto& partition = partition_for(in.region.empty() ? "us-east-1" : in.region);
    for (const auto& [id, g] : row.global) {
      if (id == partition.id) {
        out.host = in.use_fips && !g.fips_hostname.empty() ? g.fips_hostname : g.hostname;
        out.signing_region = g.signing_region;
        return out;
      }
    }
    throw ConfigError("no " + row.info.service_id + " endpoint for region " + in.region);
  }
  if (in.region.empty()) throw ConfigError("no region for " + row.info.service_id + ": set AWS_REGION or pass --region");
  validate_region(in.region, "the client region");
  const auto& partition = partition_for(in.region);
  const auto& templ = in.use_fips && !row.fips_hostname.empty() ? row.fips_hostname : row.hostname;
  out.host = substitute(substitute(templ, "{region}", in.region), "{dns_suffix}", partition.dns_suffix);
  out.signing_region = in.region;
  return out;
}

bool s3_use_path_style(const ResolvedEndpoint& endpoint, std::string_view bucket) {
  return endpoint.s3_path_style || endpoint.custom || !is_dns_label_bucket(bucket);
}

}  // namespace nova::aws
