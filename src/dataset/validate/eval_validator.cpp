// Evaluation BYOD (gen_qa) records (reference §5.5): {"query", "response", "system"?,
// "images"?: [{"data"}], "metadata"?}; other keys are ignored. The model plays no part.
#include <array>

#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/python_text.hpp"
#include "dataset/validate/record_validator.hpp"
#include "dataset/validate/reserved_keywords.hpp"
#include "dataset/validate/validators.hpp"

namespace nova::dataset {

namespace {

constexpr std::array<std::string_view, 2> kOptionalFields{"system", "images"};

// query and response: required, not blank, no reserved keywords.
void check_required_text(const Field& field, const FieldPath& path, std::string_view empty_rule,
                         std::string_view empty_message, std::string_view keyword_rule, std::string_view subject,
                         IssueReporter& issues) {
  std::string_view text;
  if (read_non_blank(field, Presence::kRequired, path, {empty_rule, empty_message, "give it some text"}, issues, text)) {
    check_reserved_keywords(text, path, keyword_rule, subject, issues);
  }
}

void check_optional_text(const Field& field, const FieldPath& path, std::string_view keyword_rule,
                         std::string_view subject, IssueReporter& issues) {
  std::string_view text;
  if (read_string(field, Presence::kOptional, path, issues, text)) {
    check_reserved_keywords(text, path, keyword_rule, subject, issues);
  }
}

void check_image(simdjson::dom::object image, const FieldPath& path, IssueReporter& issues) {
  static constexpr std::array<std::string_view, 1> kData{"data"};
  const FieldPath data_path = path.key("data");
  std::string_view data;
  if (!read_string(pick_fields(image, kData)[0], Presence::kRequired, data_path, issues, data)) return;
  if (!data.starts_with("data:image/")) {
    issues.add(data_path, "eval.image.data_prefix", "Image data must start with 'data:image/'",
               "use a data URI: data:image/<format>;base64,<data>");
  }
  if (!python_text::contains_lowered(data, ";base64,")) {
    issues.add(data_path, "eval.image.base64", "Image data must contain ';base64,' format",
               "use a data URI: data:image/<format>;base64,<data>");
  }
}

class EvalValidator final : public RecordValidator {
 public:
  EvalValidator() : RecordValidator(Setup{kOptionalFields, true}) {}

  std::string_view dataset_kind() const override { return "Evaluation BYOD"; }

 private:
  FieldPresence check_fields(simdjson::dom::object record, IssueReporter& issues) override {
    static constexpr std::array<std::string_view, 5> kNames{"query", "response", "system", "images", "metadata"};
    const auto fields = pick_fields(record, kNames);
    const FieldPath root;
    const FieldPath query_path = root.key("query");
    check_required_text(fields[0], query_path, "eval.query.empty", "Query cannot be empty", "eval.query.keyword",
                        "Invalid query", issues);
    const FieldPath response_path = root.key("response");
    check_required_text(fields[1], response_path, "eval.response.empty", "Response cannot be empty",
                        "eval.response.keyword", "Invalid response", issues);
    const FieldPath system_path = root.key("system");
    check_optional_text(fields[2], system_path, "eval.system.keyword", "Invalid system", issues);

    const FieldPath images_path = root.key("images");
    simdjson::dom::array images;
    if (read_array(fields[3], Presence::kOptional, images_path, issues, images)) {
      for_each_object(images, images_path, issues,
                      [&](simdjson::dom::object image, const FieldPath& image_path, std::size_t) {
                        check_image(image, image_path, issues);
                      });
    }

    const FieldPath metadata_path = root.key("metadata");
    if (fields[4].present && fields[4].value.is_null()) {
      // The reference crashes here ("'NoneType' object has no attribute 'strip'") and reports
      // an unexpected error; the record is invalid either way, so it is reported as a rule.
      issues.add(metadata_path, "eval.metadata.null",
                 "Invalid metadata, null is not allowed (the reference SDK fails with \"'NoneType' object has no "
                 "attribute 'strip'\")",
                 "remove \"metadata\" or make it a string (\"\" is fine)");
    } else {
      check_optional_text(fields[4], metadata_path, "eval.metadata.keyword", "Invalid metadata", issues);
    }
    return (fields[2].present ? 1U : 0U) | (fields[3].present ? 2U : 0U);
  }
};

}  // namespace

std::unique_ptr<Validator> make_eval_validator() { return std::make_unique<EvalValidator>(); }

}  // namespace nova::dataset
