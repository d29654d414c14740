// CSV per RFC 4180 with Python csv's default dialect (comma, '"' quoting, '""' escape,
// lenient about text after a closing quote). Quoted cells keep their line breaks — the
// reference SDK loses them, which corrupts multi-line answers. Each row is rendered as a
// JSON object of strings keyed by the header (Python DictReader semantics: a short row
// gives null for the missing columns, extra cells go to a list under the key "null").

#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "dataset/json/python_json_writer.hpp"
#include "dataset/reader/record_reader.hpp"
#include "dataset/reader/stream_buffer.hpp"

namespace nova::dataset {
namespace {

class CsvReader final : public RecordReader {
 public:
  explicit CsvReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)), buffer_(*source_) {}

  bool next(RawRecord& out) override {
    out.rule = {};
    out.error.clear();
    if (!header_read_) {
      header_read_ = true;
      if (buffer_.size() < 3) buffer_.refill();
      if (starts_with_bom(buffer_.window())) buffer_.consume(3);
      if (!read_row()) return false;
      if (row_error_) return emit_error(out);
      header_ = std::move(cells_);
      cells_.clear();
    }
    if (!read_row()) return false;
    if (row_error_) return emit_error(out);
    render(out);
    return true;
  }

 private:
  bool emit_error(RawRecord& out) {
    json_.assign(64, ' ');
    json_.clear();
    out.text = json_;
    out.line = row_line_;
    out.rule = error_rule_;
    out.error = error_message_;
    return true;
  }

  void render(RawRecord& out) {
    json_.clear();
    // Python dict semantics for duplicate header names: first position, last value.
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (header index, cell index or npos)
    order.reserve(header_.size());
    for (std::size_t h = 0; h < header_.size(); ++h) {
      std::size_t existing = order.size();
      for (std::size_t k = 0; k < order.size(); ++k)
        if (header_[order[k].first] == header_[h]) existing = k;
      const std::size_t cell = h < cells_.size() ? h : std::string::npos;
      if (existing == order.size())
        order.emplace_back(h, cell);
      else
        order[existing].second = cell;
    }
    json_.push_back('{');
    bool first = true;
    for (const auto& [h, cell] : order) {
      if (!first) json_.push_back(',');
      first = false;
      append_python_string(json_, header_[h], false);
      json_.push_back(':');
      if (cell == std::string::npos)
        json_.append("null");
      else
        append_python_string(json_, cells_[cell], false);
    }
    if (cells_.size() > header_.size()) {
      if (!first) json_.push_back(',');
      json_.append("\"null\":[");
      for (std::size_t i = header_.size(); i < cells_.size(); ++i) {
        if (i > header_.size()) json_.push_back(',');
        append_python_string(json_, cells_[i], false);
      }
      json_.push_back(']');
    }
    json_.push_back('}');
    json_.reserve(json_.size() + StreamBuffer::kPadding);
    out.text = json_;
    out.line = row_line_;
  }

  int peek() {
    if (buffer_.size() == 0 && !buffer_.refill()) return -1;
    return static_cast<unsigned char>(*buffer_.begin());
  }
  int take() {
    const int c = peek();
    if (c >= 0) buffer_.consume(1);
    return c;
  }

  // Reads the next non-empty row into cells_. Returns false at end of data.
  bool read_row() {
    enum class S { kStartField, kUnquoted, kQuoted, kQuoteInQuoted };
    cells_.clear();
    row_error_ = false;
    // Blank lines between rows are skipped (DictReader skips empty rows).
    for (;;) {
      const int c = peek();
      if (c < 0) return false;
      if (c == '\n') {
        buffer_.consume(1);
        ++line_;
        continue;
      }
      if (c == '\r') {
        buffer_.consume(1);
        if (peek() == '\n') buffer_.consume(1);
        ++line_;
        continue;
      }
      break;
    }
    row_line_ = line_;
    std::string field;
    S state = S::kStartField;
    auto end_field = [&] {
      cells_.push_back(std::move(field));
      field.clear();
    };
    for (;;) {
      const int c = take();
      if (c < 0) {
        if (state == S::kQuoted) {
          row_error_ = true;
          error_rule_ = "csv.unterminated_quote";
          error_message_ = "a quoted cell starting on this row is never closed (missing '\"')";
          return true;
        }
        end_field();
        break;
      }
      const char ch = static_cast<char>(c);
      if (state == S::kQuoted) {
        if (ch == '"') {
          state = S::kQuoteInQuoted;
        } else {
          if (ch == '\n') ++line_;
          field.push_back(ch);
        }
        continue;
      }
      if (state == S::kQuoteInQuoted && ch == '"') {
        field.push_back('"');
        state = S::kQuoted;
        continue;
      }
      if (ch == ',') {
        end_field();
        state = S::kStartField;
        continue;
      }
      if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && peek() == '\n') buffer_.consume(1);
        ++line_;
        end_field();
        break;
      }
      if (state == S::kStartField && ch == '"') {
        state = S::kQuoted;
        continue;
      }
      field.push_back(ch);
      state = S::kUnquoted;
    }
    for (const auto& cell : cells_) {
      if (!core::is_valid_utf8(cell)) {
        row_error_ = true;
        error_rule_ = "encoding.utf8";
        error_message_ = "the row is not valid UTF-8";
        break;
      }
    }
    return true;
  }

  std::unique_ptr<ByteSource> source_;
  StreamBuffer buffer_;
  bool header_read_{false};
  std::vector<std::string> header_;
  std::vector<std::string> cells_;
  std::string json_;
  std::uint64_t line_{1};
  std::uint64_t row_line_{1};
  bool row_error_{false};
  std::string_view error_rule_;
  std::string error_message_;
};

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source) {
  return std::make_unique<CsvReader>(std::move(source));
}

}  // namespace nova::dataset
