#include "results/prefix_mirror.hpp"

#include <fmt/format.h>

#include <vector>

#include "aws/s3/s3_uri.hpp"
#include "nova/error.hpp"
#include "results/staging_directory.hpp"

namespace nova::results {

namespace fs = std::filesystem;

std::uint64_t mirror_prefix(aws::S3Client& s3, const std::string& uri, const fs::path& destination) {
  if (fs::exists(destination)) {
    throw ValueError(fmt::format("Cannot copy {} into {}: it already exists; remove it first", uri,
                                 destination.string()));
  }
  const aws::S3Uri where = aws::parse_s3_uri(uri);
  // "eval-result" must not also match "eval-result-old/...".
  std::string prefix = where.key;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::vector<std::string> keys;
  aws::ListObjectsV2Request request;
  request.bucket = where.bucket;
  request.prefix = prefix;
  s3.list_all_objects(request, [&](const aws::ObjectSummary& object) {
    if (!object.key.empty() && object.key.back() != '/') keys.push_back(object.key);  // folder markers hold nothing
  });
  if (keys.empty()) return 0;
  StagingDirectory staging(destination, uri);
  for (const auto& key : keys) {
    const fs::path relative = safe_relative_path(key.substr(prefix.size()), uri);
    if (relative.empty()) continue;
    s3.download_file(where.bucket, key, staging.path() / relative);
  }
  staging.move_into_place();
  return keys.size();
}

}  // namespace nova::results
