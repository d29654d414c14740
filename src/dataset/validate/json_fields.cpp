#include "dataset/validate/json_fields.hpp"

#include <fmt/format.h>

namespace nova::dataset {

namespace {

// What pydantic says, and how to fix it, for a value of the wrong JSON type.
struct TypeWords {
  std::string_view message;   // "Input should be a valid string"
  std::string_view json_type; // "a JSON string"
};

constexpr TypeWords kString{"Input should be a valid string", "a JSON string (numbers and booleans are not converted)"};
constexpr TypeWords kObject{"Input should be a valid dictionary", "a JSON object {...}"};
constexpr TypeWords kArray{"Input should be a valid list", "a JSON array [...]"};

void report_wrong_type(const FieldPath& path, const TypeWords& words, IssueReporter& issues) {
  issues.add(path, "field.type", words.message, [&] {
    const auto name = path.last_key();
    return name.empty() ? fmt::format("make this value {}", words.json_type)
                        : fmt::format("make \"{}\" {}", name, words.json_type);
  });
}

// Shared presence handling: false when there is no value to check further.
bool has_value(const Field& field, Presence presence, const FieldPath& path, const TypeWords& words,
               IssueReporter& issues) {
  if (!field.present) {
    if (presence == Presence::kRequired) {
      issues.add(path, "field.required", "Field required",
                 [&] { return fmt::format("add \"{}\" ({})", path.last_key(), words.json_type); });
    }
    return false;
  }
  if (field.value.is_null()) {
    if (presence == Presence::kRequired) report_wrong_type(path, words, issues);
    return false;
  }
  return true;
}

template <class T>
bool read_as(const Field& field, Presence presence, const FieldPath& path, const TypeWords& words,
             IssueReporter& issues, T& out) {
  if (!has_value(field, presence, path, words, issues)) return false;
  if (field.value.get(out) != simdjson::SUCCESS) {
    report_wrong_type(path, words, issues);
    return false;
  }
  return true;
}

}  // namespace

bool read_string(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                 std::string_view& out) {
  return read_as(field, presence, path, kString, issues, out);
}

bool read_object(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                 simdjson::dom::object& out) {
  return read_as(field, presence, path, kObject, issues, out);
}

bool read_array(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                simdjson::dom::array& out) {
  return read_as(field, presence, path, kArray, issues, out);
}

void report_not_an_object(const FieldPath& path, IssueReporter& issues) { report_wrong_type(path, kObject, issues); }

}  // namespace nova::dataset
