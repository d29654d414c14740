#pragma once
// Converse records (SFT and DPO): {"schemaVersion", "system"?, "toolConfig"?, "messages"}.
// This base checks everything but the turns themselves, which SFT and DPO read differently.

#include <array>
#include <optional>
#include <string_view>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/converse_model.hpp"
#include "dataset/validate/converse_tools.hpp"
#include "dataset/validate/record_validator.hpp"

namespace nova::dataset {

// The reference's optional fields for the consistency rule, in bit order.
inline constexpr std::array<std::string_view, 6> kConverseOptionalFields{
    "system",
    "messages.content.image",
    "messages.content.video",
    "messages.content.reasoningContent",
    "messages.content.toolUse",
    "messages.content.toolResult",
};

// The content keys of one message (null values included) as consistency bits.
FieldPresence content_presence(const ContentSummary& summary) noexcept;

class ConverseRecordValidator : public RecordValidator {
 protected:
  explicit ConverseRecordValidator(Model model);

  // Checks one turn (a JSON object) of `messages`; `last` says it ends the conversation.
  // Returns its role when valid, and adds its content keys to `present`.
  virtual std::optional<std::string_view> check_turn(simdjson::dom::object message, const FieldPath& path, bool last,
                                                     ContentScope& scope, FieldPresence& present) = 0;

 private:
  FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) final;

  ConverseModel model_;
  ToolScratch tools_;
};

}  // namespace nova::dataset
