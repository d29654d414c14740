#include "aws/sagemaker/sagemaker_json.hpp"

#include <cmath>

#include "aws/core/credentials/credentials_util.hpp"
#include "nova/error.hpp"

namespace nova::aws::sagemaker_json {

nlohmann::json parse_body(const std::string& body, const std::string& operation) {
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw ServiceError("SageMaker " + operation + " returned a body that is not a JSON object", "SageMaker", operation,
                       "InvalidResponse", 200, "", false);
  }
  return doc;
}

std::string text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int integer(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::optional<TimePoint> timestamp(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number()) {
    const double seconds = it->get<double>();
    const auto micros = static_cast<std::int64_t>(std::llround(seconds * 1e6));
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
  }
  if (it->is_string()) return parse_iso8601(it->get<std::string>());
  return std::nullopt;
}

std::string nested_text(const nlohmann::json& object, const char* outer, const char* inner) {
  const auto it = object.find(outer);
  return it != object.end() && it->is_object() ? text(*it, inner) : std::string();
}

}  // namespace nova::aws::sagemaker_json
