#pragma once
// What every validator does around its own field rules (reference §5.1): a record must be a
// JSON object; the first record is checked for a generic, not-yet-transformed layout; records
// that pass their field rules take part in the optional-field consistency rule.

#include <span>
#include <string_view>

#include "dataset/validate/issue_reporter.hpp"
#include "dataset/validate/optional_field_consistency.hpp"
#include "dataset/validate/validator.hpp"

namespace nova::dataset {

class RecordValidator : public Validator {
 public:
  void check(simdjson::dom::element record, const RecordRef& ref, IssueSink& sink) final;

 protected:
  struct Setup {
    std::span<const std::string_view> optional_fields;  // static storage
    bool generic_format_check;
  };
  explicit RecordValidator(Setup setup);

  // Checks the fields of one record; returns which optional fields it holds.
  virtual FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) = 0;

 private:
  OptionalFieldConsistency consistency_;
  bool generic_format_check_;
  bool first_record_{true};
  bool generic_format_found_{false};
};

}  // namespace nova::dataset
