#pragma once
// The `iam` part of validation_config: before a job is started, can the caller start it and
// can the execution role do its work? Each finding is one line naming the permission and
// the resource, collected rather than thrown so the user sees every problem at once.

#include <optional>
#include <string>
#include <vector>

#include "nova/enums.hpp"

namespace nova::aws {
class Session;
}

namespace nova::customizer {

struct IamCheckRequest {
  Platform platform{Platform::SMTJ};
  std::vector<std::string> read_paths;   // s3:// URIs the job reads (training data)
  std::vector<std::string> write_paths;  // s3:// URIs the job writes (output)
  // SMTJ: the role the job runs as. None: the runtime creates the default role itself.
  std::optional<std::string> execution_role_arn;
  std::string cluster_name;  // SMHP
};

// The ARN IAM's policy simulator is asked about for the caller: an assumed-role session as
// its role; empty for the root user (who may do everything) and other principals.
std::string caller_principal_arn(const aws::Session& session);

// Problems found, one message each; empty when everything checked is allowed.
// Calling permissions are asked of IAM's policy simulator (users and roles alike); the
// execution role's own policies are read and evaluated here.
std::vector<std::string> check_iam(const aws::Session& session, const IamCheckRequest& request);

}  // namespace nova::customizer
