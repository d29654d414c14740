#include "dataset/validate/converse_record.hpp"

#include <array>
#include <fmt/format.h>

#include "dataset/validate/reserved_keywords.hpp"

namespace nova::dataset {

namespace {
constexpr std::string_view kSchemaVersion = "bedrock-conversation-2024";
}  // namespace

FieldPresence content_presence(const ContentSummary& summary) noexcept {
  const auto bit = [&](BlockKind kind, unsigned position) {
    return summary.key_present[static_cast<std::size_t>(kind)] ? FieldPresence{1} << position : FieldPresence{0};
  };
  return bit(BlockKind::kImage, 1) | bit(BlockKind::kVideo, 2) | bit(BlockKind::kReasoning, 3) |
         bit(BlockKind::kToolUse, 4) | bit(BlockKind::kToolResult, 5);
}

void check_schema_version(const Field& schema_version, const FieldPath& path, IssueReporter& issues) {
  // Choice: required and exact, as the reference; the Bedrock guide accepts any string and the
  // Bedrock sample validator makes it optional.
  std::string_view value;
  if (!read_string(schema_version, Presence::kRequired, path, issues, value) || value == kSchemaVersion) return;
  issues.add(
      path, "sft.schema_version",
      [&] { return fmt::format("Invalid schemaVersion '{}', must be '{}'", value, kSchemaVersion); },
      "set \"schemaVersion\": \"bedrock-conversation-2024\"");
}

void check_system_prompts(const Field& system, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 1> kText{"text"};
  simdjson::dom::array prompts;
  if (!read_array(system, Presence::kOptional, path, issues, prompts)) return;
  std::size_t index = 0;
  for (const simdjson::dom::element element : prompts) {
    const FieldPath prompt_path = path.index(index++);
    simdjson::dom::object prompt;
    if (element.get(prompt) != simdjson::SUCCESS) {
      report_not_an_object(prompt_path, issues);
      continue;
    }
    const FieldPath text_path = prompt_path.key("text");
    std::string_view text;
    if (read_string(pick_fields(prompt, kText)[0], Presence::kRequired, text_path, issues, text)) {
      check_reserved_keywords(text, text_path, "sft.system.keyword", "Invalid system message text", issues);
    }
  }
}

}  // namespace nova::dataset
