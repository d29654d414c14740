#include "dataset/validate/converse_tools.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dataset/validate/named_items.hpp"

namespace nova::dataset {

namespace {

void check_input_schema(const Field& value, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 1> kJson{"json"};
  static constexpr std::array<std::string_view, 1> kType{"type"};
  simdjson::dom::object schema;
  if (!read_object(value, Presence::kRequired, path, issues, schema)) return;
  const FieldPath json_path = path.key("json");
  simdjson::dom::object json;
  if (!read_object(pick_fields(schema, kJson)[0], Presence::kRequired, json_path, issues, json)) return;
  if (!pick_fields(json, kType)[0].present) {
    issues.add(json_path, "sft.tool_spec.input_schema", "Invalid inputSchema, json must have a 'type' field",
               "make inputSchema.json a JSON Schema with a \"type\" (usually \"object\")");
  }
}

void check_tool(simdjson::dom::object tool, const FieldPath& tool_path, std::size_t index, IssueReporter& issues,
                ToolScratch& scratch) {
  static constexpr std::array<std::string_view, 1> kToolSpec{"toolSpec"};
  static constexpr std::array<std::string_view, 1> kInputSchema{"inputSchema"};
  const FieldPath spec_path = tool_path.key("toolSpec");
  simdjson::dom::object spec;
  if (!read_object(pick_fields(tool, kToolSpec)[0], Presence::kRequired, spec_path, issues, spec)) return;
  static constexpr ToolTextRules kRules{
      {"sft.tool_spec.name", "Invalid toolSpec, name cannot be empty", "give the tool a name"},
      {"sft.tool_spec.description", "Invalid toolSpec, description cannot be empty", "describe what the tool does"}};
  check_tool_name_and_description(spec, spec_path, index, kRules, scratch.tools, issues);
  const FieldPath schema_path = spec_path.key("inputSchema");
  check_input_schema(pick_fields(spec, kInputSchema)[0], schema_path, issues);
}

// Reports at `messages[m].content[b].<toolUse|toolResult>.<field>` of `call`.
template <class Message>
void add_at_call(const FieldPath& messages_path, const ToolCall& call, std::string_view field, std::string_view rule,
                 Message&& message, std::string_view hint, IssueReporter& issues) {
  const FieldPath message_path = messages_path.index(call.message);
  const FieldPath content_path = message_path.key("content");
  const FieldPath block_path = content_path.index(call.block);
  const FieldPath tool_path = block_path.key(call.is_result ? "toolResult" : "toolUse");
  const FieldPath field_path = tool_path.key(field);
  issues.add(field_path, rule, message, hint);
}

}  // namespace

bool check_tool_config(const Field& tool_config, const FieldPath& path, const ConverseModel& model,
                       IssueReporter& issues, ToolScratch& scratch) {
  static constexpr std::array<std::string_view, 1> kTools{"tools"};
  const std::size_t issues_before = issues.count();
  // Choice: toolConfig only for Nova 2, as the reference. The Bedrock Nova 2 guide says tools are
  // not supported yet while the SageMaker guide lists tool calling; Nova 1 supports neither.
  if (!model.nova2) {
    issues.add(path, "sft.tool_config.model",
               "Invalid toolConfig. Tool configuration is only supported for Nova Lite 2.0 model training.",
               "remove toolConfig, or train NOVA_LITE_2");
  }
  simdjson::dom::object config;
  if (!read_object(tool_config, Presence::kRequired, path, issues, config)) return false;
  const FieldPath tools_path = path.key("tools");
  simdjson::dom::array tools;
  if (!read_array(pick_fields(config, kTools)[0], Presence::kRequired, tools_path, issues, tools)) return false;
  const std::size_t count = for_each_object(
      tools, tools_path, issues, [&](simdjson::dom::object tool, const FieldPath& tool_path, std::size_t index) {
        check_tool(tool, tool_path, index, issues, scratch);
      });
  if (count == 0) {
    issues.add(tools_path, "sft.tool_config.empty", "Invalid toolConfig, tools list cannot be empty",
               "list at least one tool, or remove toolConfig");
  }
  scratch.tools.for_each_repeat([&](std::size_t tool) {
    const FieldPath tool_path = tools_path.index(tool);
    const FieldPath spec_path = tool_path.key("toolSpec");
    const FieldPath name_path = spec_path.key("name");
    issues.add(name_path, "sft.tool_config.duplicate_name", "Invalid toolConfig, duplicate tool names found",
               "give every tool a distinct name");
  });
  return issues.count() == issues_before;
}

void check_tool_conversation(const FieldPath& messages_path, IssueReporter& issues, ToolScratch& scratch) {
  const auto& calls = scratch.calls;
  auto& names = scratch.names;
  const auto tool_names = scratch.tools.names();
  names.assign(tool_names.begin(), tool_names.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  auto& uses = scratch.uses;  // positions in `calls`, document order
  uses.clear();
  for (std::size_t k = 0; k < calls.size(); ++k) {
    if (!calls[k].is_result) uses.push_back(static_cast<std::uint32_t>(k));
  }
  for (const std::uint32_t k : uses) {
    const ToolCall& use = calls[k];
    if (std::binary_search(names.begin(), names.end(), use.name)) continue;
    add_at_call(
        messages_path, use, "name", "sft.tool_use.unknown_tool",
        [&] {
          return fmt::format("Invalid toolUse, tool '{}' not found in toolConfig. Available tools: {}", use.name,
                             fmt::join(names, ", "));
        },
        "use a tool name declared in toolConfig.tools", issues);
  }

  names.clear();
  for (const std::uint32_t k : uses) names.push_back(calls[k].id);
  for_each_repeated_name(names, scratch.order, [&](std::size_t i) {
    const ToolCall& use = calls[uses[i]];
    add_at_call(
        messages_path, use, "toolUseId", "sft.tool_use.duplicate_id",
        [&] {
          return fmt::format(
              "Invalid toolUse, duplicate toolUseId '{}' found. Each toolUseId must be unique within a conversation",
              use.id);
        },
        "give every toolUse its own toolUseId", issues);
  });

  // Uses by id, earliest first, to find the toolUse a toolResult answers.
  auto& by_id = scratch.order;
  by_id.assign(uses.begin(), uses.end());
  std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
    return calls[a].id < calls[b].id || (calls[a].id == calls[b].id && a < b);
  });
  names.clear();
  auto& results = scratch.results;
  results.clear();
  for (std::size_t k = 0; k < calls.size(); ++k) {
    const ToolCall& result = calls[k];
    if (!result.is_result) continue;
    results.push_back(static_cast<std::uint32_t>(k));
    names.push_back(result.id);
    const auto found = std::lower_bound(by_id.begin(), by_id.end(), result.id,
                                        [&](std::uint32_t use, std::string_view id) { return calls[use].id < id; });
    if (found == by_id.end() || calls[*found].id != result.id || *found > k) {
      add_at_call(
          messages_path, result, "toolUseId", "sft.tool_result.unknown_id",
          [&] {
            return fmt::format("Invalid toolResult, toolUseId '{}' not found in any preceding toolUse", result.id);
          },
          "answer a toolUse of an earlier assistant message (same toolUseId)", issues);
    } else if (result.message <= calls[*found].message) {
      add_at_call(
          messages_path, result, "toolUseId", "sft.tool_result.order",
          [&] {
            return fmt::format(
                "Invalid toolResult, toolResult with toolUseId '{}' must appear after its corresponding toolUse",
                result.id);
          },
          "put the toolResult in a user message after the assistant message with the toolUse", issues);
    }
  }
  for_each_repeated_name(names, scratch.order, [&](std::size_t i) {
    const ToolCall& result = calls[results[i]];
    add_at_call(
        messages_path, result, "toolUseId", "sft.tool_result.duplicate",
        [&] {
          return fmt::format(
              "Invalid toolResult, duplicate toolResult for toolUseId '{}'. Each toolUseId must have exactly one "
              "corresponding toolResult",
              result.id);
        },
        "answer each toolUse with exactly one toolResult", issues);
  });
}

}  // namespace nova::dataset
