// A JSON document. A top-level array yields one record per element, found by a small
// scanner that tracks strings and nesting (the JSON parser then sees one element at a
// time), so a multi-gigabyte array streams in bounded memory. Any other top-level value
// is a single record.

#include "dataset/reader/record_reader.hpp"
#include "dataset/reader/stream_buffer.hpp"

namespace nova::dataset {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class JsonReader final : public RecordReader {
 public:
  JsonReader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits)
      : source_(std::move(source)), buffer_(*source_), limits_(limits) {}

  bool next(RawRecord& out) override {
    out.rule = {};
    out.error.clear();
    out.path.clear();
    if (state_ == State::kDone) return false;
    if (state_ == State::kStart) return start(out);
    if (state_ == State::kWhole) return whole(out);
    return element(out);
  }

 private:
  enum class State { kStart, kArray, kWhole, kDone };

  // Skips whitespace (counting lines); returns false at end of data.
  bool skip_ws() {
    for (;;) {
      std::string_view w = buffer_.window();
      std::size_t i = 0;
      while (i < w.size() && is_ws(w[i])) {
        if (w[i] == '\n') ++line_;
        ++i;
      }
      buffer_.consume(i);
      if (i < w.size()) return true;
      if (!buffer_.refill()) return false;
    }
  }

  bool fail(RawRecord& out, std::string_view rule, std::string message, std::uint64_t line) {
    state_ = State::kDone;
    out.text = std::string_view(buffer_.begin(), 0);
    out.line = line;
    out.rule = rule;
    out.error = std::move(message);
    return true;
  }

  bool start(RawRecord& out) {
    if (buffer_.size() < 3) buffer_.refill();
    if (starts_with_bom(buffer_.window())) buffer_.consume(3);
    if (!skip_ws()) return fail(out, "json.syntax", "the file holds no JSON value (it is empty)", line_);
    if (buffer_.window().front() == '[') {
      buffer_.consume(1);
      state_ = State::kArray;
      first_element_ = true;
      return element(out);
    }
    state_ = State::kWhole;
    return whole(out);
  }

  bool whole(RawRecord& out) {
    const std::uint64_t start_line = line_;
    do {
      if (buffer_.size() > limits_.max_record_bytes)
        return fail(out, kRuleTooLarge, too_large_message(buffer_.size(), limits_), start_line);
    } while (buffer_.refill());
    std::string_view w = buffer_.window();
    for (char c : w)
      if (c == '\n') ++line_;
    while (!w.empty() && is_ws(w.back())) w.remove_suffix(1);
    buffer_.consume(buffer_.size());
    state_ = State::kDone;
    out.text = w;
    out.line = start_line;
    flag_nul(out);
    return true;
  }

  bool element(RawRecord& out) {
    if (!skip_ws()) return fail(out, "json.truncated", "unexpected end of file inside the top-level array (missing ']')", line_);
    char c = buffer_.window().front();
    if (c == ']') {
      buffer_.consume(1);
      state_ = State::kDone;
      if (skip_ws()) return fail(out, "json.syntax", "unexpected data after the top-level array", line_);
      return false;
    }
    if (!first_element_) {
      if (c != ',') return fail(out, "json.syntax", std::string("expected ',' or ']' between array elements, found '") + c + "'", line_);
      buffer_.consume(1);
      if (!skip_ws()) return fail(out, "json.truncated", "unexpected end of file inside the top-level array (missing ']')", line_);
      if (buffer_.window().front() == ']') return fail(out, "json.syntax", "trailing comma before ']'", line_);
    }
    first_element_ = false;
    // Scan one element: ends at ',' or ']' outside strings at nesting depth 0.
    const std::uint64_t start_line = line_;
    std::size_t i = 0;
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    std::uint64_t newlines = 0;
    for (;;) {
      std::string_view w = buffer_.window();
      for (; i < w.size(); ++i) {
        const char ch = w[i];
        if (in_string) {
          if (escaped) {
            escaped = false;
          } else if (ch == '\\') {
            escaped = true;
          } else if (ch == '"') {
            in_string = false;
          } else if (ch == '\n') {
            ++newlines;
          }
          continue;
        }
        if (ch == '"') {
          in_string = true;
        } else if (ch == '{' || ch == '[') {
          ++depth;
        } else if (ch == '}' || ch == ']') {
          if (depth == 0) break;  // the array's closing bracket
          --depth;
        } else if (ch == ',' && depth == 0) {
          break;
        } else if (ch == '\n') {
          ++newlines;
        }
      }
      if (i < w.size()) break;
      if (i > limits_.max_record_bytes) return fail(out, kRuleTooLarge, too_large_message(i, limits_), start_line);
      if (!buffer_.refill())
        return fail(out, "json.truncated", "unexpected end of file inside an array element", start_line);
    }
    if (i > limits_.max_record_bytes) return fail(out, kRuleTooLarge, too_large_message(i, limits_), start_line);
    std::string_view text(buffer_.begin(), i);
    while (!text.empty() && is_ws(text.back())) text.remove_suffix(1);
    out.text = text;
    out.line = start_line;
    buffer_.consume(i);
    line_ += newlines;
    flag_nul(out);
    return true;
  }

  std::unique_ptr<ByteSource> source_;
  StreamBuffer buffer_;
  ReaderLimits limits_;
  State state_{State::kStart};
  std::uint64_t line_{1};
  bool first_element_{true};
};

}  // namespace

std::unique_ptr<RecordReader> make_json_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits) {
  return std::make_unique<JsonReader>(std::move(source), limits);
}

}  // namespace nova::dataset
