#include "aws/s3/bucket_provisioning.hpp"

#include "nova/error.hpp"

namespace nova::aws {

BucketOwnership ensure_bucket(S3Client& s3, const std::string& bucket, const std::string& region,
                              const std::string& account, const std::optional<std::string>& kms_key_arn) {
  try {
    s3.head_bucket(bucket, account);
    return BucketOwnership::kOwned;
  } catch (const ServiceError& e) {
    if (e.http_status() == 403) return BucketOwnership::kNotOwned;
    if (e.http_status() != 404 && e.code() != "NoSuchBucket") throw;
  }
  try {
    s3.create_bucket(bucket, region);
  } catch (const ServiceError& e) {
    if (e.code() != "BucketAlreadyOwnedByYou") throw;
    return BucketOwnership::kOwned;
  }
  if (kms_key_arn) s3.put_bucket_encryption(bucket, *kms_key_arn);
  return BucketOwnership::kCreated;
}

}  // namespace nova::aws
