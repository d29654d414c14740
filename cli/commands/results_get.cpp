// nova results get RESULT.json --out FILE|s3://bucket/key [--json]
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "aws_flags.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "refusal.hpp"
#include "result_download.hpp"

namespace nova::cli {
namespace {

namespace fs = std::filesystem;

struct ResultsGetArgs {
  std::string result;
  std::string out;
  AwsFlags aws;
  bool json{false};
};

// `text` written beside `target` and renamed over it: a reader never sees half a file.
void write_file_atomically(const fs::path& target, const std::string& text) {
  const auto fail = [&](const std::string& why) {
    throw DataPrepError(fmt::format("Cannot write {}: {}", target.string(), why));
  };
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string temp = (target.has_parent_path() ? target.parent_path() : fs::path(".")) /
                     ("." + target.filename().string() + ".tmp-XXXXXX");
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(std::strerror(errno));
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool ok = written == text.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temp.c_str(), target.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    fail(why);
  }
}

void run_results_get(const ResultsGetArgs& args) {
  exit_1_when_refused([&] {
    LoadedResult loaded = load_result_file(args.result, args.aws.options());
    if (loaded.evaluation != nullptr) {
      if (args.out.starts_with("s3://")) {
        throw CLI::ValidationError("--out", "evaluation metrics are written to a local file, not " + args.out);
      }
      const EvaluationMetrics metrics = fetch_evaluation(*loaded.evaluation);
      write_file_atomically(args.out, metrics.json);
      if (args.json) {
        std::cout << nlohmann::ordered_json{{"job_id", loaded.result->job_id()}, {"kind", "evaluation"}, {"out", args.out}}.dump()
                  << '\n';
        return;
      }
      std::cout << fmt::format("Evaluation metrics of job {} saved to {}\n", loaded.result->job_id(), args.out);
      return;
    }
    const InferenceResults records = fetch_inference(*loaded.inference, args.out);
    if (args.json) {
      std::cout << nlohmann::ordered_json{{"job_id", loaded.result->job_id()}, {"kind", "inference"}, {"out", args.out},
                                          {"records", records.records.size()}}.dump()
                << '\n';
      return;
    }
    std::cout << fmt::format("{} inference records of job {} saved to {}\n", records.records.size(),
                             loaded.result->job_id(), args.out);
  });
}

}  // namespace

void add_results_get_command(CLI::App& results) {
  auto args = std::make_shared<ResultsGetArgs>();
  CLI::App* cmd = results.add_subcommand(
      "get", "Save an evaluation's metrics (its results JSON) or a batch inference's formatted records (JSONL)");
  cmd->add_option("RESULT", args->result, "A result file written by 'nova evaluate' or 'nova infer' (or dump())")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", args->out,
                  "Where to write: a local file (evaluation or inference) or s3://bucket/key (inference, "
                  "ContentType application/jsonlines)")
      ->required();
  cmd->add_flag("--json", args->json, "Print one JSON object: {job_id, kind (evaluation|inference), out, records (inference)}");
  add_aws_flags(*cmd, args->aws);
  cmd->footer(
      "Exit codes: 0 saved, 1 no results (job still running, failed or stopped, no results file) or AWS error,\n"
      "2 usage or I/O error.\n"
      "Examples:\n"
      "  nova results get my-eval-1a2b..._SMTJ.json --out metrics.json\n"
      "  nova results get my-infer-3c4d..._SMTJ.json --out s3://my-bucket/formatted/results.jsonl");
  cmd->callback([args] { run_results_get(*args); });
}

}  // namespace nova::cli
