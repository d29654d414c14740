#pragma once
// Tools in Converse records: the `toolConfig` itself, and, when it is present, the rules that
// tie the conversation's toolUse and toolResult blocks to it and to each other.

#include <cstdint>
#include <string_view>
#include <vector>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/named_items.hpp"

namespace nova::dataset {

// Per-record working space, reused so records with tools do not allocate once warmed up.
struct ToolScratch {
  NamedItems tools;                          // names from toolConfig, in order
  std::vector<ToolCall> calls;               // toolUse/toolResult blocks, in document order
  std::vector<std::string_view> names;
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> uses;     // positions in `calls`
  std::vector<std::uint32_t> results;  // positions in `calls`

  void clear() noexcept {
    tools.clear();
    calls.clear();
  }
};

// Checks a non-null `toolConfig` and collects its tool names into `scratch.tools`.
// Returns true when it passed entirely (the conversation rules then apply).
bool check_tool_config(const Field& tool_config, const FieldPath& path, const ConverseModel& model,
                       IssueReporter& issues, ToolScratch& scratch);

// The conversation rules over `scratch.calls`: every toolUse names a configured tool and has a
// unique id; every toolResult answers one earlier toolUse, once. Unanswered toolUses are fine.
void check_tool_conversation(const FieldPath& messages_path, IssueReporter& issues, ToolScratch& scratch);

}  // namespace nova::dataset
