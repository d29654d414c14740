#include "dataset/validate/named_items.hpp"

namespace nova::dataset {

void check_tool_name_and_description(simdjson::dom::object tool, const FieldPath& path, std::size_t item,
                                     const ToolTextRules& rules, NamedItems& names, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 2> kNames{"name", "description"};
  const auto fields = pick_fields(tool, kNames);
  const FieldPath name_path = path.key("name");
  std::string_view name;
  if (read_non_blank(fields[0], Presence::kRequired, name_path, rules.name, issues, name)) names.add(name, item);
  const FieldPath description_path = path.key("description");
  std::string_view description;
  read_non_blank(fields[1], Presence::kRequired, description_path, rules.description, issues, description);
}

}  // namespace nova::dataset
