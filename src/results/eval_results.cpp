// EvaluationResult: the job's output fetched once into the results cache, the first
// results_*.json read as metrics, shown as a table, its TensorBoard folder uploaded.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/s3/s3_uri.hpp"
#include "core/log.hpp"
#include "nova/results.hpp"
#include "results/eval_metrics.hpp"
#include "results/output_archive.hpp"
#include "results/prefix_mirror.hpp"
#include "results/results_cache.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The first path (in sorted order, so every run picks the same one) below `root` for which
// `match(entry)` holds.
template <typename Match>
std::optional<fs::path> first_below(const fs::path& root, Match&& match) {
  std::optional<fs::path> best;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (match(*it) && (!best || it->path() < *best)) best = it->path();
  }
  return best;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataPrepError(fmt::format("Cannot read the evaluation results file {}", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

fs::path EvaluationResult::cache_directory() const { return results::job_cache_directory("eval_results", job_id()); }

EvaluationMetrics EvaluationResult::get() {
  EvaluationMetrics out;
  std::tie(out.status, out.raw_status) = get_job_status();
  if (auto message = results::not_completed_message("eval result", job_id(), out.status, out.raw_status)) {
    out.message = std::move(*message);
    return out;
  }
  const fs::path cache = cache_directory();
  if (!fs::exists(cache)) {
    results::require_job_output_bucket(eval_output_path_, recorded_output_path(), job_id());
    auto s3 = results::s3_client_for(aws_options());
    results::download_job_output(eval_output_path_, [&] {
      if (ends_with(eval_output_path_, ".tar.gz")) {
        results::extract_output_archive(s3, eval_output_path_, cache);
      } else {
        results::mirror_prefix(s3, eval_output_path_, cache);
      }
    });
  }
  const auto file = fs::exists(cache) ? first_below(cache,
                                                    [](const fs::directory_entry& e) {
                                                      const std::string name = e.path().filename().string();
                                                      return e.is_regular_file() && name.starts_with("results_") &&
                                                             ends_with(name, ".json");
                                                    })
                                      : std::nullopt;
  if (!file) {
    out.message = fmt::format("No results_*.json found in the output of job '{}' ({}).", job_id(), eval_output_path_);
    return out;
  }
  out.json = read_text(*file);
  out.metrics = results::parse_eval_metrics(out.json, file->string());
  out.results_file = *file;
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Job '{}' completed successfully.", job_id()));
  }
  return out;
}

void EvaluationResult::show(std::ostream& out) {
  const EvaluationMetrics metrics = get();
  if (metrics.empty()) {
    out << metrics.message << '\n';
    return;
  }
  out << fmt::format("Evaluation Results for job_id={}, eval_task={}:\n", job_id(), value_of(eval_task_));
  if (!metrics.metrics.empty()) {
    out << results::format_metrics_table(metrics.metrics);
  } else {
    // Not the documented `results` layout: the file as the reference shows it.
    out << nlohmann::ordered_json::parse(metrics.json).dump(2) << '\n';
  }
}

void EvaluationResult::show() { show(std::cout); }

std::size_t EvaluationResult::upload_tensorboard_results(const std::optional<std::string>& tensorboard_s3_path) {
  std::string target = tensorboard_s3_path.value_or(eval_output_path_);
  if (!tensorboard_s3_path) {
    constexpr std::string_view kArchive = "/output.tar.gz";
    if (ends_with(target, kArchive)) target = target.substr(0, target.size() - kArchive.size()) + "/tensorboard_results/";
  }
  const aws::S3Uri where = aws::parse_s3_uri(target);
  if (get().empty()) {
    std::cerr << fmt::format("No TensorBoard results to upload for job '{}': its results are not available.\n",
                             job_id());
    return 0;
  }
  const auto folder = first_below(cache_directory(), [](const fs::directory_entry& e) {
    return e.is_directory() && e.path().filename() == "tensorboard_results";
  });
  if (!folder) {
    std::cerr << fmt::format("No tensorboard_results directory in the results of job '{}'; nothing uploaded.\n",
                             job_id());
    return 0;
  }
  // Unlike the reference, a missing '/' between the prefix and the file is added.
  std::string prefix = where.key;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  auto s3 = results::s3_client_for(aws_options());
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(*folder)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    s3.upload_file(where.bucket, prefix + fs::relative(file, *folder).generic_string(), file);
  }
  return files.size();
}

void EvaluationResult::clean() {
  std::error_code ec;
  fs::remove_all(cache_directory(), ec);
}

}  // namespace nova
