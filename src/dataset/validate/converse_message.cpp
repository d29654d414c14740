#include "dataset/validate/converse_message.hpp"

#include <array>
#include <fmt/format.h>

#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/python_text.hpp"

namespace nova::dataset {

namespace {

constexpr std::size_t kMaxImagesPerMessage = 10;

void check_content_mix(const ContentSummary& summary, const FieldPath& content_path, IssueReporter& issues) {
  const bool has_image = summary.has(BlockKind::kImage);
  const bool has_video = summary.has(BlockKind::kVideo);
  // Whitespace-only text passes; only zero-length text fails, and documents or reasoning do not
  // excuse it (reference behaviour).
  if (summary.has(BlockKind::kText) && !has_image && !has_video && !summary.text_chars) {
    issues.add(content_path, "sft.content.empty_text", "Invalid content, empty text content",
               "put some text in the message's text blocks");
  }
  if (summary.second_video != kNoBlock) {
    add_at_block(content_path, summary.second_video, BlockKind::kVideo, "sft.video.count",
                 "Only one video is allowed per sample", "keep one video per message", issues);
  }
  const int media_kinds = int{has_image} + int{has_video} + int{summary.has(BlockKind::kDocument)};
  if (media_kinds > 1) {
    issues.add(content_path, "sft.content.mixed_media",
               "'content' list can ONLY contain one of the following multimodal types: image, video, OR a document "
               "for a given sample.",
               "keep one kind of media (images, a video or a document) per message");
  }
  if (summary.eleventh_image != kNoBlock) {
    const std::size_t images = summary.count[static_cast<std::size_t>(BlockKind::kImage)];
    const FieldPath block_path = content_path.index(summary.eleventh_image);
    const FieldPath image_path = block_path.key("image");
    issues.add(
        image_path, "sft.image.count",
        [&] {
          return fmt::format("Invalid content, number of images {} exceed maximum allowed limit of {}", images,
                             kMaxImagesPerMessage);
        },
        "use at most 10 images per message");
  }
  if (summary.has(BlockKind::kReasoning) && summary.has_media()) {
    add_at_block(content_path, summary.first_of(BlockKind::kReasoning), BlockKind::kReasoning,
                 "sft.reasoning.multimodal",
                 "Multimodal reasoning content is not supported. reasoningContent cannot be combined with image, "
                 "video, or documents.",
                 "keep reasoningContent to text-only messages", issues);
  }
}

void check_message_rules(const ContentSummary& summary, std::optional<std::string_view> role,
                         const FieldPath& content_path, const ConverseModel& model, IssueReporter& issues) {
  check_content_mix(summary, content_path, issues);
  if (role) check_content_for_role(summary, *role, content_path, model, issues);
}

}  // namespace

void check_content_for_role(const ContentSummary& summary, std::string_view role, const FieldPath& content_path,
                            const ConverseModel& model, IssueReporter& issues) {
  const bool assistant = python_text::lower_equals(role, "assistant");
  if (summary.has_media()) {
    const BlockKind media = summary.first_media_kind();
    const std::size_t block = summary.first_of(media);
    if (assistant) {
      add_at_block(content_path, block, media, "sft.media.assistant",
                   "Invalid content, multimodal data cannot be included when role is 'assistant'.",
                   "move images, videos and documents to user messages", issues);
    }
    if (!model.media) {
      add_at_block(content_path, block, media, "sft.media.model",
                   "Invalid content, multimodal data cannot be used with Nova Micro. Please use another model.",
                   "remove media, or train NOVA_LITE, NOVA_PRO or NOVA_LITE_2", issues);
    }
  }
  if (summary.has(BlockKind::kReasoning)) {
    const std::size_t block = summary.first_of(BlockKind::kReasoning);
    if (!assistant) {
      add_at_block(content_path, block, BlockKind::kReasoning, "sft.reasoning.role",
                   "Invalid content. 'reasoningContent' can only be included when role is 'assistant'.",
                   "move reasoningContent to assistant messages", issues);
    }
    if (!model.nova2) {
      add_at_block(content_path, block, BlockKind::kReasoning, "sft.reasoning.model",
                   "Invalid content. 'reasoningContent' is only supported for Nova 2.0 model training.",
                   "remove reasoningContent, or train NOVA_LITE_2", issues);
    }
  }
  if (summary.has(BlockKind::kToolUse) && !assistant) {
    add_at_block(content_path, summary.first_of(BlockKind::kToolUse), BlockKind::kToolUse, "sft.tool_use.role",
                 "Invalid content, toolUse can only be included in assistant messages",
                 "move the toolUse block to an assistant message", issues);
  }
  if (summary.has(BlockKind::kToolResult) && !python_text::lower_equals(role, "user")) {
    add_at_block(content_path, summary.first_of(BlockKind::kToolResult), BlockKind::kToolResult,
                 "sft.tool_result.role", "Invalid content, toolResult can only be included in user messages",
                 "move the toolResult block to a user message", issues);
  }
}

std::optional<std::string_view> check_role(const Field& role, const FieldPath& role_path, IssueReporter& issues) {
  std::string_view value;
  if (!read_string(role, Presence::kRequired, role_path, issues, value)) return std::nullopt;
  if (python_text::lower_equals(value, "user") || python_text::lower_equals(value, "assistant")) return value;
  issues.add(role_path, "sft.role.value", "Invalid value for role, valid values are ['user', 'assistant']",
             "use \"user\" or \"assistant\" (a system prompt goes in the record's \"system\" list)");
  return std::nullopt;
}

std::optional<std::string_view> check_message(simdjson::dom::object message, const FieldPath& message_path,
                                              ContentScope& scope, ContentSummary& summary) {
  static constexpr std::array<std::string_view, 2> kNames{"role", "content"};
  const auto fields = pick_fields(message, kNames);
  const FieldPath role_path = message_path.key("role");
  const std::optional<std::string_view> role = check_role(fields[0], role_path, scope.issues);
  const FieldPath content_path = message_path.key("content");
  simdjson::dom::array content;
  if (read_array(fields[1], Presence::kRequired, content_path, scope.issues, content)) {
    check_content_blocks(content, content_path, scope, summary);
    check_message_rules(summary, role, content_path, scope.model, scope.issues);
  }
  return role;
}

void RoleOrder::add(std::optional<std::string_view> role) {
  const std::size_t index = count_++;
  if (!role) {
    all_valid_ = false;
    return;
  }
  const std::string_view expected = index % 2 == 0 ? "user" : "assistant";
  if (first_misplaced_ == kNoBlock && *role != expected) {
    first_misplaced_ = index;
    misplaced_role_ = *role;
  }
  last_role_ = *role;
}

void RoleOrder::report(const FieldPath& messages_path, IssueReporter& issues) const {
  if (!all_valid_) return;
  if (count_ < 2) {
    issues.add(messages_path, "sft.messages.too_few", "Invalid messages, both ['user', 'assistant'] are needed in sample",
               "give the conversation a user turn followed by an assistant turn");
    return;
  }
  if (first_misplaced_ != kNoBlock) {
    const FieldPath message_path = messages_path.index(first_misplaced_);
    const FieldPath role_path = message_path.key("role");
    const std::string_view expected = first_misplaced_ % 2 == 0 ? "user" : "assistant";
    issues.add(
        role_path, "sft.role.alternation",
        [&] { return fmt::format("Invalid messages, expected {} role but found {}", expected, misplaced_role_); },
        "alternate user and assistant turns, starting with user (roles are lower-case)");
    return;
  }
  if (last_role_ != "assistant") {
    const FieldPath message_path = messages_path.index(count_ - 1);
    const FieldPath role_path = message_path.key("role");
    issues.add(role_path, "sft.role.last_turn", "Invalid messages, last turn should have assistant role",
               "end the conversation with an assistant turn");
  }
}

}  // namespace nova::dataset
