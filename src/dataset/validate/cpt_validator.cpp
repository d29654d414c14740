// CPT records: {"text": str} and nothing else (reference §5.4). No generic-format check and no
// consistency rule. The reference stops at the first bad record; this reports every one.
#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/record_validator.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

class CptValidator final : public RecordValidator {
 public:
  CptValidator() : RecordValidator(Setup{{}, false}) {}

  std::string_view dataset_kind() const override { return "CPT"; }

 private:
  FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) override {
    const FieldPath root;
    Field text;
    for (const auto member : record) {
      if (member.key == "text") {
        text = Field{member.value, true};
        continue;
      }
      const FieldPath extra_path = root.key(member.key);
      issues.add(extra_path, "cpt.extra_field", "Extra inputs are not permitted",
                 "CPT records hold only \"text\"; remove other fields");
    }
    const FieldPath text_path = root.key("text");
    std::string_view value;
    read_non_blank(text, Presence::kRequired, text_path,
                   {"cpt.text.empty", "Invalid text, cannot be empty or whitespace-only",
                    "drop the record or give it some text"},
                   issues, value);
    return 0;
  }
};

}  // namespace

std::unique_ptr<Validator> make_cpt_validator() { return std::make_unique<CptValidator>(); }

}  // namespace nova::dataset
