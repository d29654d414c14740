#include "customizer/recipe_access.hpp"

#include <fmt/format.h>

#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "recipes/recipe_builder.hpp"
#include "recipes/session_catalogue.hpp"

namespace nova::customizer {
namespace {

std::string read_object(const aws::Session& session, const std::string& uri) {
  const aws::S3Uri loc = aws::parse_s3_uri(uri);
  std::string body;
  session.s3().get_object(loc.bucket, loc.key, [&body](std::string_view chunk) {
    body.append(chunk);
    return true;
  });
  return body;
}

// A checkpoint is a prefix, not an object: it exists when something is stored under it.
// Escrow buckets are often unreadable to the caller; only a missing bucket or prefix in a
// readable bucket is an error.
void check_model_path(const aws::Session& session, const std::string& uri) {
  const aws::S3Uri loc = aws::parse_s3_uri(uri);
  aws::ListObjectsV2Request list;
  list.bucket = loc.bucket;
  list.prefix = loc.key;
  list.max_keys = 1;
  try {
    if (session.s3().list_objects_v2(list).contents.empty()) {
      throw ValueError(fmt::format("model_path {} does not exist: nothing is stored under that prefix", uri));
    }
  } catch (const ServiceError& e) {
    if (e.code() == "NoSuchBucket") {
      throw ValueError(fmt::format("model_path {} does not exist: bucket {} not found", uri, loc.bucket));
    }
  }
}

}  // namespace

RecipeAccess::RecipeAccess(std::shared_ptr<const aws::Session> session, std::string region)
    : session_(std::move(session)),
      catalogue_(recipes::catalogue_for_session(session_, std::move(region))) {
  hooks_.read_s3_object = [this](const std::string& uri) { return read_object(*session_, uri); };
  hooks_.check_model_path = [this](const std::string& uri) { check_model_path(*session_, uri); };
}

recipes::ResolvedRecipe RecipeAccess::resolve(const recipes::RecipeRequest& request) {
  return recipes::resolve_recipe(request, catalogue_, hooks_);
}

}  // namespace nova::customizer
