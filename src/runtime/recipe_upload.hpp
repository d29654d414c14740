#pragma once
// Puts the recipe file where the training job's recipe channel reads it: the default bucket
// sagemaker-<region>-<account>, created in that region when missing.

#include <string>

#include "runtime/smtj_request.hpp"

namespace nova::aws {
class S3Client;
}

namespace nova::runtime {

// HeadBucket (expecting `account` as owner); a missing bucket is created in `region`.
// @throws ValueError when another account owns the name; ServiceError
void ensure_default_bucket(aws::S3Client& s3, const std::string& bucket, const std::string& region,
                           const std::string& account);

// Uploads `recipe_path` to `location`. @throws ServiceError, ValueError (unreadable file)
void upload_recipe(aws::S3Client& s3, const std::string& recipe_path, const RecipeLocation& location);

}  // namespace nova::runtime
