#pragma once
// Shared body of the reader fuzzers: read every record, parse it, never crash.
#include <simdjson.h>
#include <string>

#include "dataset/reader/record_reader.hpp"

inline void fuzz_reader(nova::DatasetFormat format, const std::uint8_t* data, std::size_t size) {
  auto reader = nova::dataset::make_record_reader(
      format, nova::dataset::make_memory_source(std::string(reinterpret_cast<const char*>(data), size), "fuzz"));
  simdjson::dom::parser parser;
  nova::dataset::RawRecord raw;
  std::uint64_t last_line = 0;
  while (reader->next(raw)) {
    if (raw.line < last_line) __builtin_trap();  // lines only move forward
    last_line = raw.line;
    if (raw.rule.empty()) (void)parser.parse(raw.text.data(), raw.text.size(), false);
  }
}
