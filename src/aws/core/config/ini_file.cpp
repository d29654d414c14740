#include "aws/core/config/ini_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "nova/error.hpp"

namespace nova::aws {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

[[noreturn]] void fail(const std::string& file, std::size_t line, const std::string& what) {
  throw ConfigError(file + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

const IniSection* IniFile::find(std::string_view name) const {
  for (const auto& [n, s] : sections) {
    if (n == name) return &s;
  }
  return nullptr;
}

IniFile parse_ini(std::string_view text, const std::string& file_name) {
  IniFile out;
  IniSection* section = nullptr;
  std::string last_key;            // key the previous key line set (continuations attach here)
  bool last_key_is_parent = false;  // its value was empty: indented lines form a sub-section
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const bool indented = raw.front() == ' ' || raw.front() == '\t';

    if (indented && section != nullptr && !last_key.empty()) {
      if (last_key_is_parent) {
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) fail(file_name, line_no, "expected 'key = value' in the '" + last_key + "' sub-section");
        const auto key = core::ascii_lower(trim(line.substr(0, eq)));
        if (key.empty()) fail(file_name, line_no, "empty key");
        section->subsections[last_key][key] = std::string(trim(line.substr(eq + 1)));
      } else {
        auto& v = section->values[last_key];
        v += '\n';
        v += line;
      }
      continue;
    }

    if (line.front() == '[') {
      const auto close = line.find(']');
      if (close == std::string_view::npos) fail(file_name, line_no, "section header without ']'");
      const std::string name(trim(line.substr(1, close - 1)));
      if (name.empty()) fail(file_name, line_no, "empty section name");
      section = nullptr;
      for (auto& [n, s] : out.sections) {
        if (n == name) section = &s;
      }
      if (section == nullptr) section = &out.sections.emplace_back(name, IniSection{}).second;
      last_key.clear();
      continue;
    }

    if (section == nullptr) fail(file_name, line_no, "a setting before the first [section] header");
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) fail(file_name, line_no, "expected 'key = value'");
    last_key = core::ascii_lower(trim(line.substr(0, eq)));
    if (last_key.empty()) fail(file_name, line_no, "empty key");
    const std::string value(trim(line.substr(eq + 1)));
    last_key_is_parent = value.empty();
    section->values[last_key] = value;
    if (last_key_is_parent) section->subsections.erase(last_key);
  }
  return out;
}

IniFile load_ini_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_ini(ss.str(), path);
}

}  // namespace nova::aws
