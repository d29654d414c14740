#pragma once
// One line of a batch-inference job's `inference_output.jsonl` as the reference formats it:
// the prompt (the text of a Python list of {'role', 'content'} dicts) split into system and
// user turns, the model's answer stripped of its list brackets and escapes.

#include <string>

#include "nova/results.hpp"

namespace nova::results {

// @throws DataPrepError naming `where` (file:line) when the line is not a JSON object.
InferenceRecord format_inference_line(const std::string& line, const std::string& where);

// The record as the reference writes it: {"system", "query", "gold_response",
// "inference_response"[, "metadata"]}, Python's separators, non-ASCII text as is.
std::string inference_record_json(const InferenceRecord& record);

}  // namespace nova::results
