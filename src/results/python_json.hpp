#pragma once
// Serializes JSON exactly as Python's `json.dumps(obj)` does with its defaults (", " and
// ": " separators, ensure_ascii escapes in lower-case hex), so a dumped job result is
// byte-identical to the reference SDK's file.

#include <nlohmann/json.hpp>
#include <string>

namespace nova::results {

// Any JSON value (object key order kept). `ensure_ascii` false writes non-ASCII text as is
// (Python's `ensure_ascii=False`).
std::string python_json_dumps(const nlohmann::ordered_json& value, bool ensure_ascii = true);

}  // namespace nova::results
