// Buckets exist and sit in the run's region; the KMS key is usable; the training data is
// valid for the method (the dataset engine, streaming the file from S3).
#include <fmt/format.h>

#include "aws/kms/kms_client.hpp"
#include "aws/s3/s3_uri.hpp"
#include "aws/session/session.hpp"
#include "nova/dataset.hpp"
#include "nova/error.hpp"
#include "preflight/checks.hpp"

namespace nova::preflight {
namespace {

bool not_found(const ServiceError& e) { return e.code() == "NotFound" || e.code() == "NoSuchBucket" || e.http_status() == 404; }

void check_bucket(const RunContext& c, const std::string& uri, const char* role, bool created_when_missing, Checks& out) {
  const std::string bucket = aws::parse_s3_uri(uri).bucket;
  const std::string name = fmt::format("bucket:{}", role);
  std::string region;
  try {
    region = c.session->s3().head_bucket(bucket, c.account);
  } catch (const ServiceError& e) {
    if (not_found(e) && created_when_missing) {
      out.push_back(warn(name, fmt::format("{} does not exist yet", bucket),
                         fmt::format("nothing to do: it is created in {} when the run starts (s3:CreateBucket)", c.region)));
    } else if (not_found(e)) {
      out.push_back(fail(name, fmt::format("{} does not exist (the {} path {})", bucket, role, uri),
                         "upload the data first, or correct the path"));
    } else if (e.http_status() == 403) {
      out.push_back(fail(name, fmt::format("{} exists but is not owned by account {} or may not be listed by the caller", bucket,
                                           c.account),
                         "use a bucket of this account, or allow s3:ListBucket on arn:aws:s3:::" + bucket));
    } else {
      out.push_back(warn(name, fmt::format("HeadBucket on {} failed: {}", bucket, e.what()), "check the bucket name"));
    }
    return;
  }
  if (!region.empty() && region != c.region) {
    out.push_back(fail(name, fmt::format("{} is in {}, the run in {}", bucket, region, c.region),
                       fmt::format("use a bucket in {} (copy the data there), or run in {}", c.region, region)));
    return;
  }
  out.push_back(pass(name, fmt::format("{} exists in {}", bucket, region.empty() ? c.region : region)));
}

bool is_data_file(const std::string& path) {
  for (const char* ext : {".jsonl", ".json", ".csv"}) {
    const std::string e(ext);
    if (path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace

void check_buckets(const RunContext& c, Checks& out) {
  if (!c.identity_error.empty() || c.request.deploy_platform) return;
  if (c.request.data_s3_path) check_bucket(c, *c.request.data_s3_path, "data", false, out);
  const auto it = c.values.find("output_bucket");
  if (it != c.values.end() && !it->second.empty()) {
    check_bucket(c, c.request.output_s3_path.value_or("s3://" + it->second + "/output"), "output", true, out);
  }
}

void check_kms_key(const RunContext& c, Checks& out) {
  if (!c.request.kms_key_id || !c.identity_error.empty()) return;
  const std::string& key = *c.request.kms_key_id;
  aws::KmsKeyMetadata meta;
  try {
    meta = aws::KmsClient(c.session->client_config("kms")).describe_key(key);
  } catch (const ServiceError& e) {
    if (e.code() == "NotFoundException") {
      out.push_back(fail("kms-key", fmt::format("KMS key {} not found in {}", key, c.region),
                         "pass a key id, key ARN or alias of a key in the run's region"));
    } else {
      out.push_back(fail("kms-key", fmt::format("kms:DescribeKey on {} failed: {}", key, e.what()),
                         "allow kms:DescribeKey, kms:GenerateDataKey and kms:Decrypt on the key (key policy and IAM)"));
    }
    return;
  }
  if (!meta.enabled || meta.key_state != "Enabled") {
    out.push_back(fail("kms-key", fmt::format("KMS key {} is {}", meta.arn, meta.key_state.empty() ? "disabled" : meta.key_state),
                       "enable the key (kms:EnableKey) or cancel its deletion, or pass another key"));
  } else if (!meta.key_usage.empty() && meta.key_usage != "ENCRYPT_DECRYPT") {
    out.push_back(fail("kms-key", fmt::format("KMS key {} is for {}, not encryption", meta.arn, meta.key_usage),
                       "pass a symmetric ENCRYPT_DECRYPT key"));
  } else {
    out.push_back(pass("kms-key", fmt::format("{} is enabled for encryption", meta.arn)));
  }
}

void check_data(const RunContext& c, Checks& out) {
  const PreflightRequest& r = c.request;
  if (!r.data_s3_path || !r.method || !r.model || r.deploy_platform || !c.identity_error.empty()) return;
  const std::string& path = *r.data_s3_path;
  if (*r.method == TrainingMethod::EVALUATION) {
    out.push_back(warn("data", "evaluation data depends on the eval task, which doctor is not given",
                       fmt::format("nova data validate {} --method evaluation --model {} --eval-task <task>", path,
                                   to_string(*r.model))));
    return;
  }
  if (!is_data_file(path)) {
    out.push_back(warn("data", fmt::format("{} is a prefix, not one .jsonl/.json/.csv file: its files are not validated", path),
                       fmt::format("nova data validate s3://.../<file> --method {} --model {}", to_string(*r.method),
                                   to_string(*r.model))));
    return;
  }
  const std::string again = fmt::format("nova data validate {} --method {} --model {}", path, to_string(*r.method),
                                        to_string(*r.model));
  try {
    DatasetLoader loader = make_loader_for_path(path);
    loader.load(path);
    const ValidationReport report = loader.check(*r.method, *r.model, std::nullopt, 3);
    if (!report.skipped_reason.empty()) {
      out.push_back(warn("data", "not validated: " + report.skipped_reason, again));
    } else if (report.valid) {
      out.push_back(pass("data", fmt::format("{} records of {} are valid {} data", report.records, path, report.dataset_kind)));
    } else {
      std::string first;
      if (!report.issues.empty()) {
        const auto& i = report.issues.front();
        first = fmt::format("; first: line {} {}: {}", i.line, i.path, i.message);
      }
      out.push_back(fail("data", fmt::format("{} of {} records of {} are not valid {} data{}", report.invalid_records,
                                             report.records, path, report.dataset_kind, first),
                         "fix the records (every issue: " + again + "), or transform the data with 'nova data transform'"));
    }
  } catch (const Error& e) {
    out.push_back(fail("data", fmt::format("{} could not be read: {}", path, e.what()),
                       "check the path and that the caller may s3:GetObject it"));
  }
}

}  // namespace nova::preflight
