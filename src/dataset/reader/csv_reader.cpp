// CSV per RFC 4180 with Python csv's default dialect (comma, '"' quoting, '""' escape,
// lenient about text after a closing quote). Quoted cells keep their line breaks — the
// reference SDK loses them, which corrupts multi-line answers. Each row is rendered as a
// JSON object of strings keyed by the header (Python DictReader semantics: a short row
// gives null for the missing columns, extra cells go to a list under the key "null").

#include <fmt/format.h>

#include <string>
#include <unordered_map>
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
  CsvReader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits)
      : source_(std::move(source)), buffer_(*source_), limits_(limits) {}

  bool next(RawRecord& out) override {
    out.rule = {};
    out.error.clear();
    out.path.clear();
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
    out.path = error_path_;
    return true;
  }

  void render(RawRecord& out) {
    json_.clear();
    // Python dict semantics for duplicate header names: first position, last value. A map
    // of names keeps this linear: a quadratic scan took hours on 10^4 columns.
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (header index, cell index or npos)
    order.reserve(header_.size());
    first_position_.clear();
    for (std::size_t h = 0; h < header_.size(); ++h) {
      const std::size_t cell = h < cells_.size() ? h : std::string::npos;
      const auto [it, inserted] = first_position_.try_emplace(header_[h], order.size());
      if (inserted)
        order.emplace_back(h, cell);
      else
        order[it->second].second = cell;
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
    // Past a limit the row is still read to its end (so the next row starts in the right
    // place) but no longer kept.
    std::uint64_t row_bytes = 0;
    bool too_large = false;
    bool too_many_columns = false;
    std::size_t nul_column = std::string::npos;
    auto keep = [&](char ch) {
      if (ch == '\0' && nul_column == std::string::npos) nul_column = cells_.size();
      if (++row_bytes > limits_.max_record_bytes) too_large = true;
      else field.push_back(ch);
    };
    auto end_field = [&] {
      if (cells_.size() < limits_.max_columns) cells_.push_back(std::move(field));
      else too_many_columns = true;
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
          keep(ch);
        }
        continue;
      }
      if (state == S::kQuoteInQuoted && ch == '"') {
        keep('"');
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
      keep(ch);
      state = S::kUnquoted;
    }
    if (too_large) return row_failed(kRuleTooLarge, too_large_message(row_bytes, limits_), "");
    if (too_many_columns)
      return row_failed("csv.too_many_columns",
                        fmt::format("the row has more than {} columns, the most a row may have", limits_.max_columns), "");
    if (nul_column != std::string::npos)
      return row_failed(kRuleNul, "the cell holds a NUL byte: the file is not UTF-8 text (UTF-16 or binary?)",
                        column_name(nul_column));
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (!core::is_valid_utf8(cells_[i])) return row_failed("encoding.utf8", "the cell is not valid UTF-8", column_name(i));
    }
    return true;
  }

  bool row_failed(std::string_view rule, std::string message, std::string path) {
    row_error_ = true;
    error_rule_ = rule;
    error_message_ = std::move(message);
    error_path_ = std::move(path);
    return true;
  }

  // The field path of a cell: its header name (the header row itself: "header cell N").
  std::string column_name(std::size_t i) const {
    if (!header_read_ || header_.empty()) return fmt::format("header cell {}", i + 1);
    if (i < header_.size() && core::is_valid_utf8(header_[i]) && header_[i].find('\0') == std::string::npos)
      return header_[i];
    return fmt::format("column {}", i + 1);
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
  std::string error_path_;
  ReaderLimits limits_;
  std::unordered_map<std::string_view, std::size_t> first_position_;
};

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits) {
  return std::make_unique<CsvReader>(std::move(source), limits);
}

}  // namespace nova::dataset
