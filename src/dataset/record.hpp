#pragma once
// Where a record is: what every diagnostic needs to point a user at it.

#include <cstdint>
#include <string>

namespace nova::dataset {

struct RecordRef {
  const std::string* file{nullptr};  // never null while a pass runs
  std::uint64_t index{0};            // 0-based record index
  std::uint64_t line{0};             // 1-based line where the record starts
};

}  // namespace nova::dataset
