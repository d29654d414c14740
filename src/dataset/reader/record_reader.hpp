#pragma once
// Readers turn a byte stream into records, one at a time, each knowing where it starts.
// Every record is handed on as JSON text (CSV rows are rendered as JSON objects of
// strings), so everything downstream parses one representation with simdjson.
//
// A record that cannot be read (bad JSON, invalid UTF-8) is still delivered, with an
// error and a rule id, so validate() can report it and transform() can refuse it;
// the stream goes on with the next record where the format allows resynchronising.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dataset/reader/byte_source.hpp"
#include "nova/dataset.hpp"

namespace nova::dataset {

struct RawRecord {
  std::string_view text;  // JSON text; valid until the next call to next(). Followed by
                          // at least simdjson::SIMDJSON_PADDING readable bytes.
  std::uint64_t line{0};  // 1-based line where the record starts
  std::string_view rule;  // non-empty when the record is unreadable
  std::string error;      // what is wrong with it
  std::string path;       // the field it is wrong in (a CSV column), empty for the whole record
};

// What a reader holds in memory at most. A larger record is delivered with rule
// "record.too_large" (JSONL skips to the next line, CSV to the end of the row; a JSON
// document cannot resynchronise and ends there), so a 1 GB line costs 64 MiB, not 1 GB.
struct ReaderLimits {
  std::size_t max_record_bytes{std::size_t{64} << 20};
  std::size_t max_columns{10'000};  // CSV cells per row ("csv.too_many_columns")
};

// Rule ids and messages the readers share.
inline constexpr std::string_view kRuleTooLarge = "record.too_large";
inline constexpr std::string_view kRuleNul = "encoding.nul";
std::string too_large_message(std::uint64_t bytes, const ReaderLimits& limits);
// Marks `out` unreadable (kRuleNul) when its text holds a NUL byte: never JSON, and a
// clearer error than the parser's (usually a UTF-16 file).
void flag_nul(RawRecord& out);

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Fills `out` with the next record; false at the end of the data.
  // Throws DataPrepError for I/O errors.
  virtual bool next(RawRecord& out) = 0;
};

std::unique_ptr<RecordReader> make_record_reader(DatasetFormat format, std::unique_ptr<ByteSource> source,
                                                 const ReaderLimits& limits = {});

// Readers per format (exposed for tests and fuzzers).
std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits = {});
std::unique_ptr<RecordReader> make_json_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits = {});
std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source, const ReaderLimits& limits = {});

// A ByteSource over memory (tests, fuzzers, spooled splits).
std::unique_ptr<ByteSource> make_memory_source(std::string data, std::string name);

}  // namespace nova::dataset
