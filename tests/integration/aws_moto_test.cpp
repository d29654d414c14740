// AWS layer against a real moto_server (one per test binary), with faults injected by the
// FaultInjectingTransport decorator in front of the real curl transport.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/core/sigv4/crypto.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/sts/sts_client.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"
#include "support/scoped_env.hpp"
#include "support/static_credentials.hpp"
#include "support/test_clock.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using nova::testing::RecordingClock;
using nova::testing::ScopedEnvironment;
using nova::testing::StaticCredentialsProvider;

class MotoTest : public nova::testing::MotoSuite {
 protected:
  void SetUp() override {
    curl_ = std::make_shared<CurlTransport>();
    faults_ = std::make_shared<FaultInjectingTransport>(curl_, clock_);
  }

  ClientConfig config(Credentials creds = {}) {
    if (creds.access_key_id.empty()) {
      creds.access_key_id = "testing";
      creds.secret_access_key = "testing";
    }
    ClientConfig c;
    c.endpoint = std::getenv("AWS_ENDPOINT_URL");
    c.region = std::getenv("AWS_REGION");
    c.credentials = std::make_shared<StaticCredentialsProvider>(std::move(creds));
    c.transport = faults_;
    c.clock = clock_;
    c.retry = RetryConfig::from_environment();
    c.jitter = [] { return 0.5; };
    return c;
  }

  std::string new_bucket(S3Client& s3) {
    static int n = 0;
    std::string name = "nova-it-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
    s3.create_bucket(name);
    return name;
  }

  static std::string get_string(S3Client& s3, const std::string& bucket, const std::string& key) {
    std::string out;
    s3.get_object(bucket, key, [&](std::string_view c) {
      out.append(c);
      return true;
    });
    return out;
  }

  static std::vector<std::string> all_keys(S3Client& s3, const std::string& bucket) {
    ListObjectsV2Request req;
    req.bucket = bucket;
    std::vector<std::string> keys;
    s3.list_all_objects(req, [&](const ObjectSummary& o) { keys.push_back(o.key); });
    return keys;
  }

  std::shared_ptr<RecordingClock> clock_ = std::make_shared<RecordingClock>();
  std::shared_ptr<CurlTransport> curl_;
  std::shared_ptr<FaultInjectingTransport> faults_;
};

// --- STS -------------------------------------------------------------------------------

TEST_F(MotoTest, StsGetCallerIdentity) {
  StsClient sts(config());
  const auto id = sts.get_caller_identity();
  EXPECT_EQ(id.account, "123456789012");
  EXPECT_THAT(id.arn, HasSubstr("arn:aws:sts::123456789012:"));
  // Signed with the sts scope and the client region.
  const auto seen = faults_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(*find_header(seen[0].headers, "Authorization"), HasSubstr("/us-east-1/sts/aws4_request"));
}

TEST_F(MotoTest, StsAssumeRole) {
  StsClient sts(config());
  const auto r = sts.assume_role({"arn:aws:iam::123456789012:role/nova-test", "nova-session", 900, "", ""});
  EXPECT_FALSE(r.credentials.access_key_id.empty());
  EXPECT_FALSE(r.credentials.session_token.empty());
  EXPECT_GT(r.credentials.expiration, std::chrono::system_clock::now());
  EXPECT_THAT(r.arn, HasSubstr("nova-session"));
}

TEST_F(MotoTest, StsAssumeRoleWithWebIdentityIsUnsigned) {
  StsClient sts(config());
  const auto r = sts.assume_role_with_web_identity(
      {"arn:aws:iam::123456789012:role/nova-web", "web-session", "header.payload.signature", std::nullopt, "", ""});
  EXPECT_FALSE(r.credentials.access_key_id.empty());
  const auto seen = faults_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(find_header(seen[0].headers, "Authorization"), nullptr);
  EXPECT_EQ(find_header(seen[0].headers, "X-Amz-Date"), nullptr);
}

// --- S3 basics -------------------------------------------------------------------------

TEST_F(MotoTest, S3PutGetHeadDelete) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  EXPECT_EQ(s3.head_bucket(bucket), "us-east-1");
  PutObjectRequest put{bucket, "dir/hello.txt", body_from_string("hello world"), "text/plain", {{"origin", "nova"}}, {}};
  EXPECT_FALSE(s3.put_object(put).etag.empty());
  const ObjectInfo head = s3.head_object(bucket, "dir/hello.txt");
  EXPECT_EQ(head.content_length, 11u);
  EXPECT_EQ(head.content_type, "text/plain");
  ASSERT_EQ(head.metadata.size(), 1u);
  EXPECT_EQ(head.metadata[0].second, "nova");
  EXPECT_EQ(get_string(s3, bucket, "dir/hello.txt"), "hello world");
  std::string part;
  s3.get_object(bucket, "dir/hello.txt", [&](std::string_view c) { part.append(c); return true; }, "bytes=0-4");
  EXPECT_EQ(part, "hello");
  s3.delete_object(bucket, "dir/hello.txt");
  try {
    s3.head_object(bucket, "dir/hello.txt");
    FAIL() << "expected NotFound";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NotFound");
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_FALSE(e.retryable());
  }
}

