#include "results/results_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "aws/s3/s3_uri.hpp"
#include "aws/session/session_for.hpp"
#include "nova/error.hpp"

namespace nova::results {

namespace fs = std::filesystem;

fs::path results_cache_root() {
  if (const char* dir = std::getenv("NOVA_CACHE_DIR"); dir != nullptr && *dir != '\0') return fs::path(dir) / "results";
  return fs::temp_directory_path() / fmt::format("nova-results-{}", ::getuid());
}

fs::path job_cache_directory(const std::string& kind, const std::string& job_id) {
  std::string safe = job_id;
  for (char& c : safe) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '_') c = '_';
  }
  return results_cache_root() / (kind + "_" + safe);
}

aws::S3Client s3_client_for(const AwsOptions& aws) { return aws::session_for(aws)->s3(); }

std::optional<std::string> not_completed_message(const std::string& what, const std::string& job_id,
                                                 JobStatus status, const std::string& raw_status) {
  if (status == JobStatus::COMPLETED) return std::nullopt;
  if (status == JobStatus::IN_PROGRESS) {
    return fmt::format("Job '{}' is still running in progress. Please wait until the job is completed.", job_id);
  }
  return fmt::format("Cannot show {}. Job '{}' in {} status.", what, job_id, raw_status);
}

void require_job_output_bucket(const std::string& output_path, const std::optional<std::string>& recorded,
                               const std::string& job_id) {
  const aws::S3Uri where = aws::parse_s3_uri(output_path);
  if (where.key.empty()) {
    throw ValueError(fmt::format("The output path '{}' names a bucket, not the job's output: expected "
                                 "s3://bucket/<output>/<job_id>/output/output.tar.gz",
                                 output_path));
  }
  if (!recorded) return;
  const auto job_output = aws::try_parse_s3_uri(*recorded);
  if (job_output && job_output->bucket != where.bucket) {
    throw ValueError(fmt::format("The output path '{}' is in bucket '{}', but job '{}' writes its output to {} "
                                 "(bucket '{}'): the result file does not belong to this job; use the path under {}",
                                 output_path, where.bucket, job_id, *recorded, job_output->bucket, *recorded));
  }
}

std::optional<std::string> smtj_recorded_output_path(const std::string& job_id, const AwsOptions& aws) {
  std::string path = aws::session_for(aws)->sagemaker().describe_training_job(job_id).output_s3_path;
  if (path.empty()) return std::nullopt;
  return path;
}

void download_job_output(const std::string& uri, const std::function<void()>& download) {
  try {
    download();
  } catch (const ServiceError& e) {
    if (e.code() != "NoSuchKey" && e.code() != "NoSuchBucket" && e.code() != "NotFound") throw;
    throw DataPrepError(fmt::format("The job's output {} does not exist ({}): the job left no results there; check "
                                    "the output path of the result file",
                                    uri, e.code()));
  }
}

}  // namespace nova::results
