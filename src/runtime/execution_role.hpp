#pragma once
// The execution role of an SMTJ job when none is given, as the SageMaker Python SDK's
// get_execution_role(use_default=True) finds it: the caller's own role, else the account's
// AmazonSageMaker-DefaultRole (created, trusting SageMaker, with AmazonSageMakerFullAccess).

#include <optional>
#include <string>

namespace nova::aws {
class IamClient;
}

namespace nova::runtime {

struct PlannedRole {
  std::string arn;
  bool is_default_role{false};  // the caller is no role: the default role is used (and made if missing)
};

// `arn:aws:iam::<acct>:role/<name>` for a role or assumed-role caller ARN; nullopt for users.
std::optional<std::string> role_arn_of_caller(const std::string& caller_arn);

// The role a job gets: `given` if set, else the caller's role, else the default role.
PlannedRole plan_execution_role(const std::optional<std::string>& given, const std::string& caller_arn,
                                const std::string& account);

// Gets AmazonSageMaker-DefaultRole, creating it (trust sagemaker.amazonaws.com, managed
// policy AmazonSageMakerFullAccess attached) when it does not exist. Returns its ARN.
// `partition` is the caller's ("aws", "aws-cn", ...). @throws ServiceError
std::string ensure_default_role(aws::IamClient& iam, const std::string& partition);

// The partition field of an ARN ("aws" when the ARN is malformed).
std::string arn_partition(const std::string& arn);

}  // namespace nova::runtime
