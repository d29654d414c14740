#include "value_json.hpp"

#include <nlohmann/json.hpp>

namespace nova::cli {

nlohmann::ordered_json value_to_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null:
      return nullptr;
    case Value::Kind::Bool:
      return value.as_bool();
    case Value::Kind::Int:
      return value.as_int();
    case Value::Kind::Float:
      return value.as_double();
    case Value::Kind::String:
      return value.as_string();
    case Value::Kind::List: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& item : value.as_list()) out.push_back(value_to_json(item));
      return out;
    }
  }
  return nullptr;
}

}  // namespace nova::cli
