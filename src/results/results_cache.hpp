#pragma once
// Where downloaded job results are kept, and what every result download shares: the S3
// client for the result's options, the "not completed" messages, the bucket check.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "aws/s3/s3_client.hpp"
#include "nova/aws.hpp"
#include "nova/enums.hpp"

namespace nova::results {

// `$NOVA_CACHE_DIR/results`, else `<system temp>/nova-results-<uid>` (per user: another
// user's directory in /tmp is never read).
std::filesystem::path results_cache_root();
// `<root>/<kind>_<job_id>`, the job id with anything but letters, digits, '-' and '_' replaced.
std::filesystem::path job_cache_directory(const std::string& kind, const std::string& job_id);

aws::S3Client s3_client_for(const AwsOptions& aws);

// The message for a job whose results cannot be read yet; none when COMPLETED.
// `what` names the results: "eval result", "inference result".
std::optional<std::string> not_completed_message(const std::string& what, const std::string& job_id,
                                                 JobStatus status, const std::string& raw_status);

// @throws ValueError when `output_path` is not s3://bucket/key or, with a `recorded` job
// output location, lies in another bucket than it.
void require_job_output_bucket(const std::string& output_path, const std::optional<std::string>& recorded,
                               const std::string& job_id);

// OutputDataConfig.S3OutputPath of a SageMaker training job (none when empty).
std::optional<std::string> smtj_recorded_output_path(const std::string& job_id, const AwsOptions& aws);

// Runs `download`; S3 answering NoSuchKey or NoSuchBucket becomes a DataPrepError naming
// `uri`: the job left no output there.
void download_job_output(const std::string& uri, const std::function<void()>& download);

}  // namespace nova::results
