// The model path chain of evaluate() and batch_inference(), and the checkpoint of a finished
// job read from its manifest.

#include "customizer/model_path_resolution.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "aws/s3/s3_client.hpp"
#include "aws/s3/s3_uri.hpp"
#include "core/log.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "results/output_archive.hpp"

namespace nova::customizer {

namespace {

namespace fs = std::filesystem;

std::string without_trailing_slash(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

// A private scratch directory, removed with everything in it when the scope ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "nova-manifest-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw DataPrepError("Cannot create a temporary directory in " + fs::temp_directory_path().string());
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string checkpoint_in(const std::string& manifest_text, const std::string& where, const std::string& job_id) {
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(manifest_text);
  } catch (const nlohmann::json::exception& e) {
    throw ValueError(fmt::format("The manifest of job '{}' ({}) is not JSON: {}", job_id, where, e.what()));
  }
  const auto it = manifest.is_object() ? manifest.find("checkpoint_s3_bucket") : manifest.end();
  if (it == manifest.end() || !it->is_string() || it->get<std::string>().empty()) {
    throw ValueError(fmt::format("The manifest of job '{}' ({}) has no 'checkpoint_s3_bucket': pass model_path instead",
                                 job_id, where));
  }
  return it->get<std::string>();
}

std::string read_object(aws::S3Client& s3, const aws::S3Uri& uri) {
  std::string text;
  s3.get_object(uri.bucket, uri.key, [&text](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  return text;
}

bool is_missing(const ServiceError& e) {
  return e.code() == "NoSuchKey" || e.code() == "NotFound" || e.code() == "NoSuchBucket" || e.http_status() == 404;
}

std::string platform_name(Platform p) { return std::string(to_string(p)); }

}  // namespace

std::optional<Platform> checkpoint_platform(const std::string& checkpoint_uri) {
  const auto uri = aws::try_parse_s3_uri(checkpoint_uri);
  if (!uri) return std::nullopt;
  if (uri->bucket.find("-smtj-") != std::string::npos) return Platform::SMTJ;
  if (uri->bucket.find("-hp-") != std::string::npos) return Platform::SMHP;
  return std::nullopt;
}

void check_checkpoint_platform(const std::string& checkpoint_uri, Platform target, const std::string& source) {
  const auto trained_on = checkpoint_platform(checkpoint_uri);
  if (!trained_on) {
    core::log(core::LogLevel::kWarn,
              fmt::format("Cannot tell which platform wrote {} ({}); make sure it was trained on {}", checkpoint_uri,
                          source, platform_name(target)));
    return;
  }
  if (*trained_on != target) {
    throw ValueError(fmt::format(
        "Platform mismatch: {} was trained on {} but you are trying to run on {}. A checkpoint only runs on the "
        "platform that trained it: use a {} runtime manager, or a checkpoint trained on {}.",
        source, platform_name(*trained_on), platform_name(target), platform_name(*trained_on), platform_name(target)));
  }
}

std::string checkpoint_from_manifest(aws::S3Client& s3, Platform platform, const std::string& output_s3_path,
                                     const std::string& job_id) {
  const std::string job_output = without_trailing_slash(output_s3_path) + "/" + job_id;
  if (platform == Platform::SMHP) {
    const std::string where = job_output + "/manifest.json";
    try {
      return checkpoint_in(read_object(s3, aws::parse_s3_uri(where)), where, job_id);
    } catch (const ServiceError& e) {
      if (!is_missing(e)) throw;
      throw ValueError(fmt::format("Job '{}' has no manifest at {}: has it finished? Pass model_path instead", job_id, where));
    }
  }
  const std::string archive = job_output + "/output/output.tar.gz";
  ScratchDir scratch;
  std::optional<std::string> member;
  try {
    member = results::extract_first_member_ending_with(s3, archive, "manifest.json", scratch.path() / "manifest.json");
  } catch (const ServiceError& e) {
    if (!is_missing(e)) throw;
    throw ValueError(fmt::format("Job '{}' has no output archive at {}: has it finished? Pass model_path instead", job_id,
                                 archive));
  }
  if (!member) throw ValueError(fmt::format("The output archive of job '{}' ({}) holds no manifest.json", job_id, archive));
  std::ifstream in(scratch.path() / "manifest.json", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return checkpoint_in(text, archive + ":" + *member, job_id);
}

ResolvedModelPath resolve_model_path(aws::S3Client& s3, const ModelPathInputs& in) {
  ResolvedModelPath out;
  if (in.explicit_path) {
    out = {in.explicit_path, fmt::format("model_path '{}'", *in.explicit_path)};
  } else if (in.job_result) {
    const auto [status, raw] = in.job_result->get_job_status();
    if (status != JobStatus::COMPLETED) {
      throw ValueError(fmt::format("job_result: job '{}' is {}, not Completed; its checkpoint exists only once it has "
                                   "finished. Wait for it, or pass model_path",
                                   in.job_result->job_id(), raw));
    }
    const std::string output = in.job_result->model_artifacts().output_s3_path.value_or(in.output_s3_path);
    out = {checkpoint_from_manifest(s3, in.job_result->platform(), output, in.job_result->job_id()),
           fmt::format("the checkpoint of job '{}'", in.job_result->job_id())};
  } else if (in.customizer_model_path) {
    out = {in.customizer_model_path, fmt::format("the customizer's model_path '{}'", *in.customizer_model_path)};
  } else if (in.last_job_id) {
    out = {checkpoint_from_manifest(s3, in.target, in.output_s3_path, *in.last_job_id),
           fmt::format("the checkpoint of this customizer's last job '{}'", *in.last_job_id)};
  } else {
    core::log(core::LogLevel::kWarn,
              "No model path provided and no recent training job found: running the base model. Pass model_path or "
              "job_result to use a trained checkpoint.");
    return out;
  }
  if (out.path && aws::is_s3_uri(*out.path)) check_checkpoint_platform(*out.path, in.target, out.source);
  return out;
}

}  // namespace nova::customizer
