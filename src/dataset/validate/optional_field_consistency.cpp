#include "dataset/validate/optional_field_consistency.hpp"

#include <fmt/format.h>

namespace nova::dataset {

OptionalFieldConsistency::OptionalFieldConsistency(std::span<const std::string_view> fields) : fields_(fields) {
  rules_.reserve(fields.size());
  for (const auto field : fields) rules_.push_back(fmt::format("consistency.{}", field));
}

void OptionalFieldConsistency::observe(FieldPresence present, IssueReporter& issues) {
  if (!has_baseline_) {
    has_baseline_ = true;
    baseline_ = present;
    baseline_record_ = issues.ref().index;
    return;
  }
  const FieldPresence differs = present ^ baseline_;
  if (differs == 0) return;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const FieldPresence bit = FieldPresence{1} << i;
    if ((differs & bit) == 0) continue;
    const std::string_view field = fields_[i];
    // The path names the top-level key that holds (or would hold) the field.
    const FieldPath root;
    const FieldPath top = root.key(field.substr(0, field.find('.')));
    const bool here = (present & bit) != 0;
    issues.add(
        top, rules_[i],
        [&] {
          return fmt::format(
              "Dataset consistency error: If any sample contains '{0}', all samples must contain '{0}'. "
              "Field {1} in sample {2} but {3} in sample {4}.",
              field, here ? "missing" : "present", baseline_record_, here ? "present" : "missing",
              issues.ref().index);
        },
        [&] {
          return fmt::format("use '{}' in every record or in none (split records that differ into separate datasets)",
                             field);
        });
  }
}

}  // namespace nova::dataset
