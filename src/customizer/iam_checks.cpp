#include "customizer/iam_checks.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

#include "aws/iam/iam_client.hpp"
#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "customizer/policy_document.hpp"
#include "nova/error.hpp"

namespace nova::customizer {
namespace {

constexpr const char* kSkipHint = "(skip these checks with validation_config={'iam': False})";

struct Principal {
  std::string account;
  std::string arn;  // what the simulator is asked about; empty: nothing to simulate
};

// The IAM principal behind the caller ARN. An assumed-role session is simulated as its role
// (looked up so that a role path is kept); the root user may do everything.
Principal principal_of(const aws::Session& session) {
  const auto identity = session.sts().get_caller_identity();
  Principal p{identity.account, {}};
  const std::string& arn = identity.arn;
  const auto assumed = arn.find(":assumed-role/");
  if (assumed != std::string::npos) {
    const std::string rest = arn.substr(assumed + 14);
    const std::string role_name = rest.substr(0, rest.find('/'));
    p.arn = fmt::format("arn:aws:iam::{}:role/{}", identity.account, role_name);
    try {
      p.arn = session.iam().get_role(role_name).arn;
    } catch (const ServiceError&) {
      // Reading the role is not required to simulate it; keep the path-less ARN.
    }
  } else if (arn.find(":user/") != std::string::npos || arn.find(":role/") != std::string::npos) {
    p.arn = arn;
  }
  return p;
}

std::string bucket_arn(const aws::S3Uri& uri) { return "arn:aws:s3:::" + uri.bucket; }
std::string objects_arn(const aws::S3Uri& uri) {
  return uri.key.empty() ? "arn:aws:s3:::" + uri.bucket + "/*" : "arn:aws:s3:::" + uri.bucket + "/" + uri.key + "*";
}

// resource ARN -> actions the caller needs on it
using Needs = std::map<std::string, std::set<std::string>>;

Needs calling_needs(const IamCheckRequest& request, const std::string& region, const std::string& account) {
  Needs needs;
  auto each_path = [&](const std::vector<std::string>& paths, std::initializer_list<const char*> object_actions) {
    for (const auto& path : paths) {
      const auto uri = aws::parse_s3_uri(path);
      needs[bucket_arn(uri)].insert({"s3:CreateBucket", "s3:ListBucket"});
      for (const char* action : object_actions) needs[objects_arn(uri)].insert(action);
    }
  };
  each_path(request.read_paths, {"s3:GetObject"});
  each_path(request.write_paths, {"s3:GetObject", "s3:PutObject"});
  if (request.platform == Platform::SMTJ) {
    needs["*"].insert({"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"});
    if (request.execution_role_arn) needs[*request.execution_role_arn].insert({"iam:GetRole", "iam:PassRole"});
  } else {
    needs[fmt::format("arn:aws:sagemaker:{}:{}:cluster/{}", region, account, request.cluster_name)].insert(
        "sagemaker:DescribeCluster");
    needs[fmt::format("arn:aws:eks:{}:{}:cluster/*", region, account)].insert({"eks:DescribeCluster", "eks:ListAddons"});
    needs["*"].insert("sagemaker:ListClusters");
  }
  return needs;
}

void check_calling_permissions(const aws::Session& session, const IamCheckRequest& request, const Principal& principal,
                               std::vector<std::string>& problems) {
  if (principal.arn.empty()) return;
  auto iam = session.iam();
  const Needs needs = calling_needs(request, session.region().region, principal.account);
  for (const auto& [resource, actions] : needs) {
    std::vector<aws::IamEvaluationResult> results;
    try {
      results = iam.simulate_principal_policy(principal.arn, {actions.begin(), actions.end()}, {resource});
    } catch (const ServiceError& e) {
      problems.push_back(fmt::format("Cannot run iam:SimulatePrincipalPolicy to validate the permissions of {}: {} {}",
                                     principal.arn, e.what(), kSkipHint));
      return;
    }
    for (const auto& r : results) {
      if (r.decision != "allowed") {
        problems.push_back(fmt::format("Missing required calling role permission: {} on {} (decision: {})", r.action,
                                       r.resource.empty() ? resource : r.resource, r.decision));
      }
    }
  }
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

std::string account_of_arn(const std::string& arn) {
  // arn:partition:service:region:account:resource
  std::size_t pos = 0;
  for (int i = 0; i < 4 && pos != std::string::npos; ++i) pos = arn.find(':', pos + 1);
  if (pos == std::string::npos) return {};
  const auto end = arn.find(':', pos + 1);
  return arn.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1);
}

void check_execution_role(const aws::Session& session, const std::string& role_arn, const std::string& account,
                          std::vector<std::string>& problems) {
  // A role in another account cannot be read from here; the service checks it at launch.
  if (account_of_arn(role_arn) != account) return;
  const std::string role_name = role_arn.substr(role_arn.rfind('/') + 1);
  auto iam = session.iam();
  aws::IamRole role;
  try {
    role = iam.get_role(role_name);
  } catch (const ServiceError& e) {
    if (e.code() == "NoSuchEntity") {
      problems.push_back(fmt::format("SageMaker execution role {} does not exist (looked up as {})", role_name, role_arn));
    } else if (e.code() == "AccessDenied" || e.code() == "AccessDeniedException") {
      problems.push_back(fmt::format(
          "Missing IAM permissions in current role: iam:GetRole required to validate execution role {} {}", role_name,
          kSkipHint));
    } else {
      problems.push_back(fmt::format("Failed to retrieve execution role {} from IAM: {}", role_name, e.what()));
    }
    return;
  }
  if (!trust_policy_allows_service(role.assume_role_policy_document, "sagemaker.amazonaws.com")) {
    problems.push_back(fmt::format(
        "SageMaker execution role {} does not trust sagemaker.amazonaws.com: add a trust policy statement allowing "
        "sts:AssumeRole for the service principal sagemaker.amazonaws.com",
        role_name));
  }
  std::vector<std::string> docs;
  try {
    docs = role_policy_documents(iam, role_name);
  } catch (const ServiceError& e) {
    problems.push_back(fmt::format("Cannot read the policies of execution role {}: {} {}", role_name, e.what(), kSkipHint));
    return;
  }
  std::vector<std::string> missing;
  for (const char* action : {"s3:GetObject", "s3:PutObject", "s3:ListBucket"}) {
    const bool allowed = std::any_of(docs.begin(), docs.end(), [&](const auto& d) { return policy_allows(d, action); });
    if (!allowed) missing.emplace_back(action);
  }
  if (!missing.empty()) {
    problems.push_back(fmt::format("Execution role {} missing required permissions: {}", role_name,
                                   fmt::join(missing, ", ")));
  }
}

}  // namespace

std::string caller_principal_arn(const aws::Session& session) { return principal_of(session).arn; }

std::vector<std::string> check_iam(const aws::Session& session, const IamCheckRequest& request) {
  std::vector<std::string> problems;
  const Principal principal = principal_of(session);
  check_calling_permissions(session, request, principal, problems);
  if (request.platform == Platform::SMTJ && request.execution_role_arn) {
    check_execution_role(session, *request.execution_role_arn, principal.account, problems);
  }
  return problems;
}

}  // namespace nova::customizer
