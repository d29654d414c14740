#pragma once
// Where save_data() writes: a local file (AtomicFile: temporary file renamed into place) or
// an S3 object (multipart upload completed on commit). Either way, a sink destroyed without
// commit() leaves nothing behind: the temporary file is removed, the upload aborted.

#include <memory>
#include <string>
#include <string_view>

namespace nova::dataset {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Throws DataPrepError (S3) or std::runtime_error (local I/O).
  virtual void write(std::string_view data) = 0;
  // Makes the whole output visible at its target. Throws as write() does.
  virtual void commit() = 0;
};

// A local path or an s3:// URI.
std::unique_ptr<OutputSink> open_output(const std::string& path);

}  // namespace nova::dataset
