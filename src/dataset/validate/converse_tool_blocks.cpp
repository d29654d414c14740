#include <array>

#include "dataset/validate/converse_blocks.hpp"
#include "dataset/validate/reserved_keywords.hpp"

namespace nova::dataset {

namespace {

constexpr std::string_view kGiveAValue = "give it a non-blank value";

void check_tool_result_item(simdjson::dom::object item, const FieldPath& path, ContentScope& scope) {
  static constexpr std::array<std::string_view, 2> kNames{"text", "json"};
  const auto fields = pick_fields(item, kNames);
  const bool has_text = fields[0].given();
  const bool has_json = fields[1].given();
  if (!has_text && !has_json) {
    scope.issues.add(path, "sft.tool_result.content_missing",
                     "Invalid toolResult content, either text or json must be provided",
                     "give the item a \"text\" string or a \"json\" object");
  } else if (has_text && has_json) {
    scope.issues.add(path, "sft.tool_result.content_both", "Invalid toolResult content, cannot have both text and json",
                     "split text and json into separate items");
  }
  const FieldPath text_path = path.key("text");
  std::string_view text;
  if (read_string(fields[0], Presence::kOptional, text_path, scope.issues, text)) {
    check_reserved_keywords(text, text_path, "sft.tool_result.keyword", "Invalid toolResult text", scope.issues);
  }
  const FieldPath json_path = path.key("json");
  simdjson::dom::object json;
  read_object(fields[1], Presence::kOptional, json_path, scope.issues, json);
}

}  // namespace

void check_tool_use_block(const Field& value, const FieldPath& path, std::size_t block, ContentScope& scope) {
  static constexpr std::array<std::string_view, 3> kNames{"toolUseId", "name", "input"};
  simdjson::dom::object tool_use;
  if (!read_object(value, Presence::kRequired, path, scope.issues, tool_use)) return;
  const auto fields = pick_fields(tool_use, kNames);
  const FieldPath id_path = path.key("toolUseId");
  const FieldPath name_path = path.key("name");
  const FieldPath input_path = path.key("input");
  std::string_view id, name;
  const bool id_ok = read_non_blank(fields[0], Presence::kRequired, id_path,
                                    {"sft.tool_use.id", "Invalid toolUse, toolUseId cannot be empty", kGiveAValue},
                                    scope.issues, id);
  const bool name_ok = read_non_blank(fields[1], Presence::kRequired, name_path,
                                      {"sft.tool_use.name", "Invalid toolUse, name cannot be empty", kGiveAValue},
                                      scope.issues, name);
  simdjson::dom::object input;
  read_object(fields[2], Presence::kRequired, input_path, scope.issues, input);
  if (scope.tool_calls != nullptr && id_ok && name_ok) {
    scope.tool_calls->push_back(ToolCall{id, name, scope.message_index, static_cast<std::uint32_t>(block), false});
  }
}

void check_tool_result_block(const Field& value, const FieldPath& path, std::size_t block, ContentScope& scope) {
  static constexpr std::array<std::string_view, 2> kNames{"toolUseId", "content"};
  simdjson::dom::object tool_result;
  if (!read_object(value, Presence::kRequired, path, scope.issues, tool_result)) return;
  const auto fields = pick_fields(tool_result, kNames);
  const FieldPath id_path = path.key("toolUseId");
  std::string_view id;
  const bool id_ok = read_non_blank(fields[0], Presence::kRequired, id_path,
                                    {"sft.tool_result.id", "Invalid toolResult, toolUseId cannot be empty", kGiveAValue},
                                    scope.issues, id);
  const FieldPath content_path = path.key("content");
  simdjson::dom::array content;
  if (read_array(fields[1], Presence::kRequired, content_path, scope.issues, content)) {
    if (content.size() == 0) {
      scope.issues.add(content_path, "sft.tool_result.empty", "Invalid toolResult, content list cannot be empty",
                       "give the toolResult at least one {\"text\": ...} or {\"json\": {...}} item");
    }
    for_each_object(content, content_path, scope.issues,
                    [&](simdjson::dom::object item, const FieldPath& item_path, std::size_t) {
                      check_tool_result_item(item, item_path, scope);
                    });
  }
  if (scope.tool_calls != nullptr && id_ok) {
    scope.tool_calls->push_back(ToolCall{id, {}, scope.message_index, static_cast<std::uint32_t>(block), true});
  }
}

}  // namespace nova::dataset
