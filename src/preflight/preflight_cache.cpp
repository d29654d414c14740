#include "preflight/preflight_cache.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "aws/core/sigv4/crypto.hpp"
#include "core/atomic_file.hpp"
#include "recipes/catalogue.hpp"

namespace nova::preflight {
namespace {

using nlohmann::json;

struct Entry {
  std::int64_t at{0};  // seconds since the epoch
  unsigned groups{0};
  PreflightReport report;
};

std::mutex g_mutex;
std::map<std::string, Entry> g_entries;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t lifetime_seconds() {
  if (const char* v = std::getenv("NOVA_PREFLIGHT_CACHE_SECONDS"); v && *v) {
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end && *end == '\0' && n >= 0) return n;
  }
  return 60;
}

std::filesystem::path file_of(const std::string& key) {
  const auto dir = recipes::default_cache_dir();
  return dir.empty() ? dir : dir / "preflight" / (key + ".json");
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

nlohmann::ordered_json report_json(const PreflightReport& r) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& c : r.checks) {
    nlohmann::ordered_json one;
    one["name"] = c.name;
    one["status"] = std::string(to_string(c.status));
    one["detail"] = c.detail;
    one["fix"] = c.fix;
    checks.push_back(one);
  }
  nlohmann::ordered_json out;
  out["ok"] = r.ok;
  out["checks"] = checks;
  return out;
}

namespace {

std::optional<PreflightReport> report_of(const json& j) {
  if (!j.is_object() || !j.contains("checks")) return std::nullopt;
  PreflightReport r;
  r.ok = j.value("ok", false);
  for (const auto& c : j.at("checks")) {
    const std::string status = c.value("status", "fail");
    r.checks.push_back({c.value("name", ""), status == "pass" ? CheckStatus::PASS
                                             : status == "warn" ? CheckStatus::WARN
                                                                : CheckStatus::FAIL,
                        c.value("detail", ""), c.value("fix", "")});
  }
  return r;
}

bool fresh(const Entry& e, unsigned groups) {
  const auto age = now_seconds() - e.at;
  return age >= 0 && age < lifetime_seconds() && (e.groups & groups) == groups;
}

}  // namespace

std::string cache_key(const PreflightRequest& r, const std::string& region) {
  json k;
  k["platform"] = std::string(to_string(r.platform));
  if (r.model) k["model"] = std::string(to_string(*r.model));
  if (r.method) k["method"] = std::string(to_string(*r.method));
  if (r.deploy_platform) k["deploy_platform"] = std::string(to_string(*r.deploy_platform));
  k["instance_type"] = r.instance_type.value_or("");
  k["instance_count"] = r.instance_count.value_or(0);
  for (const auto& [name, value] : {std::pair{"data", &r.data_s3_path}, {"output", &r.output_s3_path},
                                    {"role", &r.execution_role_arn}, {"kms", &r.kms_key_id}, {"cluster", &r.cluster_name},
                                    {"endpoint", &r.endpoint_name}, {"job", &r.job_name}}) {
    k[name] = value->value_or("");
  }
  k["namespace"] = r.namespace_name;
  k["region"] = region;
  k["profile"] = r.aws.profile.value_or(env("AWS_PROFILE"));
  k["endpoint_url"] = r.aws.endpoint_url.value_or(env("AWS_ENDPOINT_URL"));
  // Who is asking: a change of credentials is a different run (hashed with the rest).
  k["access_key"] = env("AWS_ACCESS_KEY_ID");
  k["config"] = env("AWS_CONFIG_FILE") + "|" + env("AWS_SHARED_CREDENTIALS_FILE");
  return aws::sha256_hex(k.dump());
}

std::optional<PreflightReport> cached_report(const std::string& key, unsigned groups) {
  if (lifetime_seconds() == 0) return std::nullopt;
  {
    std::lock_guard lock(g_mutex);
    const auto it = g_entries.find(key);
    if (it != g_entries.end() && fresh(it->second, groups)) return it->second.report;
  }
  const auto path = file_of(key);
  if (path.empty()) return std::nullopt;
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const json j = json::parse(text.str(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  // A cache file someone edited or truncated is no cache: wrong types mean "check again".
  try {
    Entry e{j.value("at", std::int64_t{0}), j.value("groups", 0u), {}};
    const auto report = report_of(j.value("report", json()));
    if (!report || !report->ok || !fresh(e, groups)) return std::nullopt;
    return report;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

void remember_report(const std::string& key, unsigned groups, const PreflightReport& report) {
  if (!report.ok || lifetime_seconds() == 0) return;
  const std::int64_t at = now_seconds();
  {
    std::lock_guard lock(g_mutex);
    g_entries[key] = Entry{at, groups, report};
  }
  const auto path = file_of(key);
  if (path.empty()) return;
  try {
    core::AtomicFile file(path.string(), /*private_mode=*/true);
    file.write(json{{"at", at}, {"groups", groups}, {"report", json::parse(report_json(report).dump())}}.dump());
    file.commit();
  } catch (const std::exception&) {
    // The file only saves a later process some calls; this one has its answer.
  }
}

}  // namespace nova::preflight

namespace nova {

std::string PreflightReport::to_json() const { return preflight::report_json(*this).dump(2); }

}  // namespace nova
