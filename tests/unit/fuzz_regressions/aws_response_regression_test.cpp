// fuzz_aws_response: answers the fuzzer found hanging or crashing the service clients,
// replayed through the fault-injecting transport (every request gets the same answer).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/iam/iam_client.hpp"
#include "aws/s3/s3_client.hpp"
#include "support/test_paths.hpp"

namespace nova::aws {
namespace {

ClientConfig answering(const std::string& body) {
  auto faults = std::make_shared<FaultInjectingTransport>(std::make_shared<CurlTransport>());
  faults->set_rule([body](const HttpRequest&) {
    Fault f;
    f.kind = Fault::Kind::kResponse;
    f.status = 200;
    f.body = body;
    return std::optional<Fault>(f);
  });
  ClientConfig config;
  config.endpoint = "http://127.0.0.1:9";  // never reached: every answer is injected
  config.region = "us-east-1";
  config.credentials = std::make_shared<StaticCredentialsProvider>(Credentials{"AKID", "secret", "", {}, "", "test"});
  config.transport = faults;
  return config;
}

std::string error_code(const std::function<void()>& call) {
  try {
    call();
  } catch (const ServiceError& e) {
    return e.code();
  }
  return "no error";
}

// The page says IsTruncated with the Marker it was asked with: "every page" never ended.
TEST(FuzzRegression, IamPageRepeatingItsMarkerEndsWithAnError) {
  const std::string input =
      nova::testing::read_file(std::string(NOVA_SOURCE_DIR) + "/tests/unit/fuzz_regressions/inputs/iam_repeated_marker.xml");
  IamClient iam(answering(input.substr(1)));  // the first byte chose the operation
  EXPECT_EQ(error_code([&] { (void)iam.list_attached_role_policies("r"); }), "PaginationLoop");
}

TEST(FuzzRegression, S3ListingsRepeatingTheirTokenEndWithAnError) {
  S3Client s3(answering(
      "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t</NextContinuationToken></ListBucketResult>"));
  ListObjectsV2Request request;
  request.bucket = "b";
  EXPECT_EQ(error_code([&] { (void)s3.list_all_objects(request, [](const ObjectSummary&) {}); }), "PaginationLoop");
  S3Client uploads(answering("<ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker>"
                             "</ListMultipartUploadsResult>"));
  EXPECT_EQ(error_code([&] { (void)uploads.list_multipart_uploads("b"); }), "PaginationLoop");
}

}  // namespace
}  // namespace nova::aws
