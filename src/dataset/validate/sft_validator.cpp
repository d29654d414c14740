// SFT on Converse records (SFT_LORA, SFT_FULL), Nova 1 and Nova 2 (reference §5.2): every turn
// is a {"role", "content"} message.
#include "dataset/validate/converse_message.hpp"
#include "dataset/validate/converse_record.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

class SftValidator final : public ConverseRecordValidator {
 public:
  explicit SftValidator(Model model) : ConverseRecordValidator(model) {}

  std::string_view dataset_kind() const override { return "SFT"; }

 private:
  std::optional<std::string_view> check_turn(simdjson::dom::object message, const FieldPath& path, bool /*last*/,
                                             ContentScope& scope, FieldPresence& present) override {
    ContentSummary summary;
    const auto role = check_message(message, path, scope, summary);
    present |= content_presence(summary);
    return role;
  }
};

}  // namespace

std::unique_ptr<Validator> make_sft_validator(Model model) { return std::make_unique<SftValidator>(model); }

}  // namespace nova::dataset
