#include "preflight/run_context.hpp"

#include <fmt/format.h>

#include "aws/s3/s3_uri.hpp"
#include "aws/sagemaker/cluster_orchestrator.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"

namespace nova::preflight {
namespace {

std::string partition_of(const std::string& arn) {
  // arn:<partition>:...
  if (arn.rfind("arn:", 0) != 0) return "aws";
  const auto end = arn.find(':', 4);
  return end == std::string::npos ? "aws" : arn.substr(4, end - 4);
}

// An assumed-role session is simulated as its role; users and roles as themselves; the
// root user (who may do everything) and federated users not at all.
std::string principal_of(const aws::Session& session, const std::string& arn, const std::string& account,
                         const std::string& partition) {
  const auto assumed = arn.find(":assumed-role/");
  if (assumed != std::string::npos) {
    const std::string rest = arn.substr(assumed + 14);
    const std::string role_name = rest.substr(0, rest.find('/'));
    try {
      return session.iam().get_role(role_name).arn;  // keeps a role path
    } catch (const ServiceError&) {
      return fmt::format("arn:{}:iam::{}:role/{}", partition, account, role_name);
    }
  }
  if (arn.find(":user/") != std::string::npos || arn.find(":role/") != std::string::npos) return arn;
  return {};
}

void put_s3(Values& values, const std::optional<std::string>& uri, const char* bucket, const char* key) {
  if (!uri) return;
  const aws::S3Uri loc = aws::parse_s3_uri(*uri);
  values[bucket] = loc.bucket;
  values[key] = loc.key;
}

// The cluster's id (its ARN ends in it, not in the name) and its EKS cluster are known only
// once DescribeCluster answers; until then the permission table leaves them open ('*') and
// its Sid says so (permissions.json, "open").
void put_cluster(RunContext& c) {
  if (!c.request.cluster_name) return;
  const std::string& name = *c.request.cluster_name;
  c.values["cluster_name"] = name;
  try {
    const auto cluster = c.session->sagemaker().describe_cluster(name);
    c.values["cluster_id"] = cluster.arn.substr(cluster.arn.rfind('/') + 1);
    if (const std::string eks = aws::eks_cluster_arn_of(cluster); !eks.empty()) {
      c.values["eks_cluster_name"] = aws::parse_eks_cluster_arn(eks).name;
    }
  } catch (const Error&) {
    // Unreadable here (missing, or no sagemaker:DescribeCluster): the HyperPod checks say why.
  }
}

}  // namespace

std::string kms_key_arn(const std::string& key, const std::string& partition, const std::string& region,
                        const std::string& account) {
  if (key.rfind("arn:", 0) == 0) return key;
  if (key.rfind("alias/", 0) == 0) return fmt::format("arn:{}:kms:{}:{}:{}", partition, region, account, key);
  return fmt::format("arn:{}:kms:{}:{}:key/{}", partition, region, account, key);
}

PolicyPurpose purpose_of(const PreflightRequest& request) {
  if (request.deploy_platform) return PolicyPurpose::DEPLOY;
  if (request.method == TrainingMethod::EVALUATION) return PolicyPurpose::EVALUATE;
  return PolicyPurpose::TRAIN;
}

PreflightRequest normalised(PreflightRequest r) {
  for (auto* field : {&r.instance_type, &r.data_s3_path, &r.output_s3_path, &r.execution_role_arn, &r.kms_key_id,
                      &r.cluster_name, &r.endpoint_name, &r.job_name}) {
    if (*field && (*field)->empty()) field->reset();
  }
  return r;
}

RunContext make_context(const PreflightRequest& request, std::shared_ptr<const aws::Session> session,
                        PolicyPurpose purpose) {
  RunContext c;
  c.request = normalised(request);
  c.session = std::move(session);
  c.region = c.session->region().region;
  c.purpose = purpose_key(purpose, c.request);
  std::string partition = "aws";
  try {
    const auto identity = c.session->sts().get_caller_identity();
    c.account = identity.account;
    c.caller_arn = identity.arn;
    partition = partition_of(identity.arn);
    c.principal_arn = principal_of(*c.session, identity.arn, identity.account, partition);
  } catch (const Error& e) {
    c.identity_error = e.what();
  }
  Values& v = c.values;
  v["partition"] = partition;
  v["region"] = c.region;
  v["account"] = c.account;
  v["caller_principal"] = c.principal_arn.empty() ? c.caller_arn : c.principal_arn;
  if (c.request.job_name) v["job"] = *c.request.job_name;
  if (c.request.endpoint_name) v["endpoint"] = *c.request.endpoint_name;
  if (c.request.execution_role_arn) v["role_arn"] = *c.request.execution_role_arn;
  put_s3(v, c.request.data_s3_path, "data_bucket", "data_key");
  // No output path: the customizer's own bucket (reference launch.md 4.5).
  const std::string output = c.request.output_s3_path.value_or(
      c.account.empty() ? std::string() : fmt::format("s3://sagemaker-nova-{}-{}/output", c.account, c.region));
  if (!output.empty()) put_s3(v, output, "output_bucket", "output_key");
  if (!c.account.empty()) v["recipe_bucket"] = fmt::format("sagemaker-{}-{}", c.region, c.account);
  if (c.request.kms_key_id && !c.account.empty()) {
    v["kms_key_arn"] = kms_key_arn(*c.request.kms_key_id, partition, c.region, c.account);
  }
  if (c.request.deploy_platform) {
    const std::string role = c.request.execution_role_arn.value_or("");
    const std::string name = role.empty() ? default_role_name(c.purpose) : role.substr(role.rfind('/') + 1);
    v["deploy_role_name"] = name;
    v["deploy_role_arn"] = role.empty() ? fmt::format("arn:{}:iam::{}:role/{}", partition, c.account, name) : role;
  }
  if (c.identity_error.empty()) put_cluster(c);
  return c;
}

}  // namespace nova::preflight
