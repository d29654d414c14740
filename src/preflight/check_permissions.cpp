// The caller's permissions (IAM's policy simulator, on the run's exact resources) and the
// execution role's (exists, trusts the service, its own policies allow the role statements).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "aws/iam/iam_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "preflight/checks.hpp"
#include "preflight/policy_document.hpp"

namespace nova::preflight {
namespace {

std::string account_of_arn(const std::string& arn) {
  // arn:partition:service:region:account:resource
  std::size_t pos = 0;
  for (int i = 0; i < 4 && pos != std::string::npos; ++i) pos = arn.find(':', pos + 1);
  if (pos == std::string::npos) return {};
  const auto end = arn.find(':', pos + 1);
  return arn.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1);
}

std::string policy_command(const RunContext& c, const char* whose) {
  return fmt::format("'nova iam policy --for {} ... {}' prints the whole policy", c.purpose.rfind("deploy", 0) == 0 ? "deploy"
                                                                                   : c.purpose, whose);
}

// The statement narrowed to what is missing: the exact actions and resources to add.
PolicyStatement narrowed(const PolicyStatement& s, const std::set<std::string>& actions,
                         const std::set<std::string>& resources) {
  PolicyStatement out = s;
  out.actions.assign(actions.begin(), actions.end());
  out.resources.assign(resources.begin(), resources.end());
  return out;
}

// One finding per statement with anything missing; `denied(action, resource)` decides.
// Returns how many of them are failures (an advisory statement's is a warning).
template <typename Denied>
std::size_t report_statements(const std::vector<PolicyStatement>& statements, const std::string& principal,
                              const std::string& check_prefix, const std::string& how_to_see_all, Denied denied,
                              Checks& out, std::size_t& allowed_pairs) {
  std::size_t failures = 0;
  for (const auto& s : statements) {
    std::set<std::string> actions, resources;
    std::vector<std::string> pairs;
    for (const auto& resource : s.resources) {
      for (const auto& action : s.actions) {
        if (denied(action, resource)) {
          actions.insert(action);
          resources.insert(resource);
          pairs.push_back(fmt::format("{} on {}", action, resource));
        } else {
          ++allowed_pairs;
        }
      }
    }
    if (pairs.empty()) continue;
    std::string detail = fmt::format("{} may not call {}", principal, fmt::join(pairs, ", "));
    std::string fix = fmt::format("add this statement to a policy of {}: {} ({})", principal,
                                  statement_json(narrowed(s, actions, resources)), how_to_see_all);
    if (s.advisory) {
      out.push_back(warn(check_prefix + s.sid,
                         detail + " (a warning: needed for the checks, logs or metrics, or granted where this check "
                                  "cannot look, such as a key policy)",
                         fix));
    } else {
      out.push_back(fail(check_prefix + s.sid, detail, fix));
      ++failures;
    }
  }
  return failures;
}

// Every policy document of the role: inline ones, then the default version of each managed one.
std::vector<std::string> role_policy_documents(aws::IamClient& iam, const std::string& role_name) {
  std::vector<std::string> docs;
  for (const auto& name : iam.list_role_policies(role_name)) {
    docs.push_back(iam.get_role_policy(role_name, name).policy_document);
  }
  for (const auto& attached : iam.list_attached_role_policies(role_name)) {
    const auto policy = iam.get_policy(attached.policy_arn);
    docs.push_back(iam.get_policy_version(attached.policy_arn, policy.default_version_id).document);
  }
  return docs;
}

}  // namespace

