#include "aws/core/config/env.hpp"

#include <charconv>
#include <climits>
#include <cstdlib>

#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::aws {

std::optional<std::string> env_value(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

bool parse_bool_setting(const std::string& value, const std::string& what) {
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t");
  const std::string v = first == std::string::npos ? "" : core::ascii_lower(value.substr(first, last - first + 1));
  if (v == "true") return true;
  if (v == "false") return false;
  throw ConfigError(what + " must be true or false");
}

int parse_int_setting(const std::string& value, int min, int max, const std::string& what) {
  int n = 0;
  const auto* last = value.data() + value.size();
  const auto [end, ec] = std::from_chars(value.data(), last, n);
  if (ec != std::errc() || end != last || n < min || n > max) {
    throw ConfigError(what + " must be a whole number " +
                      (max == INT_MAX ? "of at least " + std::to_string(min)
                                      : "from " + std::to_string(min) + " to " + std::to_string(max)));
  }
  return n;
}

std::string expand_home(const std::string& path) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    if (auto home = env_value("HOME")) return *home + path.substr(1);
  }
  return path;
}

}  // namespace nova::aws
