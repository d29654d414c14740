#pragma once
// Reserved prompt keywords: text that contains one (any letter case) would be confused with the
// model's own turn markers, so SFT and evaluation texts must not use them.

#include <cstdint>
#include <string>
#include <string_view>

#include "dataset/validate/field_path.hpp"
#include "dataset/validate/issue_reporter.hpp"

namespace nova::dataset {

// Bit i set = keyword i of the reference list found.
using KeywordSet = std::uint32_t;

// Which reserved keywords `text` contains, as Python's `keyword.lower() in text.lower()`.
KeywordSet find_reserved_keywords(std::string_view text) noexcept;

// "Bot:, User:" in the reference list's order.
std::string describe_keywords(KeywordSet found);

// Reports `rule` at `path` when `text` holds reserved keywords. `subject` opens the message, e.g.
// "Invalid text content" gives "Invalid text content, please do not use these keywords: Bot:".
void check_reserved_keywords(std::string_view text, const FieldPath& path, std::string_view rule,
                             std::string_view subject, IssueReporter& issues);

}  // namespace nova::dataset
