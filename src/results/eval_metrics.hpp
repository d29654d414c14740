#pragma once
// The metrics of an evaluation's results file: `results` -> "<suite>|<task>|<shots>" ->
// {metric: value, metric_stderr: value}, and the table show() prints.

#include <string>
#include <vector>

#include "nova/results.hpp"

namespace nova::results {

// Numeric metrics in file order, each with its `<metric>_stderr` when present.
// @throws DataPrepError naming `source` when `json_text` is not a JSON object.
std::vector<EvaluationMetric> parse_eval_metrics(const std::string& json_text, const std::string& source);

// "task | metric | value | stderr" with aligned columns, one row per metric.
std::string format_metrics_table(const std::vector<EvaluationMetric>& metrics);

}  // namespace nova::results
