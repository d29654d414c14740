#pragma once
// Reading the process environment the way every AWS SDK does: an empty variable counts as
// unset, boolean flags are "true"/"false" in any case.

#include <optional>
#include <string>

namespace nova::aws {

// The value of `name`, or nullopt when it is unset or empty.
std::optional<std::string> env_value(const std::string& name);

// Parses an AWS boolean setting ("true"/"false", any case, surrounding blanks ignored).
// Throws nova::ConfigError naming `what` (a variable or key name, never a value) otherwise.
bool parse_bool_setting(const std::string& value, const std::string& what);

// Parses a whole number in [min, max]. Throws nova::ConfigError "<what> must be a whole number
// from <min> to <max>" (or "of at least <min>" when max is INT_MAX) otherwise.
int parse_int_setting(const std::string& value, int min, int max, const std::string& what);

// Expands a leading "~" or "~/" with $HOME (AWS_CONFIG_FILE=~/x works as in the CLI).
std::string expand_home(const std::string& path);

}  // namespace nova::aws
