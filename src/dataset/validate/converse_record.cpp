#include "dataset/validate/converse_record.hpp"

#include <fmt/format.h>

#include "dataset/validate/converse_message.hpp"
#include "dataset/validate/reserved_keywords.hpp"

namespace nova::dataset {

namespace {

constexpr std::string_view kSchemaVersion = "bedrock-conversation-2024";
constexpr FieldPresence kSystemPresent = 1;

void check_schema_version(const Field& schema_version, const FieldPath& path, IssueReporter& issues) {
  // Choice: required and exact, as the reference, for SFT and DPO alike; the Bedrock guide
  // accepts any string and the Bedrock sample validator makes it optional.
  std::string_view value;
  if (!read_string(schema_version, Presence::kRequired, path, issues, value) || value == kSchemaVersion) return;
  issues.add(
      path, "sft.schema_version",
      [&] { return fmt::format("Invalid schemaVersion '{}', must be '{}'", value, kSchemaVersion); },
      "set \"schemaVersion\": \"bedrock-conversation-2024\"");
}

// `system`: optional list of {"text": str}; an empty list and several entries are fine.
void check_system_prompts(const Field& system, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 1> kText{"text"};
  simdjson::dom::array prompts;
  if (!read_array(system, Presence::kOptional, path, issues, prompts)) return;
  for_each_object(prompts, path, issues, [&](simdjson::dom::object prompt, const FieldPath& prompt_path, std::size_t) {
    const FieldPath text_path = prompt_path.key("text");
    std::string_view text;
    if (read_string(pick_fields(prompt, kText)[0], Presence::kRequired, text_path, issues, text)) {
      check_reserved_keywords(text, text_path, "sft.system.keyword", "Invalid system message text", issues);
    }
  });
}

}  // namespace

FieldPresence content_presence(const ContentSummary& summary) noexcept {
  const auto bit = [&](BlockKind kind, unsigned position) {
    return summary.key_present[static_cast<std::size_t>(kind)] ? FieldPresence{1} << position : FieldPresence{0};
  };
  return bit(BlockKind::kImage, 1) | bit(BlockKind::kVideo, 2) | bit(BlockKind::kReasoning, 3) |
         bit(BlockKind::kToolUse, 4) | bit(BlockKind::kToolResult, 5);
}

ConverseRecordValidator::ConverseRecordValidator(Model model)
    : RecordValidator(Setup{kConverseOptionalFields, true}), model_(converse_model(model)) {}

FieldPresence ConverseRecordValidator::check_fields(simdjson::dom::object record, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 4> kNames{"schemaVersion", "system", "toolConfig", "messages"};
  const auto fields = pick_fields(record, kNames);
  const FieldPath root;
  const FieldPath schema_path = root.key("schemaVersion");
  check_schema_version(fields[0], schema_path, issues);
  FieldPresence present = fields[1].present ? kSystemPresent : 0;
  const FieldPath system_path = root.key("system");
  check_system_prompts(fields[1], system_path, issues);

  tools_.clear();
  const FieldPath tool_config_path = root.key("toolConfig");
  // The conversation's tool rules apply only with a toolConfig, as in the reference: tool
  // blocks without one are accepted on every model.
  const bool tool_rules = fields[2].given() && check_tool_config(fields[2], tool_config_path, model_, issues, tools_);

  const FieldPath messages_path = root.key("messages");
  simdjson::dom::array messages;
  if (!read_array(fields[3], Presence::kRequired, messages_path, issues, messages)) return present;
  const std::size_t count = messages.size();
  RoleOrder roles;
  for_each_object(
      messages, messages_path, issues,
      [&](simdjson::dom::object message, const FieldPath& message_path, std::size_t index) {
        ContentScope scope{model_, issues, tool_rules ? &tools_.calls : nullptr, static_cast<std::uint32_t>(index)};
        roles.add(check_turn(message, message_path, index + 1 == count, scope, present));
      },
      [&](std::size_t) { roles.add(std::nullopt); });
  roles.report(messages_path, issues);
  if (tool_rules) check_tool_conversation(messages_path, issues, tools_);
  return present;
}

}  // namespace nova::dataset
