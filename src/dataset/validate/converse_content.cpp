#include "dataset/validate/converse_content.hpp"

#include <array>

#include "dataset/validate/converse_blocks.hpp"
#include "dataset/validate/reserved_keywords.hpp"

namespace nova::dataset {

namespace {

// In BlockKind order.
constexpr std::array<std::string_view, kBlockKinds> kBlockKeys{
    "text", "image", "video", "document", "reasoningContent", "toolUse", "toolResult"};

constexpr std::size_t at(BlockKind kind) noexcept { return static_cast<std::size_t>(kind); }

void check_reasoning_block(const Field& value, const FieldPath& path, ContentScope& scope) {
  static constexpr std::array<std::string_view, 1> kReasoningText{"reasoningText"};
  static constexpr std::array<std::string_view, 1> kText{"text"};
  simdjson::dom::object reasoning;
  if (!read_object(value, Presence::kRequired, path, scope.issues, reasoning)) return;
  const FieldPath reasoning_text_path = path.key("reasoningText");
  simdjson::dom::object reasoning_text;
  if (!read_object(pick_fields(reasoning, kReasoningText)[0], Presence::kRequired, reasoning_text_path, scope.issues,
                   reasoning_text)) {
    return;
  }
  const FieldPath text_path = reasoning_text_path.key("text");
  std::string_view text;
  if (read_string(pick_fields(reasoning_text, kText)[0], Presence::kRequired, text_path, scope.issues, text)) {
    check_reserved_keywords(text, text_path, "sft.reasoning.keyword", "Invalid reasoning text", scope.issues);
  }
}

void note_block(ContentSummary& summary, BlockKind kind, std::size_t block) {
  auto& count = summary.count[at(kind)];
  if (count == 0) summary.first[at(kind)] = block;
  ++count;
  if (kind == BlockKind::kVideo && count == 2) summary.second_video = block;
  if (kind == BlockKind::kImage && count == 11) summary.eleventh_image = block;
}

void check_block(simdjson::dom::object block, const FieldPath& block_path, std::size_t index, ContentScope& scope,
                 ContentSummary& summary) {
  const auto values = pick_fields(block, kBlockKeys);
  bool any_given = false;
  for (std::size_t k = 0; k < kBlockKinds; ++k) {
    summary.key_present[k] = summary.key_present[k] || values[k].present;
    if (!values[k].given()) continue;
    any_given = true;
    note_block(summary, static_cast<BlockKind>(k), index);
  }
  if (!any_given) {
    scope.issues.add(block_path, "sft.content.empty_block",
                     "Invalid content, at least one of ['text', 'image', 'video', 'document', 'reasoningContent', "
                     "'toolUse', 'toolResult'] must be provided",
                     "give the block a non-null text, image, video, document, reasoningContent, toolUse or toolResult");
    return;
  }
  const auto& tool_use = values[at(BlockKind::kToolUse)];
  const auto& tool_result = values[at(BlockKind::kToolResult)];
  if (tool_use.given() && tool_result.given()) {
    scope.issues.add(block_path, "sft.content.tool_use_and_result",
                     "Invalid content, toolUse and toolResult cannot coexist in the same ContentItem",
                     "put the toolUse and the toolResult in separate blocks (of assistant and user messages)");
  }
  if (const auto& text = values[at(BlockKind::kText)]; text.given()) {
    const FieldPath text_path = block_path.key("text");
    std::string_view value;
    if (read_string(text, Presence::kOptional, text_path, scope.issues, value)) {
      summary.text_chars = summary.text_chars || !value.empty();
      check_reserved_keywords(value, text_path, "sft.text.keyword", "Invalid text content", scope.issues);
    } else {
      summary.text_chars = true;  // not a string: its type issue says it all, "empty text" would mislead
    }
  }
  for (const BlockKind media : {BlockKind::kImage, BlockKind::kVideo, BlockKind::kDocument}) {
    if (!values[at(media)].given()) continue;
    const FieldPath media_path = block_path.key(block_key(media));
    check_media_block(media, values[at(media)], media_path, scope);
  }
  if (const auto& reasoning = values[at(BlockKind::kReasoning)]; reasoning.given()) {
    const FieldPath reasoning_path = block_path.key("reasoningContent");
    check_reasoning_block(reasoning, reasoning_path, scope);
  }
  if (tool_use.given()) {
    const FieldPath tool_use_path = block_path.key("toolUse");
    check_tool_use_block(tool_use, tool_use_path, index, scope);
  }
  if (tool_result.given()) {
    const FieldPath tool_result_path = block_path.key("toolResult");
    check_tool_result_block(tool_result, tool_result_path, index, scope);
  }
}

}  // namespace

std::string_view block_key(BlockKind kind) noexcept { return kBlockKeys[at(kind)]; }

void add_at_block(const FieldPath& content_path, std::size_t block, BlockKind kind, std::string_view rule,
                  std::string_view message, std::string_view hint, IssueReporter& issues) {
  const FieldPath block_path = content_path.index(block);
  const FieldPath value_path = block_path.key(block_key(kind));
  issues.add(value_path, rule, message, hint);
}

BlockKind ContentSummary::first_media_kind() const noexcept {
  BlockKind best = BlockKind::kImage;
  std::size_t best_block = kNoBlock;
  for (const BlockKind kind : {BlockKind::kImage, BlockKind::kVideo, BlockKind::kDocument}) {
    if (first_of(kind) < best_block) {
      best = kind;
      best_block = first_of(kind);
    }
  }
  return best;
}

void check_content_blocks(simdjson::dom::array content, const FieldPath& content_path, ContentScope& scope,
                          ContentSummary& summary) {
  for_each_object(content, content_path, scope.issues,
                  [&](simdjson::dom::object block, const FieldPath& block_path, std::size_t index) {
                    check_block(block, block_path, index, scope, summary);
                  });
}

}  // namespace nova::dataset
