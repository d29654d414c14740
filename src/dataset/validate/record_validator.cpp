#include "dataset/validate/record_validator.hpp"

#include <array>

#include "dataset/validate/json_fields.hpp"

namespace nova::dataset {

namespace {

// The reference looks at the keys of the first record only.
bool looks_generic(simdjson::dom::object record) noexcept {
  static constexpr std::array<std::string_view, 3> kNames{"messages", "question", "answer"};
  const auto fields = pick_fields(record, kNames);
  return !fields[0].present && (fields[1].present || fields[2].present);
}

}  // namespace

RecordValidator::RecordValidator(Setup setup)
    : consistency_(setup.optional_fields), generic_format_check_(setup.generic_format_check) {}

void RecordValidator::check(simdjson::dom::element record, const RecordRef& ref, IssueSink& sink) {
  // The reference aborts on a generic first record; checking the rest would only repeat that
  // every record lacks the transformed fields.
  if (generic_format_found_) return;
  IssueReporter issues(ref, sink);
  const FieldPath root;
  const bool first = first_record_;
  first_record_ = false;

  simdjson::dom::object object;
  if (record.get(object) != simdjson::SUCCESS) {
    // The reference crashes (AttributeError) on a non-object first record and rejects later ones.
    issues.add(root, "record.type", "Input should be a valid dictionary: each record must be a JSON object",
               "write each record as one JSON object {...}");
    return;
  }
  if (first && generic_format_check_ && looks_generic(object)) {
    generic_format_found_ = true;
    issues.add(root, "format.generic",
               "Dataset appears to be in a generic format (CSV, plain JSON, etc). Please use the "
               "loader.transform() method to transform your data to Converse format first.",
               "run `nova data transform` / loader.transform() first");
    return;
  }
  const FieldPresence present = check_fields(object, issues);
  if (!issues.any()) consistency_.observe(present, issues);
}

}  // namespace nova::dataset
