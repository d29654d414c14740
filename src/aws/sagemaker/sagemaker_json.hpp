#pragma once
// Reading SageMaker json 1.1 response bodies (private to the SageMaker client).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "aws/core/protocol/protocol.hpp"
#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::aws::sagemaker_json {

// The body as a JSON object; anything else throws ServiceError "InvalidResponse".
nlohmann::json parse_body(const std::string& body, const std::string& operation);

// The member's string value, or "" when absent or not a string.
std::string text(const nlohmann::json& object, const char* key);
int integer(const nlohmann::json& object, const char* key);
// A timestamp member: epoch seconds (the json protocol's form) or ISO-8601 text.
std::optional<TimePoint> timestamp(const nlohmann::json& object, const char* key);
// object[outer][inner] as text.
std::string nested_text(const nlohmann::json& object, const char* outer, const char* inner);

}  // namespace nova::aws::sagemaker_json
