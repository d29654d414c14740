#include "recipes/override_schema.hpp"

#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::recipes {
namespace {

Value from_json_value(const nlohmann::ordered_json& j) {
  if (j.is_null()) return Value();
  if (j.is_boolean()) return Value(j.get<bool>());
  if (j.is_number_integer()) return Value(j.get<std::int64_t>());
  if (j.is_number()) return Value(j.get<double>());
  if (j.is_string()) return Value(j.get<std::string>());
  if (j.is_array()) {
    std::vector<Value> items;
    for (const auto& item : j) items.push_back(from_json_value(item));
    return Value(items);
  }
  return Value(j.dump());
}

}  // namespace

OverrideSchema OverrideSchema::from_json(const std::string& text, const std::string& what) {
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::exception& e) {
    throw ValueError("override parameters " + what + " are not JSON: " + e.what());
  }
  if (!doc.is_object()) throw ValueError("override parameters " + what + " must be a JSON object of parameters");
  OverrideSchema schema;
  for (const auto& [key, entry] : doc.items()) {
    if (!entry.is_object()) throw ValueError("override parameter '" + key + "' in " + what + " must be an object");
    ParamSpec spec;
    if (entry.contains("type")) {
      if (!entry.at("type").is_string())
        throw ValueError("override parameter '" + key + "' in " + what + ": 'type' must be a string, not a " + std::string(entry.at("type").type_name()));
      spec.type = entry.at("type").get<std::string>();
    }
    if (entry.contains("required")) {
      if (!entry.at("required").is_boolean())
        throw ValueError("override parameter '" + key + "' in " + what + ": 'required' must be true or false, not a " + std::string(entry.at("required").type_name()));
      spec.required = entry.at("required").get<bool>();
    }
    if (entry.contains("default")) spec.default_value = from_json_value(entry.at("default"));
    if (entry.contains("enum") && entry.at("enum").is_array()) {
      std::vector<Value> allowed;
      for (const auto& v : entry.at("enum")) allowed.push_back(from_json_value(v));
      spec.allowed = std::move(allowed);
    }
    if (entry.contains("min") && entry.at("min").is_number()) spec.min = entry.at("min").get<double>();
    if (entry.contains("max") && entry.at("max").is_number()) spec.max = entry.at("max").get<double>();
    schema.replace(key, std::move(spec));
  }
  return schema;
}

ParamSpec* OverrideSchema::find(const std::string& key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.get();
}
const ParamSpec* OverrideSchema::find(const std::string& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.get();
}

ParamSpec& OverrideSchema::ensure(const std::string& key) {
  if (auto* spec = find(key)) return *spec;
  return replace(key, ParamSpec{});
}

ParamSpec& OverrideSchema::replace(const std::string& key, ParamSpec spec) {
  if (!contains(key)) order_.push_back(key);
  auto& slot = entries_[key];
  slot = std::make_shared<ParamSpec>(std::move(spec));
  return *slot;
}

bool OverrideSchema::alias(const std::string& key, const std::string& target) {
  auto it = entries_.find(target);
  if (it == entries_.end()) return false;
  if (!contains(key)) order_.push_back(key);
  entries_[key] = it->second;
  return true;
}

std::string schema_type_of(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Bool: return "boolean";
    case Value::Kind::Int: return "integer";
    case Value::Kind::Float: return "float";
    case Value::Kind::String: return "string";
    case Value::Kind::List: return "list";
    case Value::Kind::Null: return "";
  }
  return "";
}

}  // namespace nova::recipes
