#pragma once
// AWS KMS (json 1.1): DescribeKey for the pre-flight checks; creating and disabling a key
// for tests and tools.

#include <string>

#include "aws/core/aws_client.hpp"

namespace nova::aws {

struct KmsKeyMetadata {
  std::string key_id;
  std::string arn;
  std::string account;
  bool enabled{false};
  std::string key_state;  // Enabled | Disabled | PendingDeletion | ...
  std::string key_usage;  // ENCRYPT_DECRYPT | SIGN_VERIFY | ...
};

class KmsClient {
 public:
 public:
  explicit KmsClient(ClientConfig config);

  /// `key` is a key id, key ARN, alias name ("alias/x") or alias ARN.
  /// @throws nova::ServiceError (NotFoundException, AccessDeniedException, ...)
  KmsKeyMetadata describe_key(const std::string& key);
  /// A symmetric ENCRYPT_DECRYPT key.
  KmsKeyMetadata create_key(const std::string& description);
  void disable_key(const std::string& key);

 private:
  std::string call(const char* operation, bool idempotent, const std::string& body);
  AwsClient client_;
};

}  // namespace nova::aws
