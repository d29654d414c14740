#pragma once
// The one loop every dataset operation runs: read records one at a time from a loader's
// source, parse each with a reused simdjson parser, apply the loader's transform, and
// hand the result on. Memory stays at one record (plus the reader's window).

#include <functional>
#include <simdjson.h>
#include <string>
#include <string_view>

#include "dataset/loader_state.hpp"
#include "dataset/record.hpp"

namespace nova::dataset {

struct RecordView {
  RecordRef ref;
  std::string_view rule;           // non-empty: the record is unreadable
  std::string message;             // why it is unreadable
  std::string_view path;           // the field it is unreadable in (a CSV column), empty: the whole record
  simdjson::dom::element element;  // the record (when readable and an element was asked for)
  std::string_view canonical;      // the record as canonical JSON text, when already rendered
};

enum class Need {
  kElement,  // parsed record needed (validate, show, plan)
  kText,     // canonical text is enough when available (save, spool)
};

// Calls `fn` for each record in order until it returns false.
void for_each_record(const nova::dataset_detail::LoaderState& state, Need need,
                     const std::function<bool(RecordView&)>& fn);

// A DataPrepError for an unreadable record ("file:line: message [rule]").
[[noreturn]] void throw_unreadable(const RecordView& record);

}  // namespace nova::dataset
