#pragma once
// A recipe value (nova::Value) as JSON, for the --json output of the training commands.

#include <nlohmann/json_fwd.hpp>

#include "nova/value.hpp"

namespace nova::cli {

nlohmann::ordered_json value_to_json(const Value& value);

}  // namespace nova::cli
