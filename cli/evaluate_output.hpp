#pragma once
// What `nova evaluate` and `nova infer` print for a started job, as text or one JSON object
// (the keys are a contract, see docs/cli.md). Their dry runs print like `nova train`'s.

#include <string>

#include "nova/results.hpp"

namespace nova::cli {

void print_evaluation_result(const EvaluationResult& result, const std::string& result_file, bool json);
void print_inference_result(const BatchInferenceResult& result, const std::string& result_file, bool json);

}  // namespace nova::cli
