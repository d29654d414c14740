// JSON Lines: one JSON value per line. Lines are split here (not by the JSON parser)
// so every record knows its line; blank lines are skipped as the reference does.

#include <cstring>

#include "dataset/reader/record_reader.hpp"
#include "dataset/reader/stream_buffer.hpp"

namespace nova::dataset {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

class JsonlReader final : public RecordReader {
 public:
  explicit JsonlReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)), buffer_(*source_) {}

  bool next(RawRecord& out) override {
    for (;;) {
      std::string_view window = buffer_.window();
      const char* nl = static_cast<const char*>(std::memchr(window.data(), '\n', window.size()));
      std::size_t line_len = 0;
      std::size_t consumed = 0;
      if (nl != nullptr) {
        line_len = static_cast<std::size_t>(nl - window.data());
        consumed = line_len + 1;
      } else if (buffer_.refill()) {
        continue;
      } else if (window.empty()) {
        return false;
      } else {
        line_len = consumed = window.size();  // last line without a newline
      }
      std::string_view line = window.substr(0, line_len);
      buffer_.consume(consumed);
      ++line_no_;
      if (line_no_ == 1 && starts_with_bom(line)) line.remove_prefix(3);
      while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
      while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
      if (line.empty()) continue;
      out.text = line;
      out.line = line_no_;
      out.rule = {};
      out.error.clear();
      return true;
    }
  }

 private:
  std::unique_ptr<ByteSource> source_;
  StreamBuffer buffer_;
  std::uint64_t line_no_{0};
};

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source) {
  return std::make_unique<JsonlReader>(std::move(source));
}

}  // namespace nova::dataset
