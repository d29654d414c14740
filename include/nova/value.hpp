#pragma once
/// @file
/// A recipe value: what an override (`--override lr=1e-5`) or a recipe leaf holds.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace nova {

/// Null, bool, integer, float, string, or a list of values. Integer and float stay
/// distinct because recipe schemas tell them apart (`lr: 1` is not a float).
class Value {
 public:
  enum class Kind { Null, Bool, Int, Float, String, List };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool v) : v_(v) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(std::int64_t v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::vector<Value> v) : v_(std::move(v)) {}

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_number() const { return kind() == Kind::Int || kind() == Kind::Float; }

  /// @throws ValueError when the value has another kind.
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_double() const;  ///< integers convert
  const std::string& as_string() const;
  const std::vector<Value>& as_list() const;

  /// "null", "bool", "int", "float", "string", "list".
  std::string_view kind_name() const;
  /// The value as it reads in YAML flow style: `1.0e-05`, `16`, `true`, `null`, `'10'`, `[0.9, 0.999]`.
  std::string to_yaml() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<Value>> v_;
};

/// Reads a scalar with YAML 1.2 core-schema rules: `10` int, `1e-5` and `0.5` float,
/// `true`/`false` bool, `null`/`~`/empty null, `'text'` or `"text"` a string, `[a, b]` a list,
/// anything else a string.
Value parse_yaml_value(std::string_view text);

/// Splits `key=value` (the CLI's `--override`) and parses the value with parse_yaml_value.
/// @throws ValueError when there is no `=` or the key is empty.
std::pair<std::string, Value> parse_override(std::string_view key_equals_value);

}  // namespace nova
