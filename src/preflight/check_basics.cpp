// Credentials, region, and what the recipe catalogue offers for the run.
#include <algorithm>

#include <fmt/format.h>

#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "preflight/checks.hpp"
#include "recipes/catalogue_tables.hpp"
#include "recipes/recipe_builder.hpp"
#include "recipes/session_catalogue.hpp"

namespace nova::preflight {

PreflightCheck pass(std::string name, std::string detail) {
  return {std::move(name), CheckStatus::PASS, std::move(detail), {}};
}
PreflightCheck warn(std::string name, std::string detail, std::string fix) {
  return {std::move(name), CheckStatus::WARN, std::move(detail), std::move(fix)};
}
PreflightCheck fail(std::string name, std::string detail, std::string fix) {
  return {std::move(name), CheckStatus::FAIL, std::move(detail), std::move(fix)};
}

void check_credentials(const RunContext& c, Checks& out) {
  if (!c.identity_error.empty()) {
    out.push_back(fail("credentials", "sts:GetCallerIdentity failed: " + c.identity_error,
                       "configure credentials (aws configure, AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) "
                       "and check them with 'nova whoami'"));
    return;
  }
  std::string detail = fmt::format("{} (account {})", c.caller_arn, c.account);
  if (c.principal_arn.empty()) detail += "; not a user or role, so IAM's simulator is not asked about its permissions";
  out.push_back(pass("credentials", detail));
}

void check_region(const RunContext& c, Checks& out) {
  const auto regions = recipes::supported_regions();
  if (std::find(regions.begin(), regions.end(), c.region) != regions.end()) {
    out.push_back(pass("region", fmt::format("{} offers Nova customization", c.region)));
    return;
  }
  out.push_back(fail("region", fmt::format("{} does not offer Nova customization", c.region),
                     fmt::format("run in one of: {} (--region or AWS_REGION)", fmt::join(regions, ", "))));
}

void check_recipe(const RunContext& c, Checks& out) {
  const PreflightRequest& r = c.request;
  if (!r.model || !r.method || r.deploy_platform) return;
  recipes::Catalogue catalogue = recipes::catalogue_for_session(c.session, c.region);
  recipes::RecipeRequest probe;
  probe.model = *r.model;
  probe.method = *r.method;
  probe.platform = r.platform;
  probe.region = c.region;
  probe.job_name = "nova-preflight";
  probe.write_file = false;
  probe.for_launch = false;
  if (*r.method == TrainingMethod::EVALUATION) probe.eval_task = EvaluationTask::MMLU;
  const std::string what = fmt::format("{} {} on {}", to_string(*r.model), to_string(*r.method), to_string(r.platform));
  recipes::ResolvedRecipe found;
  try {
    found = recipes::resolve_recipe(probe, catalogue);
  } catch (const Error& e) {
    out.push_back(fail("recipe", fmt::format("no recipe for {}: {}", what, e.what()),
                       "choose a supported model, method and platform ('nova recipe show --help' lists them)"));
    return;
  }
  out.push_back(pass("recipe", fmt::format("{}: recipe {} ({})", what, found.recipe_name, found.origin)));
  if (!r.instance_type && !r.instance_count) {
    out.push_back(pass("instance", fmt::format("the recipe's default: {} x {}", found.instance_count, found.instance_type)));
    return;
  }
  probe.instance_type = r.instance_type;
  probe.instance_count = r.instance_count;
  try {
    const auto sized = recipes::resolve_recipe(probe, catalogue);
    out.push_back(pass("instance", fmt::format("{} x {} is allowed for {}", sized.instance_count, sized.instance_type,
                                               sized.recipe_name)));
  } catch (const Error& e) {
    out.push_back(fail("instance", e.what(), "pass an instance type and count the recipe allows"));
  }
}

}  // namespace nova::preflight
