#include "runtime/execution_role.hpp"

#include <fmt/format.h>

#include "aws/iam/iam_client.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"
#include "runtime/smtj_defaults.hpp"

namespace nova::runtime {
namespace {

// Field `index` of a colon-separated ARN ("" when absent).
std::string arn_field(const std::string& arn, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) {
    start = arn.find(':', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  const auto end = arn.find(':', start);
  return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string arn_partition(const std::string& arn) {
  std::string p = arn.rfind("arn:", 0) == 0 ? arn_field(arn, 1) : std::string();
  return p.empty() ? "aws" : p;
}

std::optional<std::string> role_arn_of_caller(const std::string& caller_arn) {
  const std::string resource = arn_field(caller_arn, 5);  // role/<path/>name or assumed-role/<name>/<session>
  if (resource.rfind("role/", 0) == 0) return caller_arn;
  if (resource.rfind("assumed-role/", 0) == 0) {
    const std::string rest = resource.substr(std::string("assumed-role/").size());
    const std::string name = rest.substr(0, rest.find('/'));
    return fmt::format("arn:{}:iam::{}:role/{}", arn_partition(caller_arn), arn_field(caller_arn, 4), name);
  }
  return std::nullopt;
}

PlannedRole plan_execution_role(const std::optional<std::string>& given, const std::string& caller_arn,
                                const std::string& account) {
  if (given && !given->empty()) return {*given, false};
  if (auto own = role_arn_of_caller(caller_arn)) return {*own, false};
  return {fmt::format("arn:{}:iam::{}:role/{}", arn_partition(caller_arn), account, smtj_defaults().default_role_name),
          true};
}

std::string ensure_default_role(aws::IamClient& iam, const std::string& partition) {
  const SmtjDefaults& d = smtj_defaults();
  try {
    return iam.get_role(d.default_role_name).arn;
  } catch (const ServiceError& e) {
    if (e.code() != "NoSuchEntity") throw;
  }
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Creating the execution role {}", d.default_role_name));
  }
  const aws::IamRole role = iam.create_role(d.default_role_name, d.default_role_trust_policy);
  iam.attach_role_policy(d.default_role_name, fill_placeholder(d.managed_policy_arn_format, "partition", partition));
  return role.arn;
}

}  // namespace nova::runtime
