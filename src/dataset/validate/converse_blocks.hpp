#pragma once
// The rules of single content-block values, used by check_content_blocks.

#include <cstddef>

#include "dataset/validate/converse_content.hpp"
#include "dataset/validate/json_fields.hpp"

namespace nova::dataset {

// `kind` is kImage, kVideo or kDocument; `path` points at the block's value ("...image").
void check_media_block(BlockKind kind, const Field& value, const FieldPath& path, ContentScope& scope);
void check_tool_use_block(const Field& value, const FieldPath& path, std::size_t block, ContentScope& scope);
void check_tool_result_block(const Field& value, const FieldPath& path, std::size_t block, ContentScope& scope);

}  // namespace nova::dataset
