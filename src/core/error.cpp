#include "nova/error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace nova {

std::string describe_validation_failure(const ValidationReport& report, std::size_t shown) {
  std::string out = fmt::format("Validation failed: {} of {} records are invalid ({} issue{}).",
                                report.invalid_records, report.records, report.total_issues,
                                report.total_issues == 1 ? "" : "s");
  const std::size_t listed = std::min(shown, report.issues.size());
  for (std::size_t n = 0; n < listed; ++n) {
    const RecordIssue& issue = report.issues[n];
    out += fmt::format("\n  {}:{}: record {}: {}: {} [{}]", issue.file, issue.line, issue.record,
                       issue.path.empty() ? "<record>" : issue.path, issue.message, issue.rule);
    if (!issue.hint.empty()) out += fmt::format("\n      fix: {}", issue.hint);
  }
  if (report.total_issues > listed) out += fmt::format("\n  ... and {} more issue(s)", report.total_issues - listed);
  return out;
}

ValidationError::ValidationError(ValidationReport report)
    : ValueError(describe_validation_failure(report)), report_(std::move(report)) {}

}  // namespace nova
