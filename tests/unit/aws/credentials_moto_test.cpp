// IMDS and STS-backed providers against a real moto_server (moto serves instance metadata
// at /latest/..., see the wire fact sheet §4.2 and §6.6), through the real curl transport.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/config/region.hpp"
#include "aws/core/credentials/container_provider.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/credentials/default_chain.hpp"
#include "aws/core/credentials/imds_provider.hpp"
#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/sts/sts_client.hpp"
#include "aws/sts/sts_role_assumer.hpp"
#include "support/moto_server.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using nova::testing::MotoServer;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

class CredentialsMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  void SetUp() override {
    env_.isolate_aws();
    env_.unset("AWS_EC2_METADATA_DISABLED");
    env_.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", moto_->endpoint());
  }
  CredentialChainOptions options() {
    CredentialChainOptions o;
    o.metadata_transport = faults_;
    ClientConfig sts;
    sts.endpoint = moto_->endpoint();
    sts.region = "us-east-1";
    sts.transport = curl_;
    sts.retry.max_attempts = 1;
    o.sts = std::make_shared<StsClientAssumer>(std::move(sts));
    return o;
  }
  std::vector<HttpRequest> requests() const { return faults_->requests(); }
  // Answers every IMDSv2 token PUT with `status` (in front of moto, which always grants one).
  void refuse_token(int status) {
    faults_->set_rule([status](const HttpRequest& r) -> std::optional<Fault> {
      if (r.method != "PUT") return std::nullopt;
      Fault f;
      f.kind = Fault::Kind::kResponse;
      f.status = status;
      return f;
    });
  }

  inline static MotoServer* moto_ = nullptr;
  ScopedEnvironment env_;
  TempDir dir_;
  std::shared_ptr<CurlTransport> curl_ = std::make_shared<CurlTransport>(metadata_transport_options());
  std::shared_ptr<FaultInjectingTransport> faults_ = std::make_shared<FaultInjectingTransport>(curl_);
};

TEST_F(CredentialsMoto, ImdsV2ThroughTheChain) {
  DefaultCredentialsChain chain(options());
  const auto c = chain.get();
  EXPECT_EQ(c.source, "imds");
  EXPECT_EQ(c.access_key_id, "test-key");
  EXPECT_EQ(c.secret_access_key, "test-secret-key");
  EXPECT_EQ(c.session_token, "test-session-token");
  ASSERT_TRUE(c.expiration);
  EXPECT_GT(*c.expiration, std::chrono::system_clock::now() + std::chrono::hours(12));
  const auto seen = requests();
  ASSERT_EQ(seen.size(), 4u);  // token + role list, token + role credentials
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].path, "/latest/api/token");
  EXPECT_EQ(*find_header(seen[0].headers, "x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(seen[1].path, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(*find_header(seen[1].headers, "x-aws-ec2-metadata-token"), "fake-imdsv2-token");
  EXPECT_EQ(seen[3].path, "/latest/meta-data/iam/security-credentials/default-role");
  chain.get();
  EXPECT_EQ(requests().size(), 4u);  // cached
}

TEST_F(CredentialsMoto, ImdsFallsBackToV1WhenTheTokenCallIsRefused) {
  for (int status : {403, 404, 405}) {
    SCOPED_TRACE(status);
    faults_->clear();
    refuse_token(status);
    const auto c = ImdsCredentialsProvider(std::make_shared<ImdsClient>(faults_, ImdsOptions::from_environment())).get();
    EXPECT_EQ(c.access_key_id, "test-key");
    for (const auto& r : requests()) {
      if (r.method == "GET") EXPECT_EQ(find_header(r.headers, "x-aws-ec2-metadata-token"), nullptr);
    }
  }
}

TEST_F(CredentialsMoto, ImdsV1DisabledOrBadTokenRequestIsAnError) {
  refuse_token(405);
  env_.set("AWS_EC2_METADATA_V1_DISABLED", "true");
  ImdsCredentialsProvider p(std::make_shared<ImdsClient>(faults_, ImdsOptions::from_environment()));
  try {
    p.get();
    FAIL();
  } catch (const CredentialsNotFound&) {
    FAIL() << "must not look like 'no IMDS'";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("IMDSv1 is disabled"));
  }
  refuse_token(400);
  EXPECT_THROW(p.get(), ConfigError);
}

