// The instance quota: Service Quotas' value for "<type> for training job usage" (cluster,
// endpoint) minus what running jobs, clusters or endpoints of that type already hold.
#include <cmath>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "aws/sagemaker/cluster_list.hpp"
#include "aws/sagemaker/endpoint_client.hpp"
#include "aws/service_quotas/service_quotas_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "preflight/checks.hpp"

namespace nova::embedded {
extern const std::string_view preflight_quotas_table;
}

namespace nova::preflight {
namespace {

using nlohmann::json;

const json& quotas_table() {
  static const json t = json::parse(embedded::preflight_quotas_table);
  return t;
}

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size())) {
    text.replace(pos, key.size(), value);
  }
  return text;
}

// Instances of `type` held by training jobs in progress.
int training_jobs_in_use(aws::SageMakerClient& sm, const std::string& type) {
  aws::ListTrainingJobsRequest list;
  list.status_equals = "InProgress";
  int used = 0;
  for (const auto& job : sm.list_all_training_jobs(list)) {
    const auto described = sm.describe_training_job(job.name);
    if (described.instance_type == type) used += described.instance_count;
  }
  return used;
}

// Instances of `type` in every HyperPod cluster's instance groups.
int clusters_in_use(aws::SageMakerClient& sm, const std::string& type) {
  int used = 0;
  for (const auto& summary : aws::list_clusters(sm)) {
    const auto cluster = sm.describe_cluster(summary.name);
    for (const auto* groups : {&cluster.instance_groups, &cluster.restricted_instance_groups}) {
      for (const auto& g : *groups) {
        if (g.instance_type == type) used += g.current_count;
      }
    }
  }
  return used;
}

// Instances of `type` behind endpoints that exist (not Failed or being deleted).
int endpoints_in_use(aws::SageMakerClient& sm, const std::string& type) {
  int used = 0;
  for (const auto& e : aws::list_endpoints(sm)) {
    if (e.status == "Failed" || e.status == "Deleting") continue;
    const auto endpoint = aws::describe_endpoint(sm, e.endpoint_name);
    if (!endpoint) continue;
    const auto config = aws::describe_endpoint_config(sm, endpoint->endpoint_config_name);
    if (!config) continue;
    for (const auto& v : config->variants) {
      if (v.instance_type == type) used += v.initial_instance_count;
    }
  }
  return used;
}

}  // namespace

void check_quota(const RunContext& c, Checks& out) {
  const PreflightRequest& r = c.request;
  if (!r.instance_type || !c.identity_error.empty()) return;
  if (r.deploy_platform && *r.deploy_platform != DeployPlatform::SAGEMAKER) return;  // Bedrock has no instances
  const std::string usage = r.deploy_platform ? "SAGEMAKER" : std::string(to_string(r.platform));
  const std::string quota_name =
      replaced(quotas_table().at("quota_names").at(usage).get<std::string>(), "{instance_type}", *r.instance_type);
  const int wanted = r.instance_count.value_or(1);

  std::vector<aws::ServiceQuota> quotas;
  const std::string service_code = quotas_table().at("service_code").get<std::string>();
  try {
    quotas = aws::ServiceQuotasClient(c.session->client_config("service-quotas")).list_all_service_quotas(service_code);
  } catch (const ServiceError& e) {
    out.push_back(warn("quota", fmt::format("could not read the quota '{}': {}", quota_name, e.what()),
                       "allow servicequotas:ListServiceQuotas to see it, or look it up in the Service Quotas console"));
    return;
  }
  const aws::ServiceQuota* quota = nullptr;
  for (const auto& q : quotas) {
    if (q.quota_name == quota_name) quota = &q;
  }
  if (!quota) {
    out.push_back(warn("quota", fmt::format("no quota named '{}' among the {} SageMaker quotas of {}", quota_name,
                                            quotas.size(), c.region),
                       fmt::format("check that {} is offered in {} for this use", *r.instance_type, c.region)));
    return;
  }
  int used = 0;
  try {
    auto sm = c.session->sagemaker();
    used = usage == "SMTJ" ? training_jobs_in_use(sm, *r.instance_type)
           : usage == "SMHP" ? clusters_in_use(sm, *r.instance_type)
                             : endpoints_in_use(sm, *r.instance_type);
  } catch (const ServiceError& e) {
    out.push_back(warn("quota", fmt::format("quota '{}' is {:g}; current use could not be read: {}", quota_name,
                                            quota->value, e.what()),
                       "allow sagemaker:ListTrainingJobs, ListClusters and ListEndpoints (and their Describe calls)"));
    return;
  }
  const int limit = static_cast<int>(std::floor(quota->value));
  const std::string found =
      fmt::format("quota '{}' ({}) is {}, {} in use, {} requested", quota_name, quota->quota_code, limit, used, wanted);
  if (usage == "SMHP") {
    // A HyperPod job runs on instances the cluster already holds; the quota limits the cluster's growth.
    out.push_back(pass("quota", found + " (a HyperPod job uses the cluster's instances: see the hyperpod checks)"));
    return;
  }
  if (limit - used >= wanted) {
    out.push_back(pass("quota", found));
    return;
  }
  std::string fix = quotas_table().at("request_more").get<std::string>();
  fix = replaced(replaced(replaced(fix, "{quota_code}", quota->quota_code), "{region}", c.region), "{desired}",
                 std::to_string(used + wanted));
  if (!quota->adjustable) fix = "this quota is not adjustable: choose another instance type";
  else if (used > 0) fix = "wait for running work of this type to end, or ask for more: " + fix;
  else fix = "ask for more: " + fix;
  out.push_back(fail("quota", found + fmt::format(": {} short", used + wanted - limit), fix));
}

}  // namespace nova::preflight
