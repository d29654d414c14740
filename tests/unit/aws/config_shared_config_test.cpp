#include "aws/core/config/client_settings.hpp"
#include "aws/core/config/ini_file.hpp"
#include "aws/core/config/shared_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

TEST(ConfigIni, ParsesSectionsKeysCommentsAndSubsections) {
  const auto ini = parse_ini(
      "# comment\n"
      "; another\n"
      "[profile dev]\n"
      "Region = eu-west-1\n"
      "credential_process = /bin/tool --flag #not-a-comment\n"
      "s3 =\n"
      "  endpoint_url = http://localhost:9000\n"
      "  addressing_style=path\n"
      "\n"
      "[default]\r\n"
      "output=json\r\n",
      "cfg");
  const auto* dev = ini.find("profile dev");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(dev->values.at("region"), "eu-west-1");  // keys are lower-cased
  EXPECT_EQ(dev->values.at("credential_process"), "/bin/tool --flag #not-a-comment");
  EXPECT_EQ(dev->subsections.at("s3").at("endpoint_url"), "http://localhost:9000");
  EXPECT_EQ(dev->subsections.at("s3").at("addressing_style"), "path");
  ASSERT_NE(ini.find("default"), nullptr);
  EXPECT_EQ(ini.find("default")->values.at("output"), "json");
}

TEST(ConfigIni, ContinuationOfNonEmptyValueAppends) {
  const auto ini = parse_ini("[a]\nkey = first\n  second\n", "cfg");
  EXPECT_EQ(ini.find("a")->values.at("key"), "first\nsecond");
}

TEST(ConfigIni, ErrorsNameFileAndLineButNeverTheLine) {
  try {
    parse_ini("[default]\naws_secret_access_key SECRETVALUE123\n", "/tmp/creds");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/tmp/creds:2"));
    EXPECT_THAT(e.what(), Not(HasSubstr("SECRETVALUE123")));
  }
  EXPECT_THROW(parse_ini("key = value\n", "f"), ConfigError);
  EXPECT_THROW(parse_ini("[unclosed\n", "f"), ConfigError);
}

TEST(ConfigSharedFiles, ProfilePrefixesAndCredentialsWin) {
  const auto config = parse_ini(
      "[default]\nregion = us-east-1\n"
      "[profile default]\nregion = us-west-2\n"
      "[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n"
      "[bare]\nregion = ap-south-1\n"
      "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:5000\n",
      "config");
  const auto creds = parse_ini("[dev]\naws_access_key_id = FROMCREDS\n[other]\naws_access_key_id = X\n", "credentials");
  const auto shared = SharedConfig::from_ini(config, creds);
  ASSERT_NE(shared.profile("default"), nullptr);
  EXPECT_EQ(shared.profile("default")->get("region"), "us-west-2");  // [profile default] wins over [default]
  EXPECT_EQ(shared.profile("dev")->get("aws_access_key_id"), "FROMCREDS");
  EXPECT_TRUE(shared.profile("dev")->from_credentials_file.count("aws_access_key_id"));
  EXPECT_EQ(shared.profile("dev")->get("region"), "eu-west-1");
  EXPECT_EQ(shared.profile("bare"), nullptr);  // bare [x] in the config file is not a profile
  EXPECT_NE(shared.profile("other"), nullptr);
  ASSERT_NE(shared.service_settings("local", "s3"), nullptr);
  EXPECT_EQ(shared.service_settings("local", "s3")->at("endpoint_url"), "http://127.0.0.1:5000");
  EXPECT_EQ(shared.service_settings("local", "sts"), nullptr);
}

TEST(ConfigSharedFiles, LoadsFilesNamedByEnvironment) {
  ScopedEnvironment env;
  env.isolate_aws();
  TempDir dir;
  env.set("AWS_CONFIG_FILE", dir.write("config", "[profile p]\nregion = eu-north-1\n").string());
  env.set("AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", "[p]\naws_access_key_id = AK\n").string());
  const auto shared = SharedConfig::load();
  ASSERT_NE(shared.profile("p"), nullptr);
  EXPECT_EQ(shared.profile("p")->get("region"), "eu-north-1");
  EXPECT_EQ(shared.profile("p")->get("aws_access_key_id"), "AK");
  EXPECT_EQ(shared.config_path(), (dir / "config").string());
}

