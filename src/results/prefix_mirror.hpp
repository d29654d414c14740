#pragma once
// Every object under an S3 prefix copied into a local directory (HyperPod evaluations leave
// their results as loose objects under `<output>/<job>/eval-result/`, not in an archive).

#include <cstdint>
#include <filesystem>
#include <string>

#include "aws/s3/s3_client.hpp"

namespace nova::results {

// Lists `uri` (s3://bucket/prefix, every ListObjectsV2 page) and downloads each object to
// `destination`/<key relative to the prefix>, staged beside it and renamed into place.
// Returns the number of objects; with none, `destination` is not created.
// @throws ValueError `uri` is not s3://; `destination` exists
// @throws DataPrepError a key that would leave the directory; ServiceError a failed call
std::uint64_t mirror_prefix(aws::S3Client& s3, const std::string& uri, const std::filesystem::path& destination);

}  // namespace nova::results
