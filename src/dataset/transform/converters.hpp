#pragma once
// The converters transform() can install, one per source format and target, and the
// format checks that decide between them.

#include <simdjson.h>

#include <memory>

#include "dataset/transform/transformer.hpp"
#include "nova/dataset.hpp"

namespace nova::dataset {

// Generic (flat column) records, read through the user's column mappings.
std::unique_ptr<RecordTransformer> make_generic_sft_transformer(const ColumnMappings& mappings, bool nova2);
std::unique_ptr<RecordTransformer> make_generic_rft_transformer(const ColumnMappings& mappings);
std::unique_ptr<RecordTransformer> make_generic_eval_transformer(const ColumnMappings& mappings);
std::unique_ptr<RecordTransformer> make_generic_cpt_transformer(const ColumnMappings& mappings);

// OpenAI chat messages -> Bedrock Converse (SFT).
std::unique_ptr<RecordTransformer> make_openai_to_converse_transformer(bool nova2);

// The reference's transform-time JSON schemas (much stricter than the validators:
// unknown keys are rejected almost everywhere). A record matching the target schema
// needs no transform; a record matching the OpenAI schema can be converted to Converse.
bool matches_sft_converse_schema(simdjson::dom::element record, bool nova2) noexcept;
bool matches_rft_openai_schema(simdjson::dom::element record) noexcept;
bool matches_eval_gen_qa_schema(simdjson::dom::element record) noexcept;
bool matches_cpt_schema(simdjson::dom::element record) noexcept;
bool matches_openai_messages_schema(simdjson::dom::element record) noexcept;

}  // namespace nova::dataset
