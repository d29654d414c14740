// DPO on Converse records (DPO_LORA, DPO_FULL), Nova 1 models. The reference SDK skips DPO
// validation; these rules come from the AWS DPO guides and the Bedrock sample validator
// (reference §5.6): the conversation follows the SFT rules except that its final assistant
// turn carries `candidates`, at least one "preferred" and one "non-preferred" text answer.
#include <array>

#include "dataset/validate/converse_message.hpp"
#include "dataset/validate/converse_record.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

// An answer is assistant content that must say something: text, or reasoning (Nova 2 only).
void check_candidate_content(const ContentSummary& summary, const FieldPath& content_path, const ConverseModel& model,
                             IssueReporter& issues) {
  check_content_for_role(summary, "assistant", content_path, model, issues);
  if (!summary.text_chars && !summary.has(BlockKind::kReasoning)) {
    issues.add(content_path, "dpo.candidate.empty_text", "Invalid content, empty text content",
               "give every candidate a non-empty text answer");
  }
}

struct LabelsSeen {
  bool preferred{false};
  bool non_preferred{false};
  bool all_valid{true};
};

void check_candidate(simdjson::dom::object candidate, const FieldPath& path, ContentScope& scope, LabelsSeen& labels) {
  static constexpr std::array<std::string_view, 2> kNames{"content", "preferenceLabel"};
  const auto fields = pick_fields(candidate, kNames);
  const FieldPath label_path = path.key("preferenceLabel");
  std::string_view label;
  if (!read_string(fields[1], Presence::kRequired, label_path, scope.issues, label)) {
    labels.all_valid = false;
  } else if (python_text::lower_equals(label, "preferred")) {
    labels.preferred = true;
  } else if (python_text::lower_equals(label, "non-preferred")) {
    labels.non_preferred = true;
  } else {
    labels.all_valid = false;
    scope.issues.add(label_path, "dpo.preference_label",
                     "Invalid value for preferenceLabel, valid values are ['preferred', 'non-preferred']",
                     "label each candidate \"preferred\" or \"non-preferred\"");
  }
  const FieldPath content_path = path.key("content");
  simdjson::dom::array content;
  if (read_array(fields[0], Presence::kRequired, content_path, scope.issues, content)) {
    ContentSummary summary;
    check_content_blocks(content, content_path, scope, summary);
    check_candidate_content(summary, content_path, scope.model, scope.issues);
  }
}

// The final turn: {"role": "assistant", "candidates": [...]}. Returns its role when valid.
std::optional<std::string_view> check_candidates_message(simdjson::dom::object message, const FieldPath& path,
                                                         ContentScope& scope) {
  static constexpr std::array<std::string_view, 2> kNames{"role", "candidates"};
  const auto fields = pick_fields(message, kNames);
  const FieldPath role_path = path.key("role");
  const auto role = check_role(fields[0], role_path, scope.issues);
  const FieldPath candidates_path = path.key("candidates");
  simdjson::dom::array candidates;
  if (!read_array(fields[1], Presence::kRequired, candidates_path, scope.issues, candidates)) return role;
  LabelsSeen labels;
  const std::size_t count = for_each_object(
      candidates, candidates_path, scope.issues,
      [&](simdjson::dom::object candidate, const FieldPath& candidate_path, std::size_t) {
        check_candidate(candidate, candidate_path, scope, labels);
      },
      [&](std::size_t) { labels.all_valid = false; });
  if (count < 2) {
    scope.issues.add(candidates_path, "dpo.candidates.too_few",
                     "Invalid candidates, candidates list must have at least two items",
                     "give one preferred and at least one non-preferred answer");
  } else if (labels.all_valid && !(labels.preferred && labels.non_preferred)) {
    // The sample validator only asks for two distinct label strings; "Preferred" and
    // "preferred" are the same label, so both kinds are required here.
    scope.issues.add(candidates_path, "dpo.candidates.same_label",
                     "Invalid candidates, all candidates cannot have the same preferenceLabel",
                     "label one answer \"preferred\" and another \"non-preferred\"");
  }
  return role;
}

// Choice: schemaVersion, system and toolConfig follow the SFT rules (same Converse layout;
// every DPO example in the AWS guides carries schemaVersion), although the Bedrock sample
// validator makes schemaVersion optional. toolConfig, a Nova 2 feature, is thus refused.
class DpoValidator final : public ConverseRecordValidator {
 public:
  explicit DpoValidator(Model model) : ConverseRecordValidator(model) {}

  std::string_view dataset_kind() const override { return "DPO"; }

 private:
  std::optional<std::string_view> check_turn(simdjson::dom::object message, const FieldPath& path, bool last,
                                             ContentScope& scope, FieldPresence& present) override {
    static constexpr std::array<std::string_view, 1> kCandidates{"candidates"};
    if (pick_fields(message, kCandidates)[0].present) {
      if (!last) {
        const FieldPath candidates_path = path.key("candidates");
        scope.issues.add(candidates_path, "dpo.candidates.position",
                         "Invalid messages, only the last message can be a candidates message",
                         "move the candidates to the final assistant turn");
      }
      return check_candidates_message(message, path, scope);
    }
    if (last) {
      scope.issues.add(path, "dpo.candidates.missing", "Invalid messages, last message must be a candidates message",
                       "end with {\"role\": \"assistant\", \"candidates\": [...]}");
    }
    ContentSummary summary;
    const auto role = check_message(message, path, scope, summary);
    present |= content_presence(summary);
    if (summary.has(BlockKind::kVideo)) {
      const FieldPath content_path = path.key("content");
      add_at_block(content_path, summary.first_of(BlockKind::kVideo), BlockKind::kVideo, "dpo.video",
                   "Invalid sample, video content is not supported for DPO", "remove videos from DPO records",
                   scope.issues);
    }
    return role;
  }
};

}  // namespace

std::unique_ptr<Validator> make_dpo_validator(Model model) { return std::make_unique<DpoValidator>(model); }

}  // namespace nova::dataset
