#include "aws/core/endpoints/endpoint_resolver.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/config/ini_file.hpp"
#include "aws/core/config/shared_config.hpp"
#include "nova/error.hpp"
#include "support/scoped_env.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nova::testing::ScopedEnvironment;

EndpointInputs inputs(std::string region, const SharedConfig* cfg = nullptr, std::string profile = "default") {
  EndpointInputs in;
  in.region = std::move(region);
  in.config = cfg;
  in.profile = std::move(profile);
  return in;
}

TEST(EndpointDefaults, HostAndSigningPerService) {
  ScopedEnvironment env;
  env.isolate_aws();
  struct Case {
    const char* service;
    const char* region;
    const char* host;
    const char* signing_region;
    const char* signing_name;
  };
  const Case cases[] = {
      {"s3", "us-west-2", "s3.us-west-2.amazonaws.com", "us-west-2", "s3"},
      {"sagemaker", "eu-west-1", "api.sagemaker.eu-west-1.amazonaws.com", "eu-west-1", "sagemaker"},
      {"logs", "us-east-1", "logs.us-east-1.amazonaws.com", "us-east-1", "logs"},
      {"bedrock", "us-east-1", "bedrock.us-east-1.amazonaws.com", "us-east-1", "bedrock"},
      {"bedrock-runtime", "us-east-1", "bedrock-runtime.us-east-1.amazonaws.com", "us-east-1", "bedrock"},
      {"iam", "eu-west-1", "iam.amazonaws.com", "us-east-1", "iam"},
      {"iam", "cn-north-1", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "iam"},
      {"iam", "us-gov-east-1", "iam.us-gov.amazonaws.com", "us-gov-west-1", "iam"},
      {"sts", "ap-southeast-2", "sts.ap-southeast-2.amazonaws.com", "ap-southeast-2", "sts"},
      {"lambda", "us-east-1", "lambda.us-east-1.amazonaws.com", "us-east-1", "lambda"},
      {"eks", "us-east-1", "eks.us-east-1.amazonaws.com", "us-east-1", "eks"},
      {"s3", "cn-northwest-1", "s3.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1", "s3"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.service) + " " + c.region);
    const auto ep = resolve_endpoint(c.service, inputs(c.region));
    EXPECT_EQ(ep.scheme, "https");
    EXPECT_EQ(ep.host, c.host);
    EXPECT_EQ(ep.signing_region, c.signing_region);
    EXPECT_EQ(ep.signing_name, c.signing_name);
    EXPECT_FALSE(ep.custom);
    EXPECT_FALSE(ep.s3_path_style);
    EXPECT_EQ(ep.source, "default");
  }
}

TEST(EndpointDefaults, FipsHosts) {
  ScopedEnvironment env;
  env.isolate_aws();
  auto in = inputs("us-east-1");
  in.use_fips = true;
  EXPECT_EQ(resolve_endpoint("eks", in).host, "fips.eks.us-east-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint("sagemaker", in).host, "api-fips.sagemaker.us-east-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint("iam", in).host, "iam-fips.amazonaws.com");
}

TEST(EndpointDefaults, RegionalServiceNeedsRegion) {
  ScopedEnvironment env;
  env.isolate_aws();
  EXPECT_THROW(resolve_endpoint("s3", inputs("")), ConfigError);
  EXPECT_EQ(resolve_endpoint("iam", inputs("")).host, "iam.amazonaws.com");
  EXPECT_THROW(resolve_endpoint("nosuch", inputs("us-east-1")), std::invalid_argument);
}

TEST(EndpointEnvNames, ExactVariableAndConfigKeyPerService) {
  const std::pair<const char*, const char*> expected[] = {
      {"s3", "AWS_ENDPOINT_URL_S3"},
      {"sagemaker", "AWS_ENDPOINT_URL_SAGEMAKER"},
      {"logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"},
      {"bedrock", "AWS_ENDPOINT_URL_BEDROCK"},
      {"bedrock-runtime", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME"},
      {"iam", "AWS_ENDPOINT_URL_IAM"},
      {"sts", "AWS_ENDPOINT_URL_STS"},
      {"lambda", "AWS_ENDPOINT_URL_LAMBDA"},
      {"eks", "AWS_ENDPOINT_URL_EKS"},
      {"sagemaker-runtime", "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME"},
      {"service-quotas", "AWS_ENDPOINT_URL_SERVICE_QUOTAS"},
      {"kms", "AWS_ENDPOINT_URL_KMS"},
      {"sso", "AWS_ENDPOINT_URL_SSO"},
      {"sso-oidc", "AWS_ENDPOINT_URL_SSO_OIDC"},
  };
  EXPECT_EQ(known_services().size(), std::size(expected));
  for (const auto& [service, var] : expected) {
    SCOPED_TRACE(service);
    EXPECT_EQ(service_info(service).endpoint_env_var(), var);
    // Setting exactly that variable moves exactly that service.
    ScopedEnvironment env;
    env.isolate_aws();
    env.set(var, "http://127.0.0.1:4566");
    const auto ep = resolve_endpoint(service, inputs("eu-west-3"));
    EXPECT_EQ(ep.host, "127.0.0.1:4566");
    EXPECT_EQ(ep.scheme, "http");
    EXPECT_EQ(ep.source, var);
    EXPECT_EQ(ep.signing_region, "eu-west-3");  // custom endpoints sign with the client region (IAM too)
    EXPECT_EQ(ep.signing_name, service_info(service).signing_name);
    for (const auto& [other, other_var] : expected) {
      if (std::string(other) != service) EXPECT_FALSE(resolve_endpoint(other, inputs("eu-west-3")).custom) << other;
    }
  }
  EXPECT_EQ(service_info("logs").config_key(), "cloudwatch_logs");
  EXPECT_EQ(service_info("bedrock-runtime").config_key(), "bedrock_runtime");
}

class EndpointOverrideChain : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.isolate_aws();
    config_ = SharedConfig::from_ini(parse_ini("[profile dev]\n"
                                               "services = local\n"
                                               "endpoint_url = http://profile-global:1000\n"
                                               "[profile ignorer]\n"
                                               "services = local\n"
                                               "endpoint_url = http://profile-global:1000\n"
                                               "ignore_configured_endpoint_urls = true\n"
                                               "[services local]\n"
                                               "s3 =\n"
                                               "  endpoint_url = http://services-s3:2000/prefix/\n"
                                               "cloudwatch_logs =\n"
                                               "  endpoint_url = http://services-logs:2001\n",
                                               "config"),
                                     {});
  }
  ResolvedEndpoint resolve(const char* service, const char* profile = "dev",
                           std::optional<std::string> explicit_url = std::nullopt) {
    auto in = inputs("us-west-2", &config_, profile);
    in.explicit_url = std::move(explicit_url);
    return resolve_endpoint(service, in);
  }
  ScopedEnvironment env_;
  SharedConfig config_;
};

