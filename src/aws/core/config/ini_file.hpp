#pragma once
// The INI dialect of ~/.aws/config and ~/.aws/credentials, as botocore's configparser reads it:
//   - `[section name]` headers; section names are kept verbatim (case and inner spaces);
//   - `key = value` lines; keys are lower-cased, values trimmed; a later duplicate wins;
//   - whole-line comments starting with `#` or `;` (no inline comments: a `#` inside a value,
//     e.g. in a credential_process command, is part of the value);
//   - indented lines after `key =` with an empty value form a sub-section
//     (`s3 =` / `  endpoint_url = ...`); indented lines after a non-empty value continue it.
// Errors never quote the offending line: a credentials file line may hold a secret.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nova::aws {

struct IniSection {
  std::map<std::string, std::string> values;
  std::map<std::string, std::map<std::string, std::string>> subsections;
};

struct IniFile {
  // In file order of first appearance; a repeated header merges into the first one.
  std::vector<std::pair<std::string, IniSection>> sections;
  const IniSection* find(std::string_view name) const;
};

// Parses `text`; `file_name` only labels errors. Throws nova::ConfigError("<file>:<line>: ...").
IniFile parse_ini(std::string_view text, const std::string& file_name);

// Reads and parses a file. A missing file is an empty IniFile; an unreadable one throws ConfigError.
IniFile load_ini_file(const std::string& path);

}  // namespace nova::aws
