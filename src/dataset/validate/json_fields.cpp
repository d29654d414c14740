#include "dataset/validate/json_fields.hpp"

#include <fmt/format.h>

#include "dataset/validate/python_text.hpp"

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

const TypeWords& words_for(JsonType type) {
  switch (type) {
    case JsonType::kString:
      return kString;
    case JsonType::kObject:
      return kObject;
    case JsonType::kArray:
      break;
  }
  return kArray;
}

}  // namespace

void report_unreadable(const Field& field, Presence presence, JsonType type, const FieldPath& path,
                       IssueReporter& issues) {
  const TypeWords& words = words_for(type);
  if (!field.present) {
    if (presence == Presence::kRequired) {
      issues.add(path, "field.required", "Field required",
                 [&] { return fmt::format("add \"{}\" ({})", path.last_key(), words.json_type); });
    }
    return;
  }
  if (field.value.is_null() && presence == Presence::kOptional) return;
  report_wrong_type(path, words, issues);
}

bool read_non_blank(const Field& field, Presence presence, const FieldPath& path, const BlankRule& blank,
                    IssueReporter& issues, std::string_view& out) {
  if (!read_string(field, presence, path, issues, out)) return false;
  if (!python_text::is_blank(out)) return true;
  issues.add(path, blank.rule, blank.message, blank.hint);
  return false;
}

void report_not_an_object(const FieldPath& path, IssueReporter& issues) { report_wrong_type(path, kObject, issues); }

}  // namespace nova::dataset
