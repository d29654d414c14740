#include "dataset/reader/record_reader.hpp"

#include <cstring>

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

std::unique_ptr<RecordReader> make_record_reader(DatasetFormat format, std::unique_ptr<ByteSource> source) {
  switch (format) {
    case DatasetFormat::JSONL:
      return make_jsonl_reader(std::move(source));
    case DatasetFormat::JSON:
      return make_json_reader(std::move(source));
    case DatasetFormat::CSV:
      return make_csv_reader(std::move(source));
  }
  return nullptr;
}

}  // namespace nova::dataset
