#pragma once
// Collects record issues: counts all of them, keeps the first `capacity`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/record.hpp"
#include "nova/error.hpp"

namespace nova::dataset {

class IssueSink {
 public:
  explicit IssueSink(std::size_t capacity = 1000) : capacity_(capacity) {}

  void add(const RecordRef& ref, std::string path, std::string_view rule, std::string message,
           std::string hint);

  // False once `capacity` issues are kept: later issues are only counted, so callers can
  // skip rendering their path and message.
  bool keeps_details() const noexcept { return issues_.size() < capacity_; }
  std::uint64_t total() const noexcept { return total_; }
  std::uint64_t invalid_records() const noexcept { return invalid_records_; }
  std::vector<RecordIssue>& issues() noexcept { return issues_; }

 private:
  std::size_t capacity_;
  std::uint64_t total_{0};
  std::uint64_t invalid_records_{0};
  std::uint64_t last_record_{UINT64_MAX};
  std::vector<RecordIssue> issues_;
};

}  // namespace nova::dataset
