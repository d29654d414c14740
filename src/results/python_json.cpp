#include "results/python_json.hpp"

#include <fmt/format.h>

namespace nova::results {
namespace {

void append_u_escape(std::string& out, unsigned code) { out += fmt::format("\\u{:04x}", code); }

// Decodes one UTF-8 sequence at `i`; a malformed byte is taken as the code point of that byte.
char32_t next_code_point(const std::string& s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + static_cast<std::size_t>(extra) >= s.size()) return lead;
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const unsigned char c = byte(i + static_cast<std::size_t>(k));
    if ((c & 0xC0) != 0x80) return lead;
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(extra);
  return cp;
}

void append_string(std::string& out, const std::string& s, bool ensure_ascii) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 0x20 && u < 0x7F) || (!ensure_ascii && u >= 0x7F)) {
      out += c;
      continue;
    }
    const char32_t cp = next_code_point(s, i);
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      append_u_escape(out, 0xD800 + static_cast<unsigned>(v >> 10));
      append_u_escape(out, 0xDC00 + static_cast<unsigned>(v & 0x3FF));
    } else {
      append_u_escape(out, static_cast<unsigned>(cp));
    }
  }
  out += '"';
}

void append_value(std::string& out, const nlohmann::ordered_json& v, bool ensure_ascii) {
  if (v.is_string()) {
    append_string(out, v.get_ref<const std::string&>(), ensure_ascii);
  } else if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : v.items()) {
      if (!first) out += ", ";
      first = false;
      append_string(out, key, ensure_ascii);
      out += ": ";
      append_value(out, item, ensure_ascii);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& item : v) {
      if (!first) out += ", ";
      first = false;
      append_value(out, item, ensure_ascii);
    }
    out += ']';
  } else if (v.is_null()) {
    out += "null";
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    out += v.dump();  // floats: shortest round-trip text, as Python's repr (1e-05, 0.5, 1.0)
  } else {
    throw std::logic_error("python_json_dumps: unsupported JSON value " + v.dump());
  }
}

}  // namespace

std::string python_json_dumps(const nlohmann::ordered_json& value, bool ensure_ascii) {
  std::string out;
  append_value(out, value, ensure_ascii);
  return out;
}

}  // namespace nova::results
