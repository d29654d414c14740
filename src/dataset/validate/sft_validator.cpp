// SFT on Converse records (SFT_LORA, SFT_FULL), Nova 1 and Nova 2 (reference §5.2).
#include <array>

#include "dataset/validate/converse_message.hpp"
#include "dataset/validate/converse_record.hpp"
#include "dataset/validate/converse_tools.hpp"
#include "dataset/validate/record_validator.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

class SftValidator final : public RecordValidator {
 public:
  explicit SftValidator(Model model)
      : RecordValidator(Setup{kConverseOptionalFields, true}), model_(converse_model(model)) {}

  std::string_view dataset_kind() const override { return "SFT"; }

 private:
  FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) override {
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
    const bool tool_rules =
        fields[2].given() && check_tool_config(fields[2], tool_config_path, model_, issues, tools_);

    const FieldPath messages_path = root.key("messages");
    simdjson::dom::array messages;
    if (!read_array(fields[3], Presence::kRequired, messages_path, issues, messages)) return present;
    RoleOrder roles;
    std::uint32_t index = 0;
    for (const simdjson::dom::element element : messages) {
      const FieldPath message_path = messages_path.index(index);
      simdjson::dom::object message;
      if (element.get(message) != simdjson::SUCCESS) {
        report_not_an_object(message_path, issues);
        roles.add(std::nullopt);
      } else {
        ContentScope scope{model_, issues, tool_rules ? &tools_.calls : nullptr, index};
        ContentSummary summary;
        roles.add(check_message(message, message_path, scope, summary));
        present |= content_presence(summary);
      }
      ++index;
    }
    roles.report(messages_path, issues);
    if (tool_rules) check_tool_conversation(messages_path, issues, tools_);
    return present;
  }

  ConverseModel model_;
  ToolScratch tools_;
};

}  // namespace

std::unique_ptr<Validator> make_sft_validator(Model model) { return std::make_unique<SftValidator>(model); }

}  // namespace nova::dataset
