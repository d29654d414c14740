#include "runtime/recipe_upload.hpp"

#include <fmt/format.h>

#include "aws/s3/s3_client.hpp"
#include "core/log.hpp"

namespace nova::runtime {

void ensure_default_bucket(aws::S3Client& s3, const std::string& bucket, const std::string& region,
                           const std::string& account) {
  try {
    s3.head_bucket(bucket, account);
    return;
  } catch (const ServiceError& e) {
    if (e.http_status() != 404) throw;
  }
  core::log(core::LogLevel::kInfo, fmt::format("Creating the bucket {} in {}", bucket, region));
  try {
    s3.create_bucket(bucket, region);
  } catch (const ServiceError& e) {
    // Another launch may have created it in between.
    if (e.code() != "BucketAlreadyOwnedByYou") throw;
  }
}

void upload_recipe(aws::S3Client& s3, const std::string& recipe_path, const RecipeLocation& location) {
  aws::TransferOptions options;
  options.content_type = "application/x-yaml";
  s3.upload_file(location.bucket, location.key, recipe_path, options);
  core::log(core::LogLevel::kInfo, fmt::format("Uploaded the recipe to {}", location.uri()));
}

}  // namespace nova::runtime
