#pragma once
// Reading the fields of a parsed record with the reference's (pydantic "lax") typing: strings
// must be JSON strings, lists arrays, dicts objects; nothing is converted. A wrong or missing
// value becomes an issue (`field.type`, `field.required`) and the caller skips the rules that
// need it.

#include <array>
#include <cstddef>
#include <simdjson.h>
#include <string_view>

#include "dataset/validate/field_path.hpp"
#include "dataset/validate/issue_reporter.hpp"

namespace nova::dataset {

struct Field {
  simdjson::dom::element value;
  bool present{false};

  // Present and not null: what pydantic calls "not None".
  bool given() const noexcept { return present && !value.is_null(); }
};

// Keys are short: a byte loop beats a call to memcmp, and most keys differ in length anyway.
inline bool same_key(std::string_view key, std::string_view name) noexcept {
  if (key.size() != name.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != name[i]) return false;
  }
  return true;
}

// Looks up `names` in one pass over `object`. A repeated key keeps its last value, as Python's
// json module does (simdjson's own lookup would return the first).
template <std::size_t N>
std::array<Field, N> pick_fields(simdjson::dom::object object, const std::array<std::string_view, N>& names) noexcept {
  std::array<Field, N> fields{};
  for (const auto member : object) {
    for (std::size_t i = 0; i < N; ++i) {
      if (same_key(member.key, names[i])) {
        fields[i] = Field{member.value, true};
        break;
      }
    }
  }
  return fields;
}

enum class Presence {
  kRequired,  // missing -> field.required; null -> field.type
  kOptional,  // missing or null -> no value, no issue
};

enum class JsonType { kString, kObject, kArray };

// Reports why `field` holds no value of `type` (nothing when it is optional and missing or null).
[[gnu::cold]] void report_unreadable(const Field& field, Presence presence, JsonType type, const FieldPath& path,
                                     IssueReporter& issues);

// Each returns true and sets `out` when the field holds a value of the type.
inline bool read_string(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                        std::string_view& out) {
  if (field.present && field.value.get(out) == simdjson::SUCCESS) return true;
  report_unreadable(field, presence, JsonType::kString, path, issues);
  return false;
}
inline bool read_object(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                        simdjson::dom::object& out) {
  if (field.present && field.value.get(out) == simdjson::SUCCESS) return true;
  report_unreadable(field, presence, JsonType::kObject, path, issues);
  return false;
}
inline bool read_array(const Field& field, Presence presence, const FieldPath& path, IssueReporter& issues,
                       simdjson::dom::array& out) {
  if (field.present && field.value.get(out) == simdjson::SUCCESS) return true;
  report_unreadable(field, presence, JsonType::kArray, path, issues);
  return false;
}

// What to report for a string that Python's `str.strip()` leaves empty.
struct BlankRule {
  std::string_view rule;
  std::string_view message;
  std::string_view hint;
};

// read_string, then a blank value is reported as `blank`. True, with `out` set, for a
// non-blank string.
bool read_non_blank(const Field& field, Presence presence, const FieldPath& path, const BlankRule& blank,
                    IssueReporter& issues, std::string_view& out);

// The issue for a value that should have been a dict (list items, the record itself).
void report_not_an_object(const FieldPath& path, IssueReporter& issues);

struct IgnoreNonObject {
  void operator()(std::size_t) const noexcept {}
};

// Calls `check(object, item_path, index)` for each item of `items` that is a JSON object; every
// other item gets a field.type issue and `on_other(index)`. Returns the number of items.
template <class Check, class OnOther = IgnoreNonObject>
std::size_t for_each_object(simdjson::dom::array items, const FieldPath& path, IssueReporter& issues, Check&& check,
                            OnOther&& on_other = {}) {
  std::size_t index = 0;
  for (const simdjson::dom::element element : items) {
    const FieldPath item_path = path.index(index);
    simdjson::dom::object object;
    if (element.get(object) == simdjson::SUCCESS) {
      check(object, item_path, index);
    } else {
      report_not_an_object(item_path, issues);
      on_other(index);
    }
    ++index;
  }
  return index;
}

}  // namespace nova::dataset
