#pragma once
// Dataset bytes to and from S3, streamed both ways with bounded memory:
//  - reading: HeadObject when opened (a missing object fails at load(), naming the URI), then
//    sequential ranged GETs of kRangeSize with the next range prefetched in the background
//    (at most two ranges in memory);
//  - writing: one part buffered (kPartSize); full parts are uploaded as a multipart upload
//    while the next fills (at most kPartsInFlight uploading), completed on commit(); a small
//    object is one PutObject. A sink destroyed uncommitted, or a failed part, aborts the
//    upload, so a failed save never leaves a partial object.
// Clients come from aws::Session::shared(). AWS errors become DataPrepError naming the URI
// and the AWS error code.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dataset/reader/byte_source.hpp"
#include "dataset/writer/output_sink.hpp"

namespace nova::dataset {

inline constexpr std::size_t kRangeSize = 8u * 1024 * 1024;
inline constexpr std::size_t kPartSize = 8u * 1024 * 1024;
inline constexpr std::size_t kPartsInFlight = 2;

bool is_s3_uri(std::string_view path);

struct S3Location {
  std::string bucket;
  std::string key;
};
// "s3://bucket/key" -> {bucket, key}. Throws DataPrepError when the bucket or key is missing.
S3Location parse_s3_uri(const std::string& uri);

// HeadObject: throws DataPrepError naming the URI when the object (or bucket) is missing or
// cannot be read. Returns the object size.
std::uint64_t check_s3_object(const std::string& uri);

std::unique_ptr<ByteSource> open_s3_source(const std::string& uri);
std::unique_ptr<OutputSink> open_s3_output(const std::string& uri);

}  // namespace nova::dataset
