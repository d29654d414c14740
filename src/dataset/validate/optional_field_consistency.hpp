#pragma once
// The reference's dataset-wide rule for optional fields: if one record uses a field (say
// `system`, or an image anywhere in its messages), every record must. Only records that passed
// their field checks take part; the first of them fixes which fields are present.
//
// The reference stops at the first record that differs; this reports every such record, which
// fails the same datasets.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/validate/issue_reporter.hpp"

namespace nova::dataset {

// Bit i set = optional field i of the validator's list is present in the record.
using FieldPresence = std::uint32_t;

class OptionalFieldConsistency {
 public:
  // `fields` are dotted names as the reference lists them ("messages.content.image"); the
  // storage must outlive this object.
  explicit OptionalFieldConsistency(std::span<const std::string_view> fields);

  void observe(FieldPresence present, IssueReporter& issues);

 private:
  std::span<const std::string_view> fields_;
  std::vector<std::string> rules_;  // "consistency.<field>"
  bool has_baseline_{false};
  FieldPresence baseline_{0};
  std::uint64_t baseline_record_{0};
};

}  // namespace nova::dataset
