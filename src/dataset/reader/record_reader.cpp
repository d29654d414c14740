#include "dataset/reader/record_reader.hpp"

#include <cstring>

#include <fmt/format.h>

namespace nova::dataset {
namespace {

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string data, std::string name) : data_(std::move(data)), name_(std::move(name)) {}
  std::size_t read(char* buffer, std::size_t n) override {
    const std::size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buffer, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string data_;
  std::string name_;
  std::size_t pos_{0};
};

}  // namespace

std::unique_ptr<ByteSource> make_memory_source(std::string data, std::string name) {
  return std::make_unique<MemorySource>(std::move(data), std::move(name));
}

std::string too_large_message(std::uint64_t bytes, const ReaderLimits& limits) {
  return fmt::format("the record is {} bytes or more; a record may hold at most {} MiB (put large content such as "
                     "images or documents in S3 and reference it)",
                     bytes, limits.max_record_bytes >> 20);
}

void flag_nul(RawRecord& out) {
  const void* nul = std::memchr(out.text.data(), '\0', out.text.size());
  if (nul == nullptr) return;
  out.rule = kRuleNul;
  out.error = fmt::format("the record holds a NUL byte at byte {} of the record: the file is not UTF-8 text (UTF-16 or binary?)",
                          static_cast<const char*>(nul) - out.text.data() + 1);
}

std::unique_ptr<RecordReader> make_record_reader(DatasetFormat format, std::unique_ptr<ByteSource> source,
                                                 const ReaderLimits& limits) {
  switch (format) {
    case DatasetFormat::JSONL:
      return make_jsonl_reader(std::move(source), limits);
    case DatasetFormat::JSON:
      return make_json_reader(std::move(source), limits);
    case DatasetFormat::CSV:
      return make_csv_reader(std::move(source), limits);
  }
  return nullptr;
}

}  // namespace nova::dataset
