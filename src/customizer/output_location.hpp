#pragma once
// Where a customizer's jobs write: the user's output_s3_path, or a bucket of the SDK's own
// (`sagemaker-nova-<account>-<region>`), made to exist in the job's region before any job
// is started so that a launch never fails on a missing bucket.

#include <optional>
#include <string>

namespace nova::aws {
class Session;
}

namespace nova::customizer {

// The output path to use. A missing bucket is created in the session's region (with SSE-KMS
// when `kms_key_id` is set).
// @throws ValueError when the bucket exists but belongs to another account.
// @throws ServiceError when S3 refuses the check or the creation.
std::string prepare_output_location(const aws::Session& session, const std::optional<std::string>& output_s3_path,
                                    const std::optional<std::string>& kms_key_id);

// "arn:aws:kms:<region>:<account>:key/<id>" for a bare key id; an ARN or alias is kept.
std::string kms_key_arn(const std::string& kms_key_id, const std::string& region, const std::string& account);

}  // namespace nova::customizer
