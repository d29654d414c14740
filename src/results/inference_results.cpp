// Batch-inference results: the first *inference_output.jsonl of the job's output (SMTJ: its
// output archive; SMHP: the objects under its eval-result prefix) brought once into the cache, each line formatted as the reference does, and the
// records written as JSONL to S3 or a local file on request.

#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "aws/s3/s3_uri.hpp"
#include "core/atomic_file.hpp"
#include "nova/results.hpp"
#include "results/inference_record.hpp"
#include "results/output_archive.hpp"
#include "results/prefix_mirror.hpp"
#include "results/results_cache.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMemberSuffix = "inference_output.jsonl";

std::vector<InferenceRecord> read_records(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataPrepError(fmt::format("Cannot read the inference output {}", file.string()));
  std::vector<InferenceRecord> records;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    records.push_back(results::format_inference_line(line, fmt::format("{}:{}", file.string(), number)));
  }
  return records;
}

void save_jsonl(const std::string& path, const std::string& jsonl, const AwsOptions& aws) {
  if (aws::is_s3_uri(path)) {
    const aws::S3Uri where = aws::parse_s3_uri(path);
    if (where.key.empty() || where.key.back() == '/') {
      throw ValueError(fmt::format("'{}' names no object: give the file to write, e.g. s3://bucket/results.jsonl", path));
    }
    aws::PutObjectRequest request;
    request.bucket = where.bucket;
    request.key = where.key;
    request.body = aws::body_from_string(jsonl);
    request.content_type = "application/jsonlines";
    results::s3_client_for(aws).put_object(request);
    return;
  }
  try {
    core::AtomicFile out(path);
    out.write(jsonl);
    out.commit();
  } catch (const Error&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw DataPrepError(fmt::format("Cannot write the inference results to {}: {}", path, e.what()));
  }
}

}  // namespace

std::string InferenceResults::to_json(std::string_view key) const {
  std::string out = fmt::format("{{\"{}\": [", key);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out += ", ";
    out += results::inference_record_json(records[i]);
  }
  return out + "]}";
}

std::string InferenceResults::to_jsonl() const {
  std::string out;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out += '\n';
    out += results::inference_record_json(records[i]);
  }
  return out;
}

fs::path BatchInferenceResult::cache_directory() const {
  return results::job_cache_directory("inference_results", job_id());
}

InferenceResults BatchInferenceResult::get(const std::optional<std::string>& s3_path) {
  InferenceResults out;
  std::tie(out.status, out.raw_status) = get_job_status();
  if (auto message = results::not_completed_message("inference result", job_id(), out.status, out.raw_status)) {
    out.message = std::move(*message);
    return out;
  }
  const fs::path file = cache_directory() / kMemberSuffix;
  if (!fs::exists(file)) fetch_output(file);
  out.records = read_records(file);
  if (s3_path) {
    save_jsonl(*s3_path, out.to_jsonl(), aws_options());
    out.saved_to = *s3_path;
  }
  return out;
}

void SMTJBatchInferenceResult::fetch_output(const fs::path& file) {
  results::require_job_output_bucket(inference_output_path(),
                                     results::smtj_recorded_output_path(job_id(), aws_options()), job_id());
  auto s3 = results::s3_client_for(aws_options());
  std::optional<std::string> member;
  results::download_job_output(inference_output_path(), [&] {
    member = results::extract_first_member_ending_with(s3, inference_output_path(), kMemberSuffix, file);
  });
  if (!member) {
    throw DataPrepError(fmt::format("The output archive {} of job '{}' holds no '*{}' (expected "
                                    "<job>/eval_results/{}): the job wrote no inference output",
                                    inference_output_path(), job_id(), kMemberSuffix, kMemberSuffix));
  }
}

// The prefix is mirrored beside the cache file, the member moved into place, the rest dropped.
void SMHPBatchInferenceResult::fetch_output(const fs::path& file) {
  auto s3 = results::s3_client_for(aws_options());
  const fs::path staging = cache_directory() / "eval-result.partial";
  std::error_code ec;
  fs::remove_all(staging, ec);
  results::download_job_output(inference_output_path(),
                               [&] { results::mirror_prefix(s3, inference_output_path(), staging); });
  std::optional<fs::path> member;
  if (fs::exists(staging)) {
    for (const auto& entry : fs::recursive_directory_iterator(staging)) {
      if (entry.is_regular_file() && entry.path().filename().string().ends_with(kMemberSuffix)) {
        if (!member || entry.path() < *member) member = entry.path();
      }
    }
  }
  if (member) fs::rename(*member, file);
  fs::remove_all(staging, ec);
  if (!member) {
    throw DataPrepError(fmt::format("The output {} of HyperPod job '{}' holds no '*{}': the job wrote no inference "
                                    "output",
                                    inference_output_path(), job_id(), kMemberSuffix));
  }
}

void BatchInferenceResult::show(std::ostream& out) {
  const InferenceResults results = get();
  if (!results.message.empty()) {
    out << results.message << '\n';
    return;
  }
  out << fmt::format("Inference Results for job_id={}:\n", job_id());
  for (const auto& record : results.records) out << results::inference_record_json(record) << '\n';
}

void BatchInferenceResult::show() { show(std::cout); }

void BatchInferenceResult::clean() {
  std::error_code ec;
  fs::remove_all(cache_directory(), ec);
}

}  // namespace nova
