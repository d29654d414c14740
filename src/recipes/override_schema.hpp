#pragma once
// The override schema of a recipe: parameter -> {type, required, default, enum, min, max}.
// Several keys may share one entry (a recipe leaf `lr` filled from `{{learning_rate}}` is
// an alias of `learning_rate`), so entries are shared and an update through one key is
// seen through every alias, as in the reference SDK.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nova/value.hpp"

namespace nova::recipes {

struct ParamSpec {
  std::string type;  // "string", "integer", "float", "boolean", "list"; empty = unchecked
  bool required{false};
  Value default_value;
  std::optional<std::vector<Value>> allowed;  // enum
  std::optional<double> min, max;
};

class OverrideSchema {
 public:
  // @throws ValueError naming `what` when the text is not a JSON object of parameter objects.
  static OverrideSchema from_json(const std::string& text, const std::string& what);

  bool contains(const std::string& key) const { return entries_.count(key) != 0; }
  ParamSpec* find(const std::string& key);
  const ParamSpec* find(const std::string& key) const;
  // The entry of `key`, created empty (and appended to the key order) if absent.
  ParamSpec& ensure(const std::string& key);
  // Replaces `key`'s entry with a new one of its own.
  ParamSpec& replace(const std::string& key, ParamSpec spec);
  // Makes `key` share `target`'s entry. Returns false when `target` does not exist.
  bool alias(const std::string& key, const std::string& target);

  const std::vector<std::string>& keys() const { return order_; }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::shared_ptr<ParamSpec>> entries_;
};

// The schema type of a literal template value ("integer" for 16, "list" for [0.9, 0.999]).
std::string schema_type_of(const Value& value);

}  // namespace nova::recipes
