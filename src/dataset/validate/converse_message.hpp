#pragma once
// Rules on one Converse message as a whole (what its content list may combine, per role and
// model) and on the order of roles across the conversation.

#include <cstddef>
#include <optional>
#include <string_view>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/json_fields.hpp"
#include <simdjson.h>

namespace nova::dataset {

// Checks one message {"role", "content"}: its role, every content block, and what the content
// may combine for this role and model. Returns the role when it is valid ("user" or
// "assistant" in any letter case); `summary` receives what the content holds.
std::optional<std::string_view> check_message(simdjson::dom::object message, const FieldPath& message_path,
                                              ContentScope& scope, ContentSummary& summary);

// What a message's content may hold for its role and the model: media only from the user and
// not on Nova Micro, reasoning only from the assistant and on Nova 2, toolUse only from the
// assistant, toolResult only from the user.
void check_content_for_role(const ContentSummary& summary, std::string_view role, const FieldPath& content_path,
                            const ConverseModel& model, IssueReporter& issues);

// Checks a message's `role` (required string, "user" or "assistant" in any letter case) and
// returns it when valid.
std::optional<std::string_view> check_role(const Field& role, const FieldPath& role_path, IssueReporter& issues);

// Collects the roles of a conversation: user first, then alternating, assistant last (exact,
// lower-case). Judged only when every role was valid, as in the reference.
class RoleOrder {
 public:
  void add(std::optional<std::string_view> role);
  void report(const FieldPath& messages_path, IssueReporter& issues) const;

 private:
  std::size_t count_{0};
  bool all_valid_{true};
  std::size_t first_misplaced_{kNoBlock};
  std::string_view misplaced_role_;
  std::string_view last_role_;
};

}  // namespace nova::dataset