TEST_F(CredentialsMoto, ImdsRegionFeedsTheRegionChain) {
  auto client = std::make_shared<ImdsClient>(curl_, ImdsOptions::from_environment());
  EXPECT_EQ(client->region(), "us-east-1");
  const auto r = resolve_region(std::nullopt, SharedConfig{}, {"default", "default"}, [&] { return client->region(); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->region, "us-east-1");
  EXPECT_EQ(r->source, "imds");
}

TEST_F(CredentialsMoto, ImdsUnreachableOrDisabledIsNotFound) {
  env_.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + std::to_string(nova::testing::free_port()));
  try {
    DefaultCredentialsChain(options()).get();
    FAIL();
  } catch (const CredentialsNotFound& e) {
    EXPECT_THAT(e.what(), HasSubstr("imds: no instance metadata service answered"));
  }
  env_.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", moto_->endpoint());
  env_.set("AWS_EC2_METADATA_DISABLED", "true");
  faults_->clear();
  try {
    DefaultCredentialsChain(options()).get();
    FAIL();
  } catch (const CredentialsNotFound& e) {
    EXPECT_THAT(e.what(), HasSubstr("imds: disabled by AWS_EC2_METADATA_DISABLED"));
  }
  EXPECT_EQ(faults_->calls(), 0);
}

TEST_F(CredentialsMoto, AssumeRoleProfileThroughStsOnMoto) {
  env_.set("AWS_EC2_METADATA_DISABLED", "true");
  env_.set("AWS_CONFIG_FILE", dir_.write("config", "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/nova\n"
                                                   "source_profile = base\nrole_session_name = nova-unit\n")
                                  .string());
  env_.set("AWS_SHARED_CREDENTIALS_FILE",
           dir_.write("credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n").string());
  env_.set("AWS_PROFILE", "role");
  const auto c = DefaultCredentialsChain(options()).get();
  EXPECT_EQ(c.source, "assume-role:arn:aws:iam::123456789012:role/nova");
  EXPECT_EQ(c.access_key_id.rfind("ASIA", 0), 0u);
  EXPECT_FALSE(c.session_token.empty());
  ASSERT_TRUE(c.expiration);
  EXPECT_GT(*c.expiration, std::chrono::system_clock::now());
}

TEST_F(CredentialsMoto, AssumeRoleFromInstanceMetadataSource) {
  env_.set("AWS_CONFIG_FILE", dir_.write("config", "[profile ec2role]\nrole_arn = arn:aws:iam::123456789012:role/nova\n"
                                                   "credential_source = Ec2InstanceMetadata\n")
                                  .string());
  env_.set("AWS_PROFILE", "ec2role");
  const auto c = DefaultCredentialsChain(options()).get();
  EXPECT_EQ(c.source, "assume-role:arn:aws:iam::123456789012:role/nova");
  bool imds_used = false;
  for (const auto& r : requests()) imds_used = imds_used || r.path == "/latest/meta-data/iam/security-credentials/";
  EXPECT_TRUE(imds_used);
}

TEST_F(CredentialsMoto, WebIdentityThroughStsOnMoto) {
  env_.set("AWS_EC2_METADATA_DISABLED", "true");
  env_.set("AWS_WEB_IDENTITY_TOKEN_FILE", dir_.write("token", "header.payload.signature").string());
  env_.set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/nova-web");
  const auto c = DefaultCredentialsChain(options()).get();
  EXPECT_EQ(c.source, "web-identity");
  EXPECT_EQ(c.access_key_id.rfind("ASIA", 0), 0u);
}

}  // namespace
}  // namespace nova::aws
