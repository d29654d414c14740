#pragma once
// A job's output archive (s3://.../output.tar.gz) unpacked safely.
//
// The object is first streamed from GetObject into a temporary file beside the destination
// (64 KiB writes), then read by libarchive in blocks: memory stays the same whatever the
// archive's size. A temporary file rather than a pipe to a reader thread: libarchive pulls
// while GetObject pushes, and a file needs no second thread, survives a slow reader and is
// gone when the call returns. Disk use is the archive plus what is extracted.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "aws/s3/s3_client.hpp"

namespace nova::results {

struct ExtractedArchive {
  std::uint64_t files{0};
  std::uint64_t bytes{0};  // file content written
  // Entries left out: symbolic and hard links, devices, FIFOs, sockets.
  std::vector<std::string> skipped;
};

// Extracts every directory and regular file of the archive at `uri` into `destination`.
// Everything goes to a temporary directory beside it, renamed into place once the whole
// archive has been read, so on any error nothing is left behind.
// @throws ValueError `uri` is not s3://bucket/key; `destination` exists and is not an empty directory
// @throws DataPrepError naming the URI and the problem: not an archive, corrupt or truncated
//   data, an entry with an absolute path or a `..` component, a destination that cannot be written
// @throws ServiceError the download failed (a missing object is code "NoSuchKey")
ExtractedArchive extract_output_archive(aws::S3Client& s3, const std::string& uri,
                                        const std::filesystem::path& destination);

// Streams the first regular-file member whose name ends with `suffix` (e.g.
// "inference_output.jsonl") into `file`, written atomically. Returns the member's name, or
// none when the archive holds no such member (nothing is written then).
// @throws as extract_output_archive for a bad URI, download or archive
std::optional<std::string> extract_first_member_ending_with(aws::S3Client& s3, const std::string& uri,
                                                            const std::string& suffix,
                                                            const std::filesystem::path& file);

}  // namespace nova::results
