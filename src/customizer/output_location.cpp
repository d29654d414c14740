#include "customizer/output_location.hpp"

#include <fmt/format.h>

#include "aws/s3/bucket_provisioning.hpp"
#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"

namespace nova::customizer {

std::string kms_key_arn(const std::string& kms_key_id, const std::string& region, const std::string& account) {
  if (kms_key_id.rfind("arn:", 0) == 0) return kms_key_id;
  return fmt::format("arn:aws:kms:{}:{}:key/{}", region, account, kms_key_id);
}

std::string prepare_output_location(const aws::Session& session, const std::optional<std::string>& output_s3_path,
                                    const std::optional<std::string>& kms_key_id) {
  const std::string region = session.region().region;
  const std::string account = session.sts().get_caller_identity().account;
  const std::string path =
      output_s3_path ? *output_s3_path : fmt::format("s3://sagemaker-nova-{}-{}/output", account, region);
  const aws::S3Uri uri = aws::parse_s3_uri(path);
  std::optional<std::string> kms_arn;
  if (kms_key_id) kms_arn = kms_key_arn(*kms_key_id, region, account);
  auto s3 = session.s3();
  try {
    if (aws::ensure_bucket(s3, uri.bucket, region, account, kms_arn) == aws::BucketOwnership::kNotOwned) {
      throw ValueError(fmt::format(
          "Bucket '{}' already exists, but is not owned by you. Please provide a different value for output_s3_path, "
          "or omit that parameter.",
          uri.bucket));
    }
  } catch (const ServiceError& e) {
    throw ServiceError(fmt::format("Cannot use output bucket {}: {}", uri.bucket, e.what()), e.service(), e.operation(),
                       e.code(), e.http_status(), e.request_id(), e.retryable());
  }
  return path;
}

}  // namespace nova::customizer