TEST_F(MotoTest, S3MissingKeyIsNoSuchKey) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  try {
    get_string(s3, bucket, "absent");
    FAIL() << "expected NoSuchKey";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NoSuchKey");
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("GetObject"));
  }
}

TEST_F(MotoTest, S3KeysWithSpecialCharactersRoundTrip) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  for (const std::string key : {"a b/c~d+e=f", "unicode/é-ሴ.txt", "colon:key(1)", "x/./y"}) {
    s3.put_object({bucket, key, body_from_string("v:" + key), "", {}, {}});
    EXPECT_EQ(get_string(s3, bucket, key), "v:" + key) << key;
  }
  EXPECT_THAT(all_keys(s3, bucket), ::testing::UnorderedElementsAre("a b/c~d+e=f", "unicode/é-ሴ.txt", "colon:key(1)", "x/./y"));
}

TEST_F(MotoTest, S3ListObjectsV2Paginates) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  for (int i = 0; i < 25; ++i) s3.put_object({bucket, "p/k" + std::to_string(100 + i), body_from_string("x"), "", {}, {}});
  s3.put_object({bucket, "other", body_from_string("x"), "", {}, {}});
  ListObjectsV2Request req{bucket, "p/", "", "", "", 10};
  const auto first = s3.list_objects_v2(req);
  EXPECT_EQ(first.contents.size(), 10u);
  EXPECT_TRUE(first.is_truncated);
  EXPECT_FALSE(first.next_continuation_token.empty());
  faults_->clear();
  std::vector<std::string> keys;
  EXPECT_EQ(s3.list_all_objects(req, [&](const ObjectSummary& o) { keys.push_back(o.key); }), 25u);
  EXPECT_EQ(faults_->calls(), 3);  // 10 + 10 + 5
  EXPECT_EQ(keys.front(), "p/k100");
  EXPECT_EQ(keys.back(), "p/k124");
  const auto delim = s3.list_objects_v2({bucket, "", "/", "", "", 0});
  EXPECT_THAT(delim.common_prefixes, ::testing::ElementsAre("p/"));
}

TEST_F(MotoTest, S3DeleteObjects) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  for (const char* k : {"a", "b", "c"}) s3.put_object({bucket, k, body_from_string("x"), "", {}, {}});
  const auto r = s3.delete_objects(bucket, {"a", "b"});
  EXPECT_THAT(r.deleted, ::testing::UnorderedElementsAre("a", "b"));
  EXPECT_THAT(all_keys(s3, bucket), ::testing::ElementsAre("c"));
}

TEST_F(MotoTest, S3SseKmsHeadersAreSent) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  faults_->clear();
  PutObjectRequest put{bucket, "enc", body_from_string("secret data"), "", {}, {"arn:aws:kms:us-east-1:123456789012:key/abc"}};
  s3.put_object(put);
  const auto seen = faults_->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(*find_header(seen[0].headers, "x-amz-server-side-encryption"), "aws:kms");
  EXPECT_EQ(*find_header(seen[0].headers, "x-amz-server-side-encryption-aws-kms-key-id"),
            "arn:aws:kms:us-east-1:123456789012:key/abc");
  EXPECT_THAT(*find_header(seen[0].headers, "Authorization"), HasSubstr("x-amz-server-side-encryption"));
  EXPECT_EQ(s3.head_object(bucket, "enc").server_side_encryption, "aws:kms");
}

// --- transfers ---------------------------------------------------------------------------

std::filesystem::path write_random_file(std::uint64_t size, std::uint32_t seed) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("nova-it-" + std::to_string(::getpid()) + "-" + std::to_string(seed) + ".bin");
  std::ofstream out(path, std::ios::binary);
  std::mt19937 rng(seed);
  std::string block(1 << 20, '\0');
  for (std::uint64_t done = 0; done < size;) {
    for (auto& c : block) c = static_cast<char>(rng());
    const std::uint64_t n = std::min<std::uint64_t>(block.size(), size - done);
    out.write(block.data(), static_cast<std::streamsize>(n));
    done += n;
  }
  return path;
}

