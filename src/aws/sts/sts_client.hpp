#pragma once
// AWS STS: caller identity and role assumption.

#include "aws/core/aws_client.hpp"
#include "aws/sts/sts_types.hpp"

namespace nova::aws {

class StsClient {
 public:
  // `config.endpoint` is the resolved STS endpoint (regional by default).
  explicit StsClient(ClientConfig config);

  /// @throws nova::ServiceError on an AWS error or network failure.
  GetCallerIdentityResult get_caller_identity();
  /// @throws nova::ServiceError on an AWS error or network failure.
  AssumeRoleResult assume_role(const AssumeRoleRequest& request);
  /// Unsigned, as the API requires; IDPCommunicationError is retried.
  /// @throws nova::ServiceError on an AWS error or network failure.
  AssumeRoleWithWebIdentityResult assume_role_with_web_identity(const AssumeRoleWithWebIdentityRequest& request);

  AwsClient& core() { return client_; }

 private:
  HttpResponse call(const OperationInfo& op, const QueryParams& params);
  AwsClient client_;
};

}  // namespace nova::aws
