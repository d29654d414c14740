#include "dataset/writer/output_sink.hpp"

#include "core/atomic_file.hpp"
#include "dataset/s3/s3_io.hpp"

namespace nova::dataset {
namespace {

class FileOutputSink final : public OutputSink {
 public:
  explicit FileOutputSink(const std::string& path) : file_(path) {}
  void write(std::string_view data) override { file_.write(data); }
  void commit() override { file_.commit(); }

 private:
  core::AtomicFile file_;
};

}  // namespace

std::unique_ptr<OutputSink> open_output(const std::string& path) {
  if (is_s3_uri(path)) return open_s3_output(path);
  return std::make_unique<FileOutputSink>(path);
}

}  // namespace nova::dataset