TEST_F(EndpointOverrideChain, EachLevelInOrder) {
  // 4. profile endpoint_url, for a service without a [services] entry
  EXPECT_EQ(resolve("sagemaker").url(), "http://profile-global:1000");
  EXPECT_EQ(resolve("sagemaker").source, "profile:dev");
  // 3. [services] beats the profile's endpoint_url; the path prefix keeps no trailing '/'
  EXPECT_EQ(resolve("s3").url(), "http://services-s3:2000/prefix");
  EXPECT_EQ(resolve("s3").path_prefix, "/prefix");
  EXPECT_EQ(resolve("s3").source, "services:local.s3");
  EXPECT_TRUE(resolve("s3").s3_path_style);
  EXPECT_EQ(resolve("logs").host, "services-logs:2001");
  // 2. AWS_ENDPOINT_URL beats the config file
  env_.set("AWS_ENDPOINT_URL", "https://global-env:3000");
  EXPECT_EQ(resolve("s3").url(), "https://global-env:3000");
  EXPECT_EQ(resolve("sagemaker").source, "AWS_ENDPOINT_URL");
  // 1. the service variable beats the global one
  env_.set("AWS_ENDPOINT_URL_S3", "http://s3-env:4000");
  EXPECT_EQ(resolve("s3").url(), "http://s3-env:4000");
  EXPECT_EQ(resolve("sagemaker").url(), "https://global-env:3000");
  // 0. code beats everything
  EXPECT_EQ(resolve("s3", "dev", "http://code:5000").url(), "http://code:5000");
  EXPECT_EQ(resolve("s3", "dev", "http://code:5000").source, "code");
}

TEST_F(EndpointOverrideChain, IgnoreFlagFromEnvAndProfile) {
  env_.set("AWS_ENDPOINT_URL", "http://global-env:3000");
  // profile flag: env and config endpoints both ignored
  EXPECT_EQ(resolve("s3", "ignorer").host, "s3.us-west-2.amazonaws.com");
  EXPECT_EQ(resolve("s3", "ignorer").source, "default");
  // env flag for a profile without one
  env_.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
  EXPECT_EQ(resolve("s3").host, "s3.us-west-2.amazonaws.com");
  // the explicit endpoint is never ignored
  EXPECT_EQ(resolve("s3", "dev", "http://code:5000").host, "code:5000");
  // env false overrides the profile's true
  env_.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
  EXPECT_EQ(resolve("s3", "ignorer").host, "global-env:3000");
  env_.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe");
  EXPECT_THROW(resolve("s3"), ConfigError);
}

TEST(EndpointUrlParsing, AcceptsAndRejects) {
  auto u = parse_endpoint_url("HTTP://[::1]:8080/a/b/", "x");
  EXPECT_EQ(u.scheme, "http");
  EXPECT_EQ(u.host, "[::1]:8080");
  EXPECT_EQ(u.path_prefix, "/a/b");
  EXPECT_THROW(parse_endpoint_url("localhost:5000", "x"), ConfigError);
  EXPECT_THROW(parse_endpoint_url("ftp://h", "x"), ConfigError);
  EXPECT_THROW(parse_endpoint_url("http://h/?q=1", "x"), ConfigError);
  EXPECT_THROW(parse_endpoint_url("http://h\r\nX: y", "x"), ConfigError);
  try {
    parse_endpoint_url("https://user:hunter2@host", "AWS_ENDPOINT_URL");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("AWS_ENDPOINT_URL"));
    EXPECT_THAT(e.what(), Not(HasSubstr("hunter2")));
  }
}

TEST(EndpointS3Addressing, PathStyleRules) {
  ScopedEnvironment env;
  env.isolate_aws();
  const auto aws = resolve_endpoint("s3", inputs("us-east-1"));
  EXPECT_FALSE(s3_use_path_style(aws, "my-bucket"));
  EXPECT_TRUE(s3_use_path_style(aws, "my.dotted.bucket"));
  EXPECT_TRUE(s3_use_path_style(aws, "Upper_Case"));
  auto in = inputs("us-east-1");
  in.explicit_url = "http://localhost:5000";
  EXPECT_TRUE(s3_use_path_style(resolve_endpoint("s3", in), "my-bucket"));
}

}  // namespace
}  // namespace nova::aws
