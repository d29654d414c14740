#pragma once
// "Use this bucket, creating it if it does not exist": the output and recipe buckets the
// SDK may create on the user's behalf.

#include <optional>
#include <string>

#include "aws/s3/s3_client.hpp"

namespace nova::aws {

enum class BucketOwnership {
  kOwned,       // exists and belongs to the expected account
  kCreated,     // did not exist; created now
  kNotOwned,    // exists but belongs to another account (HeadBucket 403)
};

// HeadBucket with `account` as the expected owner; a missing bucket is created in `region`
// (and given SSE-KMS default encryption with `kms_key_arn` when one is set). Creating a
// bucket that appeared meanwhile (BucketAlreadyOwnedByYou) counts as owned.
// @throws nova::ServiceError for any other failure.
BucketOwnership ensure_bucket(S3Client& s3, const std::string& bucket, const std::string& region,
                              const std::string& account, const std::optional<std::string>& kms_key_arn);

}  // namespace nova::aws
