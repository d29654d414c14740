#include "results/eval_metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "nova/error.hpp"

namespace nova::results {
namespace {

constexpr std::string_view kStderrSuffix = "_stderr";

bool is_stderr_key(const std::string& key) {
  return key.size() > kStderrSuffix.size() &&
         key.compare(key.size() - kStderrSuffix.size(), kStderrSuffix.size(), kStderrSuffix) == 0;
}

std::string number_text(double v) { return fmt::format("{:.4f}", v); }

}  // namespace

std::vector<EvaluationMetric> parse_eval_metrics(const std::string& json_text, const std::string& source) {
  const auto doc = nlohmann::ordered_json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    throw DataPrepError(fmt::format("The evaluation results file {} is not a JSON object", source));
  }
  std::vector<EvaluationMetric> out;
  const auto results = doc.find("results");
  if (results == doc.end() || !results->is_object()) return out;
  for (const auto& [task, metrics] : results->items()) {
    if (!metrics.is_object()) continue;
    for (const auto& [name, value] : metrics.items()) {
      if (is_stderr_key(name) || !value.is_number()) continue;
      EvaluationMetric m{task, name, value.get<double>(), std::nullopt};
      if (const auto err = metrics.find(name + std::string(kStderrSuffix)); err != metrics.end() && err->is_number()) {
        m.stderr_value = err->get<double>();
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::string format_metrics_table(const std::vector<EvaluationMetric>& metrics) {
  std::vector<std::array<std::string, 4>> rows{{"task", "metric", "value", "stderr"}};
  for (const auto& m : metrics) {
    rows.push_back({m.task, m.metric, number_text(m.value), m.stderr_value ? number_text(*m.stderr_value) : "-"});
  }
  std::array<std::size_t, 4> width{};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    out += fmt::format("{:<{}} | {:<{}} | {:>{}} | {:>{}}\n", row[0], width[0], row[1], width[1], row[2], width[2],
                       row[3], width[3]);
  }
  return out;
}

}  // namespace nova::results