std::string file_sha256(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  Sha256 h;
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  return h.hex_digest();
}

TEST_F(MotoTest, S3ParallelMultipartUploadAndStreamedDownload) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  const std::uint64_t size = 40ull * 1000 * 1000;  // 40 MB: five 8 MiB parts
  const auto src = write_random_file(size, 7);
  TransferOptions opt;
  opt.part_size = 8ull * 1024 * 1024;
  opt.max_parallel_parts = 4;
  const UploadResult up = s3.upload_file(bucket, "big.bin", src, opt);
  EXPECT_EQ(up.parts, 5);
  EXPECT_EQ(up.bytes, size);
  EXPECT_THAT(up.etag, HasSubstr("-5"));
  const auto dst = src.string() + ".down";
  const ObjectInfo info = s3.download_file(bucket, "big.bin", dst);
  EXPECT_EQ(info.content_length, size);
  EXPECT_EQ(file_sha256(dst), file_sha256(src));
  std::filesystem::remove(src);
  std::filesystem::remove(dst);
}

// Every part carries its CRC-32 (S3 verifies it) and Complete lists them, as the AWS SDKs do
// by default; without them moto (like S3) checksums the whole object again at Complete.
// Expected values are zlib's (python3: base64 of zlib.crc32(part) as four big-endian bytes).
TEST_F(MotoTest, S3MultipartPartsCarryTheirCrc32) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  const std::uint64_t mib5 = 5ull * 1024 * 1024;
  const auto src = std::filesystem::temp_directory_path() / ("nova-crc-" + std::to_string(::getpid()));
  {
    std::ofstream out(src, std::ios::binary);
    out << std::string(mib5, 'a') << std::string(mib5, 'b') << std::string(100, 'c');
  }
  std::string complete_body;
  faults_->set_rule([&](const HttpRequest& r) -> std::optional<Fault> {
    if (r.method == "POST" && r.query.starts_with("uploadId=")) complete_body = r.body.data;
    return std::nullopt;
  });
  TransferOptions opt;
  opt.part_size = mib5;
  opt.max_parallel_parts = 2;
  EXPECT_EQ(s3.upload_file(bucket, "crc.bin", src, opt).parts, 3);

  std::map<std::string, std::string> part_checksums;  // query "partNumber=N&..." -> header
  std::string create_algorithm;
  for (const auto& r : faults_->requests()) {
    const std::string* algorithm = find_header(r.headers, "x-amz-checksum-algorithm");
    if (r.method == "POST" && r.query.starts_with("uploads")) create_algorithm = algorithm ? *algorithm : "";
    const std::string* crc = find_header(r.headers, "x-amz-checksum-crc32");
    if (r.method == "PUT" && r.query.starts_with("partNumber=")) {
      part_checksums[r.query.substr(0, r.query.find('&'))] = crc ? *crc : "";
    }
  }
  EXPECT_EQ(create_algorithm, "CRC32");
  EXPECT_EQ(part_checksums["partNumber=1"], "r/zBbw==");
  EXPECT_EQ(part_checksums["partNumber=2"], "yG5QvA==");
  EXPECT_EQ(part_checksums["partNumber=3"], "XNGVTg==");
  EXPECT_THAT(complete_body, HasSubstr("<ChecksumCRC32>r/zBbw==</ChecksumCRC32><PartNumber>1</PartNumber>"));
  EXPECT_THAT(complete_body, HasSubstr("<ChecksumCRC32>XNGVTg==</ChecksumCRC32><PartNumber>3</PartNumber>"));

  // The object's checksum is the CRC-32 of the parts' CRC-32s (a composite checksum).
  HttpRequest head = s3.core().new_request("HEAD", "/" + bucket + "/crc.bin");
  set_header(head.headers, "x-amz-checksum-mode", "ENABLED");
  const HttpResponse resp = s3.core().invoke({"HeadObject", true, false, false}, head);
  const std::string* composite = find_header(resp.headers, "x-amz-checksum-crc32");
  ASSERT_NE(composite, nullptr);
  EXPECT_THAT(*composite, ::testing::StartsWith("3XhISg=="));
  std::filesystem::remove(src);
}

