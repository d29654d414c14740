#include "runtime/recipe_upload.hpp"

#include <fmt/format.h>

#include "aws/s3/bucket_provisioning.hpp"
#include "aws/s3/s3_client.hpp"
#include "core/log.hpp"

namespace nova::runtime {

void ensure_default_bucket(aws::S3Client& s3, const std::string& bucket, const std::string& region,
                           const std::string& account) {
  if (aws::ensure_bucket(s3, bucket, region, account, std::nullopt) == aws::BucketOwnership::kNotOwned) {
    throw ValueError(fmt::format(
        "The SageMaker default bucket '{}' exists but is not owned by account {}: the recipe cannot be uploaded there.",
        bucket, account));
  }
}

void upload_recipe(aws::S3Client& s3, const std::string& recipe_path, const RecipeLocation& location) {
  aws::TransferOptions options;
  options.content_type = "application/x-yaml";
  s3.upload_file(location.bucket, location.key, recipe_path, options);
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Uploaded the recipe to {}", location.uri()));
  }
}

}  // namespace nova::runtime
