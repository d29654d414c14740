#include "nova/value.hpp"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "nova/error.hpp"

namespace nova {
namespace {

// A YAML float as Python's float() reads it: beyond the double range is ±inf, below it is the
// nearest denormal or ±0.0 (std::stod throws there). The C locale keeps '.' the decimal point
// whatever locale the host process (a Python interpreter) has set.
double yaml_float(const std::string& text) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return strtod_l(text.c_str(), nullptr, c_locale);
}

std::string kind_error(const Value& v, std::string_view wanted) {
  return "expected a " + std::string(wanted) + " value, got " + std::string(v.kind_name()) + " " + v.to_yaml();
}

// Python's repr of a float (shortest round-trip digits, exponent form below 1e-4 and from
// 1e16 on) with PyYAML's ".0" before an exponent, so files read the same under YAML 1.1
// (PyYAML, OmegaConf) and 1.2.
std::string format_float(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string sci(buf, end);  // e.g. "-1.2345e-05"
  const auto e = sci.find('e');
  const bool negative = sci[0] == '-';
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::stoi(sci.substr(e + 1));
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      if (digits.size() < static_cast<std::size_t>(exponent) + 1) digits.append(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
      std::string frac = digits.substr(static_cast<std::size_t>(exponent) + 1);
      out += digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." + (frac.empty() ? "0" : frac);
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    return out;
  }
  out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
  return out + exp_buf;
}

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (parse_yaml_value(s).kind() != Value::Kind::String) return true;
  static const std::regex unsafe(R"(^[\s\-?:,\[\]{}#&*!|>'"%@`]|: | #|\s$|:$)");
  return std::regex_search(s, unsafe);
}

std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Splits a flow list body on commas outside quotes and brackets.
std::vector<std::string> split_flow(std::string_view body) {
  std::vector<std::string> parts;
  int depth = 0;
  char quote = 0;
  std::string cur;
  for (char c : body) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!trim(cur).empty() || !parts.empty()) parts.push_back(cur);
  return parts;
}

}  // namespace

bool Value::as_bool() const {
  if (kind() != Kind::Bool) throw ValueError(kind_error(*this, "boolean"));
  return std::get<bool>(v_);
}
std::int64_t Value::as_int() const {
  if (kind() != Kind::Int) throw ValueError(kind_error(*this, "integer"));
  return std::get<std::int64_t>(v_);
}
double Value::as_double() const {
  if (kind() == Kind::Int) return static_cast<double>(std::get<std::int64_t>(v_));
  if (kind() != Kind::Float) throw ValueError(kind_error(*this, "float"));
  return std::get<double>(v_);
}
const std::string& Value::as_string() const {
  if (kind() != Kind::String) throw ValueError(kind_error(*this, "string"));
  return std::get<std::string>(v_);
}
const std::vector<Value>& Value::as_list() const {
  if (kind() != Kind::List) throw ValueError(kind_error(*this, "list"));
  return std::get<std::vector<Value>>(v_);
}

std::string_view Value::kind_name() const {
  static constexpr std::string_view names[] = {"null", "bool", "int", "float", "string", "list"};
  return names[v_.index()];
}

std::string Value::to_yaml() const {
  switch (kind()) {
    case Kind::Null: return "null";
    case Kind::Bool: return std::get<bool>(v_) ? "true" : "false";
    case Kind::Int: return std::to_string(std::get<std::int64_t>(v_));
    case Kind::Float: return format_float(std::get<double>(v_));
    case Kind::String: {
      const auto& s = std::get<std::string>(v_);
      return needs_quotes(s) ? single_quoted(s) : s;
    }
    case Kind::List: {
      std::string out = "[";
      for (const auto& item : std::get<std::vector<Value>>(v_)) out += (out.size() > 1 ? ", " : "") + item.to_yaml();
      return out + "]";
    }
  }
  return "null";
}

Value parse_yaml_value(std::string_view raw) {
  const std::string text = trim(raw);
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
    std::string body = text.substr(1, text.size() - 2);
    if (text.front() == '\'') {
      std::string out;
      for (std::size_t i = 0; i < body.size(); ++i) {
        out += body[i];
        if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') ++i;
      }
      return Value(out);
    }
    return Value(body);
  }
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    std::vector<Value> items;
    for (const auto& part : split_flow(std::string_view(text).substr(1, text.size() - 2)))
      items.push_back(parse_yaml_value(part));
    return Value(items);
  }
  static const std::regex null_re("^(|~|null|Null|NULL)$");
  static const std::regex true_re("^(true|True|TRUE)$");
  static const std::regex false_re("^(false|False|FALSE)$");
  static const std::regex int_re("^[-+]?[0-9]+$");
  static const std::regex float_re(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  static const std::regex inf_re(R"(^([-+]?)\.(inf|Inf|INF)$)");
  static const std::regex nan_re(R"(^\.(nan|NaN|NAN)$)");
  if (std::regex_match(text, null_re)) return Value();
  if (std::regex_match(text, true_re)) return Value(true);
  if (std::regex_match(text, false_re)) return Value(false);
  if (std::regex_match(text, int_re)) {
    std::int64_t v = 0;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), v);
    if (ec == std::errc() && ptr == text.data() + text.size()) return Value(v);
  }
  if (std::regex_match(text, float_re)) return Value(yaml_float(text));
  std::smatch m;
  if (std::regex_match(text, m, inf_re)) return Value(m[1] == "-" ? -INFINITY : INFINITY);
  if (std::regex_match(text, nan_re)) return Value(NAN);
  return Value(text);
}

std::pair<std::string, Value> parse_override(std::string_view key_equals_value) {
  const auto eq = key_equals_value.find('=');
  if (eq == std::string_view::npos)
    throw ValueError("override '" + std::string(key_equals_value) + "' has no '='; write it as key=value, e.g. lr=1e-5");
  std::string key = trim(key_equals_value.substr(0, eq));
  if (key.empty())
    throw ValueError("override '" + std::string(key_equals_value) + "' has an empty key; write it as key=value, e.g. lr=1e-5");
  return {key, parse_yaml_value(key_equals_value.substr(eq + 1))};
}

}  // namespace nova
