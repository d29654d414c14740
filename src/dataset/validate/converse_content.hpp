#pragma once
// The content blocks of one Converse message (SFT and DPO): each block's own rules, and a
// summary of what the message holds for the message-level rules.

#include <cstddef>
#include <cstdint>
#include <simdjson.h>
#include <string_view>
#include <vector>

#include "dataset/validate/converse_model.hpp"
#include "dataset/validate/field_path.hpp"
#include "dataset/validate/issue_reporter.hpp"

namespace nova::dataset {

inline constexpr std::size_t kNoBlock = static_cast<std::size_t>(-1);

// Block kinds that carry a value (not null), in the order the summary keeps them.
enum class BlockKind : std::uint8_t { kText, kImage, kVideo, kDocument, kReasoning, kToolUse, kToolResult };
inline constexpr std::size_t kBlockKinds = 7;

// The JSON key of each kind, e.g. "reasoningContent".
std::string_view block_key(BlockKind kind) noexcept;

struct ContentSummary {
  std::size_t count[kBlockKinds]{};  // blocks with a non-null value of each kind
  std::size_t first[kBlockKinds]{kNoBlock, kNoBlock, kNoBlock, kNoBlock, kNoBlock, kNoBlock, kNoBlock};
  std::size_t second_video{kNoBlock};
  std::size_t eleventh_image{kNoBlock};
  bool text_chars{false};  // some text block is not ""
  // Keys present at all (null included), for the optional-field consistency rule.
  bool key_present[kBlockKinds]{};

  bool has(BlockKind kind) const noexcept { return count[static_cast<std::size_t>(kind)] != 0; }
  std::size_t first_of(BlockKind kind) const noexcept { return first[static_cast<std::size_t>(kind)]; }
  bool has_media() const noexcept {
    return has(BlockKind::kImage) || has(BlockKind::kVideo) || has(BlockKind::kDocument);
  }
  // The first image, video or document block, and its kind.
  BlockKind first_media_kind() const noexcept;
};

// A toolUse or toolResult block, kept for the conversation-wide tool rules.
struct ToolCall {
  std::string_view id;
  std::string_view name;  // toolUse only
  std::uint32_t message;
  std::uint32_t block;
  bool is_result;
};

struct ContentScope {
  const ConverseModel& model;
  IssueReporter& issues;
  std::vector<ToolCall>* tool_calls;  // null: not collected
  std::uint32_t message_index;
};

// Reports an issue at `<content_path>[block].<key of kind>`, e.g. `messages[0].content[2].image`.
void add_at_block(const FieldPath& content_path, std::size_t block, BlockKind kind, std::string_view rule,
                  std::string_view message, std::string_view hint, IssueReporter& issues);

// Checks every block of `content` (at `content_path`) and adds what it holds to `summary`.
void check_content_blocks(simdjson::dom::array content, const FieldPath& content_path, ContentScope& scope,
                          ContentSummary& summary);

}  // namespace nova::dataset