TEST(ConfigSharedFiles, MissingFilesAreEmpty) {
  ScopedEnvironment env;
  env.isolate_aws();
  const auto shared = SharedConfig::load();
  EXPECT_EQ(shared.profile("default"), nullptr);
}

TEST(ConfigSharedFiles, TildeExpandsToHome) {
  ScopedEnvironment env;
  env.isolate_aws();
  TempDir dir;
  dir.write("cfg", "[default]\nregion = sa-east-1\n");
  env.set("HOME", dir.path().string());
  env.set("AWS_CONFIG_FILE", "~/cfg");
  EXPECT_EQ(config_file_path(), (dir / "cfg").string());
  EXPECT_EQ(SharedConfig::load().profile("default")->get("region"), "sa-east-1");
}

TEST(ConfigProfileSelection, ExplicitThenAwsProfileThenDefaultProfileVariable) {
  ScopedEnvironment env;
  env.isolate_aws();
  EXPECT_EQ(select_profile().name, "default");
  EXPECT_EQ(select_profile().source, "default");
  env.set("AWS_DEFAULT_PROFILE", "legacy");
  EXPECT_EQ(select_profile().name, "legacy");
  env.set("AWS_PROFILE", "standard");
  EXPECT_EQ(select_profile().name, "standard");  // AWS_PROFILE wins when both are set
  EXPECT_EQ(select_profile().source, "AWS_PROFILE");
  EXPECT_EQ(select_profile(std::string("cli")).name, "cli");
  EXPECT_TRUE(select_profile(std::string("cli")).from_code());
}

TEST(ConfigClientSettings, EnvOverProfileAndDefaults) {
  ScopedEnvironment env;
  env.isolate_aws();
  const auto shared = SharedConfig::from_ini(
      parse_ini("[default]\nretry_mode = legacy\nmax_attempts = 7\nca_bundle = /etc/ca.pem\n", "c"), {});
  const ProfileSelection def{"default", "default"};
  auto s = resolve_client_settings(shared, def);
  EXPECT_EQ(s.retry_mode, RetryMode::kLegacy);
  EXPECT_EQ(s.max_attempts, 7);
  EXPECT_EQ(s.max_attempts_source, "profile:default");
  EXPECT_EQ(s.ca_bundle, "/etc/ca.pem");

  env.set("AWS_RETRY_MODE", "standard");
  env.set("AWS_MAX_ATTEMPTS", "2");
  env.set("AWS_CA_BUNDLE", "/env/ca.pem");
  s = resolve_client_settings(shared, def);
  EXPECT_EQ(s.retry_mode, RetryMode::kStandard);
  EXPECT_EQ(s.retry_mode_source, "AWS_RETRY_MODE");
  EXPECT_EQ(s.max_attempts, 2);
  EXPECT_EQ(s.ca_bundle, "/env/ca.pem");

  env.unset("AWS_RETRY_MODE");
  env.unset("AWS_MAX_ATTEMPTS");
  EXPECT_EQ(resolve_client_settings(SharedConfig{}, def).max_attempts, 3);
  EXPECT_EQ(resolve_client_settings(SharedConfig{}, def).retry_mode, RetryMode::kStandard);
}

TEST(ConfigClientSettings, RejectsBadValues) {
  ScopedEnvironment env;
  env.isolate_aws();
  const ProfileSelection def{"default", "default"};
  env.set("AWS_MAX_ATTEMPTS", "0");
  EXPECT_THROW(resolve_client_settings(SharedConfig{}, def), ConfigError);
  env.set("AWS_MAX_ATTEMPTS", "3x");
  EXPECT_THROW(resolve_client_settings(SharedConfig{}, def), ConfigError);
  env.unset("AWS_MAX_ATTEMPTS");
  env.set("AWS_RETRY_MODE", "fast");
  EXPECT_THROW(resolve_client_settings(SharedConfig{}, def), ConfigError);
}

}  // namespace
}  // namespace nova::aws
