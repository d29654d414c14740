#pragma once
// What `nova train` prints: the plan of a dry run, or the started job; as text or one JSON
// object (the keys are a contract, see docs/cli.md).

#include <string>

#include "nova/customizer.hpp"
#include "nova/results.hpp"

namespace nova::cli {

void print_training_plan(const TrainingPlan& plan, bool json);
void print_training_result(const TrainingResult& result, const std::string& result_file, bool json);

}  // namespace nova::cli