void check_permissions(const RunContext& c, Checks& out) {
  if (!c.identity_error.empty()) return;
  if (c.principal_arn.empty()) {
    out.push_back(warn("permissions", fmt::format("{} is not an IAM user or role: its permissions cannot be simulated",
                                                  c.caller_arn),
                       "run as the user or role that will start the job to have its permissions checked"));
    return;
  }
  const auto statements = statements_for(c.purpose, PolicyKind::CALLER, c.values);
  auto iam = c.session->iam();
  // One simulation per distinct resource, with every action asked about it.
  std::map<std::string, std::set<std::string>> asks;
  for (const auto& s : statements) {
    for (const auto& resource : s.resources) asks[resource].insert(s.actions.begin(), s.actions.end());
  }
  std::map<std::pair<std::string, std::string>, std::string> decisions;
  for (const auto& [resource, actions] : asks) {
    try {
      for (const auto& r : iam.simulate_principal_policy(c.principal_arn, {actions.begin(), actions.end()}, {resource})) {
        decisions[{r.action, resource}] = r.decision;
      }
    } catch (const ServiceError& e) {
      out.push_back(warn("permissions",
                         fmt::format("iam:SimulatePrincipalPolicy on {} failed, so the permissions of {} were not checked: {}",
                                     c.principal_arn, c.principal_arn, e.what()),
                         fmt::format("allow iam:SimulatePrincipalPolicy on {} to have them checked", c.principal_arn)));
      return;
    }
  }
  std::size_t allowed = 0;
  const std::size_t failures =
      report_statements(statements, c.principal_arn, "permission:", policy_command(c, "--caller"),
                        [&](const std::string& action, const std::string& resource) {
                          const auto it = decisions.find({action, resource});
                          return it == decisions.end() || it->second != "allowed";
                        },
                        out, allowed);
  if (failures == 0) {
    out.push_back(pass("permissions", fmt::format("{} may make the run's calls ({} action/resource pairs allowed by IAM's policy simulator)",
                                                  c.principal_arn, allowed)));
  }
}

void check_execution_role(const RunContext& c, Checks& out) {
  const PreflightRequest& r = c.request;
  // A deploy role is created or updated by deploy itself; HyperPod jobs run as the cluster's role.
  if (!r.execution_role_arn || r.platform == Platform::SMHP || r.deploy_platform || !c.identity_error.empty()) return;
  const std::string& role_arn = *r.execution_role_arn;
  const std::string role_name = role_arn.substr(role_arn.rfind('/') + 1);
  const std::string principal = service_principal(c.purpose);
  if (account_of_arn(role_arn) != c.account) {
    out.push_back(warn("execution-role", fmt::format("{} is in another account and cannot be read from {}", role_arn, c.account),
                       "check its trust and policies in its own account; SageMaker checks them when the job starts"));
    return;
  }
  auto iam = c.session->iam();
  aws::IamRole role;
  try {
    role = iam.get_role(role_name);
  } catch (const ServiceError& e) {
    if (e.code() == "NoSuchEntity") {
      out.push_back(fail("execution-role", fmt::format("role {} does not exist", role_arn),
                         fmt::format("create it with the trust policy of 'nova iam policy --for {} --trust' and the "
                                     "permissions of '... --role', or pass an existing role", c.purpose)));
    } else {
      out.push_back(warn("execution-role", fmt::format("iam:GetRole on {} failed: {}", role_arn, e.what()),
                         fmt::format("allow iam:GetRole on {} to have the role checked", role_arn)));
    }
    return;
  }
  if (!trust_policy_allows_service(role.assume_role_policy_document, principal)) {
    out.push_back(fail("execution-role", fmt::format("role {} does not trust {}", role_arn, principal),
                       fmt::format("set its trust policy to: {}", trust_policy_json(principal, c.account, -1))));
  } else {
    out.push_back(pass("execution-role", fmt::format("{} exists and trusts {}", role_arn, principal)));
  }
  std::vector<std::string> docs;
  try {
    docs = role_policy_documents(iam, role_name);
  } catch (const ServiceError& e) {
    out.push_back(warn("execution-role-permissions", fmt::format("the policies of {} could not be read: {}", role_arn, e.what()),
                       fmt::format("allow iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies on {} and "
                                   "iam:GetPolicy, iam:GetPolicyVersion on its managed policies",
                                   role_arn)));
    return;
  }
  std::size_t allowed = 0;
  const std::size_t failures =
      report_statements(statements_for(c.purpose, PolicyKind::ROLE, c.values), role_arn, "execution-role-permission:",
                        policy_command(c, "--role"),
                        [&](const std::string& action, const std::string& resource) {
                          return std::none_of(docs.begin(), docs.end(),
                                              [&](const auto& d) { return policy_allows(d, action, resource); });
                        },
                        out, allowed);
  if (failures == 0) {
    out.push_back(pass("execution-role-permissions",
                       fmt::format("the policies of {} allow the job's reads and writes ({} action/resource pairs)",
                                   role_arn, allowed)));
  }
}

}  // namespace nova::preflight