TEST_F(MotoTest, S3MultipartAbortsWhenAPartFails) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  const auto src = write_random_file(12ull * 1024 * 1024, 11);  // 3 parts of 5 MiB (min part size)
  faults_->set_rule([](const HttpRequest& r) -> std::optional<Fault> {
    if (r.method == "PUT" && r.query.find("partNumber=2&") != std::string::npos) {
      return Fault::s3_error(400, "InvalidRequest", "injected part failure");
    }
    return std::nullopt;
  });
  TransferOptions opt;
  opt.part_size = 5ull * 1024 * 1024;
  try {
    s3.upload_file(bucket, "fails.bin", src, opt);
    FAIL() << "expected the upload to fail";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "InvalidRequest");
    EXPECT_EQ(e.operation(), "UploadPart");
  }
  bool aborted = false;
  for (const auto& r : faults_->requests()) {
    aborted |= r.method == "DELETE" && r.query.find("uploadId=") != std::string::npos;
  }
  EXPECT_TRUE(aborted);
  // The object was never created.
  EXPECT_THROW(s3.head_object(bucket, "fails.bin"), ServiceError);
  std::filesystem::remove(src);
}

TEST_F(MotoTest, S3SlowBodyStillArrivesWhole) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  const std::string data(200000, 'z');
  s3.put_object({bucket, "slow", body_from_string(data), "", {}, {}});
  faults_->push(Fault::slow_body(4096, std::chrono::milliseconds(5)));
  EXPECT_EQ(get_string(s3, bucket, "slow"), data);
  EXPECT_GE(clock_->sleeps().size(), 200000u / 4096);
}

// --- retries -----------------------------------------------------------------------------

TEST_F(MotoTest, RetriesS3SlowDownThenSucceeds) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  faults_->clear();
  faults_->push(Fault::s3_error(503, "SlowDown"), 2);
  s3.put_object({bucket, "k", body_from_string("v"), "", {}, {}});
  const auto seen = faults_->requests();
  ASSERT_EQ(seen.size(), 3u);
  const std::string id = *find_header(seen[0].headers, "amz-sdk-invocation-id");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(*find_header(seen[i].headers, "amz-sdk-invocation-id"), id);
    EXPECT_EQ(*find_header(seen[i].headers, "amz-sdk-request"), "attempt=" + std::to_string(i + 1) + "; max=3");
    EXPECT_NE(find_header(seen[i].headers, "Authorization"), nullptr);
  }
  // Full jitter with rand=0.5: 0.5 * 1 s, then 0.5 * 2 s.
  EXPECT_THAT(clock_->sleeps(), ::testing::ElementsAre(std::chrono::milliseconds(500), std::chrono::milliseconds(1000)));
  EXPECT_EQ(get_string(s3, bucket, "k"), "v");
  EXPECT_EQ(s3.core().retry_quota_available(), RetryQuota::kCapacity);  // refunded
}

TEST_F(MotoTest, RetriesStsThrottlingAndConnectionReset) {
  StsClient sts(config());
  faults_->push(Fault::query_error(400, "Throttling", "Rate exceeded"));
  faults_->push(Fault::transport(TransportErrorKind::kReset));
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_EQ(faults_->calls(), 3);
}

TEST_F(MotoTest, RetriesTimeoutsAndChargesMoreQuota) {
  StsClient sts(config());
  faults_->push(Fault::transport(TransportErrorKind::kTimeout));
  faults_->push(Fault::s3_error(500, "InternalError"));
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_EQ(sts.core().retry_quota_available(), RetryQuota::kCapacity);
  // Now exhaust: three failures in one call take 10 + 5 and are not refunded.
  faults_->push(Fault::transport(TransportErrorKind::kTimeout));
  faults_->push(Fault::json_error(500, "InternalFailure"), 2);
  EXPECT_THROW(sts.get_caller_identity(), ServiceError);
  EXPECT_EQ(sts.core().retry_quota_available(), RetryQuota::kCapacity - 15);
}

TEST_F(MotoTest, GivesUpAfterMaxAttempts) {
  S3Client s3(config());
  const std::string bucket = new_bucket(s3);
  faults_->clear();
  faults_->push(Fault::s3_error(503, "SlowDown"), 3);
  try {
    s3.head_bucket(bucket);
    FAIL() << "expected SlowDown";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "SlowDown");
    EXPECT_EQ(e.http_status(), 503);
    EXPECT_TRUE(e.retryable());
  }
  EXPECT_EQ(faults_->calls(), 3);
}

TEST_F(MotoTest, AwsMaxAttemptsFromEnvironment) {
  ScopedEnvironment env({{"AWS_MAX_ATTEMPTS", "5"}});
  StsClient sts(config());
  faults_->push(Fault::json_error(503, "ServiceUnavailable"), 4);
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_EQ(faults_->calls(), 5);
  EXPECT_EQ(*find_header(faults_->requests().back().headers, "amz-sdk-request"), "attempt=5; max=5");
}

