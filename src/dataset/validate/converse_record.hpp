#pragma once
// Top-level fields Converse records share (SFT and DPO): `schemaVersion` and `system`.

#include <array>
#include <string_view>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/json_fields.hpp"
#include "dataset/validate/optional_field_consistency.hpp"

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
inline constexpr FieldPresence kSystemPresent = 1;

// The content keys of one message (null values included) as consistency bits.
FieldPresence content_presence(const ContentSummary& summary) noexcept;

void check_schema_version(const Field& schema_version, const FieldPath& path, IssueReporter& issues);

// `system`: optional list of {"text": str}; an empty list and several entries are fine.
void check_system_prompts(const Field& system, const FieldPath& path, IssueReporter& issues);

}  // namespace nova::dataset
