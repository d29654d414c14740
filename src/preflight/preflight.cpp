#include "preflight/preflight.hpp"

#include <fmt/format.h>

#include "aws/session/session.hpp"
#include "aws/session/session_for.hpp"
#include "nova/error.hpp"
#include "preflight/checks.hpp"
#include "preflight/preflight_cache.hpp"

namespace nova {

std::string_view to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::PASS:
      return "pass";
    case CheckStatus::WARN:
      return "warn";
    case CheckStatus::FAIL:
      return "fail";
  }
  return "fail";
}

PreflightReport run_preflight(const PreflightRequest& request, bool use_cache) {
  return preflight::run_checks(request, aws::session_for(request.aws), preflight::kAll, use_cache);
}

std::string iam_policy_document(const PreflightRequest& request, PolicyPurpose purpose, PolicyKind kind) {
  if (purpose == PolicyPurpose::HYPERPOD && !request.cluster_name) {
    throw ValueError("a HyperPod policy needs the cluster: pass --cluster-name");
  }
  PreflightRequest r = request;
  if (purpose == PolicyPurpose::HYPERPOD) r.platform = Platform::SMHP;
  if (purpose != PolicyPurpose::DEPLOY) r.deploy_platform.reset();
  const auto c = preflight::make_context(r, aws::session_for(request.aws), purpose);
  if (!c.identity_error.empty()) {
    throw ConfigError("the policy names this account's resources, but sts:GetCallerIdentity failed: " + c.identity_error);
  }
  if (kind == PolicyKind::TRUST) return preflight::trust_policy_json(preflight::service_principal(c.purpose), c.account);
  return preflight::policy_json(preflight::statements_for(c.purpose, kind, c.values));
}

}  // namespace nova

namespace nova::preflight {

PreflightReport run_checks(const PreflightRequest& request, std::shared_ptr<const aws::Session> session, unsigned groups,
                           bool use_cache) {
  const std::string key = cache_key(normalised(request), session->region().region);
  if (use_cache) {
    if (auto cached = cached_report(key, groups)) {
      cached->cached = true;
      return *cached;
    }
  }
  const RunContext c = make_context(request, std::move(session), purpose_of(request));
  Checks checks;
  check_credentials(c, checks);
  const std::pair<Group, void (*)(const RunContext&, Checks&)> steps[] = {
      {kRegion, check_region},           {kRecipe, check_recipe},     {kQuota, check_quota},
      {kPermissions, check_permissions}, {kPermissions, check_execution_role},
      {kStorage, check_buckets},         {kStorage, check_kms_key},  {kData, check_data},
      {kHyperPod, check_hyperpod},
  };
  for (const auto& [group, step] : steps) {
    if (groups & group) step(c, checks);
  }
  PreflightReport report;
  report.checks = std::move(checks);
  for (const auto& check : report.checks) report.ok = report.ok && check.status != CheckStatus::FAIL;
  if (use_cache) remember_report(key, groups, report);
  return report;
}

std::string failure_message(const PreflightReport& report, const std::string& what) {
  std::vector<const PreflightCheck*> failed;
  for (const auto& check : report.checks) {
    if (check.status == CheckStatus::FAIL) failed.push_back(&check);
  }
  if (failed.empty()) return {};
  std::string message = fmt::format("Cannot {}: {} pre-flight check{} failed", what, failed.size(), failed.size() == 1 ? "" : "s");
  for (const auto* check : failed) {
    message += fmt::format("\n- {}: {}\n  fix: {}", check->name, check->detail, check->fix);
  }
  message += "\n(nova doctor shows every check for this run; validation_config turns a group off only if you must)";
  return message;
}

}  // namespace nova::preflight
