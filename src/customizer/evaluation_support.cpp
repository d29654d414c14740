#include "customizer/evaluation_support.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/log.hpp"
#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "nova/runtime.hpp"

namespace nova::customizer {

namespace {

// Every record is checked; the report keeps the first issues (all are counted).
constexpr std::size_t kIssuesKept = 1000;

bool ends_with_jsonl(std::string path) {
  std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
  return path.size() >= 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
}

}  // namespace

void validate_byod_data(const std::string& s3_path, Model model, EvaluationTask task) {
  if (!ends_with_jsonl(s3_path)) {
    core::log(core::LogLevel::kWarn, fmt::format("{} is not a .jsonl object: its records were not validated before launch",
                                                 s3_path));
    return;
  }
  JSONLDatasetLoader loader;
  loader.load(s3_path);
  // check(), not validate(): validate() prints its verdict on stdout, which is the CLI's --json channel.
  ValidationReport report = loader.check(TrainingMethod::EVALUATION, model, task, kIssuesKept);
  if (!report.skipped_reason.empty()) {
    core::log(core::LogLevel::kWarn, fmt::format("{}: {}", s3_path, report.skipped_reason));
    return;
  }
  if (!report.valid) throw ValidationError(std::move(report));
  core::log(core::LogLevel::kInfo, fmt::format("{}: {} valid records", s3_path, report.records));
}

std::string job_output_prefix(const std::string& output_s3_path, const std::string& job_id) {
  std::string prefix = output_s3_path;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return prefix + "/" + job_id;
}

ScopedInstanceCount::ScopedInstanceCount(RuntimeManager& infra) : infra_(infra), saved_(infra.instance_count()) {}

ScopedInstanceCount::~ScopedInstanceCount() {
  if (infra_.instance_count() != saved_) infra_.set_instance_count(saved_);
}

}  // namespace nova::customizer
