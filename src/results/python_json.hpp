#pragma once
// Serializes JSON exactly as Python's `json.dumps(obj)` does with its defaults (", " and
// ": " separators, ensure_ascii escapes in lower-case hex), so a dumped job result is
// byte-identical to the reference SDK's file.

#include <nlohmann/json.hpp>
#include <string>

namespace nova::results {

// `value` holds strings, null, booleans, integers and objects (key order kept).
std::string python_json_dumps(const nlohmann::ordered_json& value);

}  // namespace nova::results
