#pragma once
// Repeatable key=value flags (--override, --data-mix) as recipe values.

#include <map>
#include <string>
#include <vector>

#include "nova/value.hpp"

namespace nova::cli {

// Each entry through nova::parse_override; a later key wins. A malformed entry is a usage
// error: throws CLI::ValidationError naming `flag`.
std::map<std::string, Value> parse_assignments(const std::vector<std::string>& entries, const std::string& flag);

}  // namespace nova::cli
