#pragma once
// Tools in Converse records: the `toolConfig` itself, and, when it is present, the rules that
// tie the conversation's toolUse and toolResult blocks to it and to each other.

#include <cstdint>
#include <string_view>
#include <vector>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/json_fields.hpp"

namespace nova::dataset {

// Per-record working space, reused so records with tools do not allocate once warmed up.
struct ToolScratch {
  std::vector<std::string_view> tool_names;  // from toolConfig, in order
  std::vector<std::uint32_t> tool_of_name;   // the tool index of each of tool_names
  std::vector<ToolCall> calls;               // toolUse/toolResult blocks, in document order
  std::vector<std::string_view> names;
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> uses;     // positions in `calls`
  std::vector<std::uint32_t> results;  // positions in `calls`

  void clear() noexcept {
    tool_names.clear();
    tool_of_name.clear();
    calls.clear();
  }
};

// Checks a non-null `toolConfig` and collects its tool names into `scratch.tool_names`.
// Returns true when it passed entirely (the conversation rules then apply).
bool check_tool_config(const Field& tool_config, const FieldPath& path, const ConverseModel& model,
                       IssueReporter& issues, ToolScratch& scratch);

// The conversation rules over `scratch.calls`: every toolUse names a configured tool and has a
// unique id; every toolResult answers one earlier toolUse, once. Unanswered toolUses are fine.
void check_tool_conversation(const FieldPath& messages_path, IssueReporter& issues, ToolScratch& scratch);

}  // namespace nova::dataset