TEST_F(MotoTest, AdaptiveModeLimitsTheSendRateOnlyAfterAThrottle) {
  {
    StsClient standard(config());
    EXPECT_EQ(standard.core().rate_limiter(), nullptr);
  }
  ScopedEnvironment env({{"AWS_RETRY_MODE", "adaptive"}});
  StsClient sts(config());
  ASSERT_NE(sts.core().rate_limiter(), nullptr);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_TRUE(clock_->sleeps().empty());  // unthrottled: no waits at all
  EXPECT_FALSE(sts.core().rate_limiter()->limiting());

  faults_->push(Fault::query_error(400, "Throttling", "Rate exceeded"));
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  EXPECT_TRUE(sts.core().rate_limiter()->limiting());
  ASSERT_FALSE(clock_->sleeps().empty());
  EXPECT_EQ(clock_->sleeps()[0], std::chrono::milliseconds(500));  // the retry's backoff, 0.5 x 1 s

  // From now on every request takes a token. The recording clock does not let the waits pass,
  // so twenty requests at once run up a debt the bucket (at most a few tokens a second this
  // early after the cut) makes the later ones wait for, well over a second each.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  const auto sleeps = clock_->sleeps();
  EXPECT_GT(*std::max_element(sleeps.begin(), sleeps.end()), std::chrono::milliseconds(1000));
}

TEST_F(MotoTest, NonIdempotentCallIsNotRetried) {
  S3Client s3(config());
  faults_->push(Fault::s3_error(503, "SlowDown"));
  EXPECT_THROW(s3.create_bucket("nova-never-retried"), ServiceError);
  EXPECT_EQ(faults_->calls(), 1);
  EXPECT_TRUE(clock_->sleeps().empty());
}

TEST_F(MotoTest, ClientErrorsAreNotRetried) {
  S3Client s3(config());
  faults_->push(Fault::s3_error(403, "AccessDenied"));
  EXPECT_THROW(s3.head_bucket("whatever"), ServiceError);
  EXPECT_EQ(faults_->calls(), 1);
}

// --- transport -----------------------------------------------------------------------------

TEST_F(MotoTest, CurlPoolSurvivesServerClosingConnections) {
  // moto's server answers every request with "Connection: close", so each request opens a
  // new connection; the pooled handles must cope with that (reuse itself needs keep-alive).
  StsClient sts(config());
  for (int i = 0; i < 5; ++i) sts.get_caller_identity();
  EXPECT_EQ(curl_->connections_opened(), 5);
}

TEST_F(MotoTest, CurlReportsConnectFailure) {
  CurlTransport curl;
  HttpRequest r;
  r.method = "GET";
  r.scheme = "http";
  r.host = "127.0.0.1:" + std::to_string(nova::testing::free_port());
  r.path = "/";
  const auto result = curl.send(r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->kind, TransportErrorKind::kConnect);
}

// --- debug log redaction ---------------------------------------------------------------------

TEST_F(MotoTest, DebugLogRedactsSecrets) {
  const std::string secret = "SuperSecretKeyValue0123456789abcdefghijkl";
  const std::string token = "SessionTokenValueThatMustNeverBeLogged0987654321";
  const auto log_path = std::filesystem::temp_directory_path() / ("nova-log-" + std::to_string(::getpid()) + ".txt");
  {
    ScopedEnvironment env({{"NOVA_LOG", "debug"}});
    std::fflush(stderr);
    const int saved = ::dup(STDERR_FILENO);
    std::FILE* f = std::fopen(log_path.c_str(), "w");
    ::dup2(::fileno(f), STDERR_FILENO);
    StsClient sts(config({"AKIDLOGTEST", secret, token, std::nullopt, "", "test"}));
    faults_->push(Fault::query_error(400, "Throttling"));
    sts.get_caller_identity();
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    std::fclose(f);
  }
  std::ifstream in(log_path);
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(log_path);
  EXPECT_THAT(log, HasSubstr("http request GetCallerIdentity attempt 1: POST http://127.0.0.1"));
  EXPECT_THAT(log, HasSubstr("http response GetCallerIdentity: status 200"));
  EXPECT_THAT(log, HasSubstr("Authorization: <redacted>"));
  EXPECT_THAT(log, HasSubstr("X-Amz-Security-Token: <redacted>"));
  EXPECT_THAT(log, HasSubstr("retrying GetCallerIdentity after Throttling"));
  EXPECT_EQ(log.find(secret), std::string::npos);
  EXPECT_EQ(log.find(token), std::string::npos);
}

}  // namespace
}  // namespace nova::aws
