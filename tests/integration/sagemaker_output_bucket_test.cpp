// The S3 calls behind the Nova output bucket (reference launch.md §4.5) against moto:
// CreateBucket in a region, HeadBucket with the expected owner, SSE-KMS default encryption.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <pugixml.hpp>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "support/moto_suite.hpp"

namespace nova::aws {
namespace {

class OutputBucketTest : public nova::testing::MotoSuite {
 protected:
  static S3Client s3() { return Session().s3(); }
  static std::string unique(const std::string& stem) { return stem + "-" + std::to_string(::getpid()); }

  // GetBucketLocation's LocationConstraint ("" for us-east-1).
  static std::string location(S3Client& client, const std::string& bucket) {
    HttpRequest r = client.core().new_request("GET", "/" + bucket, "location=");
    const HttpResponse resp = client.core().invoke({"GetBucketLocation", true, false, false}, r);
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_buffer(resp.body.data(), resp.body.size()));
    return doc.child("LocationConstraint").child_value();
  }
};

TEST_F(OutputBucketTest, BucketIsCreatedInTheGivenRegion) {
  S3Client client = s3();  // a us-east-1 client
  const std::string bucket = unique("nova-out-euw2");
  client.create_bucket(bucket, "eu-west-2");
  EXPECT_EQ(location(client, bucket), "eu-west-2");
  EXPECT_EQ(client.head_bucket(bucket), "eu-west-2");
}

TEST_F(OutputBucketTest, UsEast1TakesNoLocationConstraint) {
  S3Client client = s3();
  const std::string bucket = unique("nova-out-use1");
  client.create_bucket(bucket, "us-east-1");  // moto, like S3, refuses us-east-1 as a constraint
  EXPECT_EQ(location(client, bucket), "");
}

TEST_F(OutputBucketTest, ExpectedOwnerIsSent) {
  // moto does not check the owner: assert the header on the wire, through a recording transport.
  auto recorder = std::make_shared<FaultInjectingTransport>(std::make_shared<CurlTransport>());
  SessionOptions options;
  options.transport = recorder;
  S3Client client = Session(options).s3();
  const std::string bucket = unique("nova-out-owner");
  client.create_bucket(bucket, "us-east-1");
  EXPECT_EQ(client.head_bucket(bucket, "123456789012"), "us-east-1");
  client.head_bucket(bucket);
  const auto sent = recorder->requests();
  ASSERT_EQ(sent.size(), 3U);
  const std::string* owner = find_header(sent[1].headers, "x-amz-expected-bucket-owner");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(*owner, "123456789012");
  EXPECT_EQ(find_header(sent[2].headers, "x-amz-expected-bucket-owner"), nullptr);
}

TEST_F(OutputBucketTest, DefaultEncryptionIsSseKms) {
  S3Client client = s3();
  const std::string bucket = unique("nova-out-kms");
  client.create_bucket(bucket, "us-east-1");
  const std::string key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd";
  client.put_bucket_encryption(bucket, key);
  HttpRequest r = client.core().new_request("GET", "/" + bucket, "encryption=");
  const HttpResponse resp = client.core().invoke({"GetBucketEncryption", true, false, false}, r);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_buffer(resp.body.data(), resp.body.size()));
  const pugi::xml_node rule =
      doc.child("ServerSideEncryptionConfiguration").child("Rule").child("ApplyServerSideEncryptionByDefault");
  EXPECT_STREQ(rule.child_value("SSEAlgorithm"), "aws:kms");
  EXPECT_EQ(std::string(rule.child_value("KMSMasterKeyID")), key);
  EXPECT_THROW(client.put_bucket_encryption(bucket, ""), ValueError);
}

}  // namespace
}  // namespace nova::aws
