#pragma once
// Where dataset bytes come from. Readers pull bytes through this interface so the same
// readers serve local files and S3 objects (ranged GETs, see dataset/s3/s3_io.hpp).

#include <cstdint>
#include <memory>
#include <string>

namespace nova::dataset {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes; returns 0 at end of data. Throws DataPrepError on I/O errors.
  virtual std::size_t read(char* buffer, std::size_t n) = 0;
  // The name shown in diagnostics: the path or URI the user gave.
  virtual const std::string& name() const = 0;
};

// A local file, or an S3 object for an s3:// URI. Throws DataPrepError naming it.
std::unique_ptr<ByteSource> open_source(const std::string& path_or_uri);

// Opens a local file. Throws DataPrepError naming the path when it cannot be opened.
std::unique_ptr<ByteSource> open_file_source(const std::string& path);

}  // namespace nova::dataset
