#include "aws/core/config/region.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/config/ini_file.hpp"
#include "nova/error.hpp"
#include "support/scoped_env.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using nova::testing::ScopedEnvironment;

SharedConfig config_with_region() {
  return SharedConfig::from_ini(parse_ini("[profile dev]\nregion = eu-central-1\n", "config"), {}, "/x/config");
}

TEST(RegionResolution, PrecedenceChain) {
  ScopedEnvironment env;
  env.isolate_aws();
  const auto cfg = config_with_region();
  const ProfileSelection dev{"dev", "AWS_PROFILE"};
  int imds_calls = 0;
  RegionFallback imds = [&]() -> std::optional<std::string> {
    ++imds_calls;
    return "ap-northeast-1";
  };

  EXPECT_EQ(resolve_region(std::nullopt, cfg, {"none", "default"}, imds)->region, "ap-northeast-1");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, {"none", "default"}, imds)->source, "imds");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, dev, imds)->region, "eu-central-1");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, dev, imds)->source, "profile:dev");
  env.set("AWS_DEFAULT_REGION", "us-west-1");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, dev, imds)->region, "us-west-1");
  env.set("AWS_REGION", "us-east-2");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, dev, imds)->region, "us-east-2");
  EXPECT_EQ(resolve_region(std::nullopt, cfg, dev, imds)->source, "AWS_REGION");
  EXPECT_EQ(resolve_region(std::string("il-central-1"), cfg, dev, imds)->region, "il-central-1");
  EXPECT_EQ(imds_calls, 2);  // asked only when nothing else named a region
}

TEST(RegionResolution, NoRegionIsAClearError) {
  ScopedEnvironment env;
  env.isolate_aws();
  EXPECT_FALSE(resolve_region(std::nullopt, SharedConfig{}, {"default", "default"}).has_value());
  try {
    require_region(std::nullopt, SharedConfig{}, {"default", "default"});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no region: set AWS_REGION"));
  }
}

TEST(RegionResolution, RejectsNamesThatCouldBendAHost) {
  ScopedEnvironment env;
  env.isolate_aws();
  env.set("AWS_REGION", "evil.com/x");
  EXPECT_THROW(resolve_region(std::nullopt, SharedConfig{}, {"default", "default"}), ConfigError);
  env.set("AWS_REGION", "US-EAST-1");
  EXPECT_THROW(resolve_region(std::nullopt, SharedConfig{}, {"default", "default"}), ConfigError);
}

}  // namespace
}  // namespace nova::aws
