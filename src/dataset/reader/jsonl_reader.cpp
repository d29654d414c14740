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
  JsonlReader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits)
      : source_(std::move(source)), buffer_(*source_), limits_(limits) {}

  bool next(RawRecord& out) override {
    for (;;) {
      std::string_view window = buffer_.window();
      const char* nl = static_cast<const char*>(std::memchr(window.data(), '\n', window.size()));
      std::size_t line_len = 0;
      std::size_t consumed = 0;
      if (nl != nullptr) {
        line_len = static_cast<std::size_t>(nl - window.data());
        consumed = line_len + 1;
        if (line_len > limits_.max_record_bytes) return skip_oversized_line(out);
      } else if (window.size() > limits_.max_record_bytes) {
        return skip_oversized_line(out);
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
      out.path.clear();
      flag_nul(out);
      return true;
    }
  }

 private:
  // Delivers the current line as too large without holding it: its bytes are dropped as
  // they arrive, up to the next newline.
  bool skip_oversized_line(RawRecord& out) {
    ++line_no_;
    std::uint64_t skipped = 0;
    for (;;) {
      const std::string_view w = buffer_.window();
      if (const void* nl = std::memchr(w.data(), '\n', w.size())) {
        const auto n = static_cast<std::size_t>(static_cast<const char*>(nl) - w.data());
        skipped += n;
        buffer_.consume(n + 1);
        break;
      }
      skipped += w.size();
      buffer_.consume(w.size());
      if (!buffer_.refill()) break;
    }
    out.text = std::string_view(buffer_.begin(), 0);
    out.line = line_no_;
    out.rule = kRuleTooLarge;
    out.error = too_large_message(skipped, limits_);
    out.path.clear();
    return true;
  }

  std::unique_ptr<ByteSource> source_;
  StreamBuffer buffer_;
  ReaderLimits limits_;
  std::uint64_t line_no_{0};
};

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits) {
  return std::make_unique<JsonlReader>(std::move(source), limits);
}

}  // namespace nova::dataset
