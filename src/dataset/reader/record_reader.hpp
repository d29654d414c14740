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
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Fills `out` with the next record; false at the end of the data.
  // Throws DataPrepError for I/O errors.
  virtual bool next(RawRecord& out) = 0;
};

std::unique_ptr<RecordReader> make_record_reader(DatasetFormat format, std::unique_ptr<ByteSource> source);

// Readers per format (exposed for tests and fuzzers).
std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<ByteSource> source);
std::unique_ptr<RecordReader> make_json_reader(std::unique_ptr<ByteSource> source);
std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<ByteSource> source);

// A ByteSource over memory (tests, fuzzers, spooled splits).
std::unique_ptr<ByteSource> make_memory_source(std::string data, std::string name);

}  // namespace nova::dataset
