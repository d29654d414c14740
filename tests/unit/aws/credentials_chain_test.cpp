#include "aws/core/credentials/default_chain.hpp"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/core/config/ini_file.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"
#include "unit/aws/credentials_test_support.hpp"

namespace nova::aws {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

class CredentialsChain : public ::testing::Test {
 protected:
  void SetUp() override { env_.isolate_aws(); }

  void files(const std::string& config, const std::string& credentials) {
    env_.set("AWS_CONFIG_FILE", dir_.write("config", config).string());
    env_.set("AWS_SHARED_CREDENTIALS_FILE", dir_.write("credentials", credentials).string());
  }
  CredentialChainOptions options(std::optional<std::string> profile = std::nullopt) {
    CredentialChainOptions o;
    o.profile = std::move(profile);
    o.sts = sts_;
    o.clock = clock_;
    return o;
  }
  Credentials get(std::optional<std::string> profile = std::nullopt) {
    return DefaultCredentialsChain(options(std::move(profile))).get();
  }
  std::string error(std::optional<std::string> profile = std::nullopt) {
    try {
      get(std::move(profile));
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "<no error>";
  }

  ScopedEnvironment env_;
  TempDir dir_;
  std::shared_ptr<test::ManualClock> clock_ = std::make_shared<test::ManualClock>();
  std::shared_ptr<test::RecordingAssumer> sts_ = std::make_shared<test::RecordingAssumer>(clock_);
};

TEST_F(CredentialsChain, EnvBeatsProfileUnlessProfileChosenInCode) {
  files("", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n"
            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n");
  env_.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  EXPECT_EQ(get().access_key_id, "AKIDENV");
  EXPECT_EQ(get().source, "env");
  env_.set("AWS_PROFILE", "dev");  // AWS_PROFILE does not disable env credentials
  EXPECT_EQ(get().access_key_id, "AKIDENV");
  const auto coded = get(std::string("dev"));  // a profile chosen in code does
  EXPECT_EQ(coded.access_key_id, "AKIDDEV");
  EXPECT_EQ(coded.source, "profile:dev");
}

TEST_F(CredentialsChain, ProfileStaticKeysAndSelection) {
  files("[profile dev]\naws_access_key_id = AKIDCFG\naws_secret_access_key = cfgsecret\naws_session_token = t\n",
        "[default]\naws_access_key_id = AKIDDEF\naws_secret_access_key = defsecret\n");
  EXPECT_EQ(get().access_key_id, "AKIDDEF");
  env_.set("AWS_PROFILE", "dev");
  const auto c = get();
  EXPECT_EQ(c.access_key_id, "AKIDCFG");
  EXPECT_EQ(c.session_token, "t");
  EXPECT_EQ(c.source, "profile:dev");
}

TEST_F(CredentialsChain, CredentialsFileKeysBeatProcessWhichBeatsConfigKeys) {
  const auto script = dir_.write("proc.sh", "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"S\"}'\n");
  ::chmod(script.c_str(), 0700);
  files("[profile a]\ncredential_process = " + script.string() + "\naws_access_key_id = AKIDCFG\naws_secret_access_key = x\n"
        "[profile b]\ncredential_process = " + script.string() + "\n",
        "[b]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = y\n");
  EXPECT_EQ(get(std::string("a")).access_key_id, "AKIDPROC");
  EXPECT_EQ(get(std::string("a")).source, "process");
  EXPECT_EQ(get(std::string("b")).access_key_id, "AKIDCREDS");
}

TEST_F(CredentialsChain, MissingSelectedProfileIsAnError) {
  files("[profile dev]\nregion = us-east-1\n", "");
  env_.set("AWS_PROFILE", "typo");
  EXPECT_THAT(error(), HasSubstr("profile 'typo' not found"));
  EXPECT_THAT(error(), HasSubstr("AWS_PROFILE"));
}

TEST_F(CredentialsChain, NothingConfiguredListsEverySourceTried) {
  files("", "");
  const auto msg = error();
  EXPECT_THAT(msg, HasSubstr("no AWS credentials found"));
  EXPECT_THAT(msg, HasSubstr("env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"));
  EXPECT_THAT(msg, HasSubstr("web-identity:"));
  EXPECT_THAT(msg, HasSubstr("profile 'default'"));
  EXPECT_THAT(msg, HasSubstr("container and imds"));
  EXPECT_THAT(msg, HasSubstr("To fix:"));
}

TEST_F(CredentialsChain, BrokenProfileStopsTheChainWithoutLeakingSecrets) {
  files("", "[default]\naws_access_key_id = AKID\n");
  env_.set("AWS_SESSION_TOKEN", "irrelevant");
  const auto msg = error();
  EXPECT_THAT(msg, HasSubstr("only one of aws_access_key_id and aws_secret_access_key"));
  files("", "[default]\naws_secret_access_key = TOPSECRET\n");
  EXPECT_THAT(error(), Not(HasSubstr("TOPSECRET")));
}

TEST_F(CredentialsChain, AssumeRoleThroughSourceProfileChain) {
  files("[profile top]\nrole_arn = arn:aws:iam::1:role/Top\nsource_profile = middle\nrole_session_name = s1\nexternal_id = ext\n"
        "[profile middle]\nrole_arn = arn:aws:iam::1:role/Middle\nsource_profile = base\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n");
  const auto c = get(std::string("top"));
  EXPECT_EQ(c.access_key_id, "ASIA-arn:aws:iam::1:role/Top");
  EXPECT_EQ(c.source, "assume-role:arn:aws:iam::1:role/Top");
  const auto calls = sts_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].role_arn, "arn:aws:iam::1:role/Middle");
  EXPECT_EQ(calls[0].source_access_key, "AKIDBASE");
  EXPECT_EQ(calls[1].role_arn, "arn:aws:iam::1:role/Top");
  EXPECT_EQ(calls[1].source_access_key, "ASIA-arn:aws:iam::1:role/Middle");
  EXPECT_EQ(calls[1].session_name, "s1");
  EXPECT_EQ(calls[1].external_id, "ext");
}

TEST_F(CredentialsChain, AssumedCredentialsAreCachedAndRefreshed) {
  files("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  DefaultCredentialsChain chain(options(std::string("r")));
  chain.get();
  chain.get();
  EXPECT_EQ(sts_->calls().size(), 1u);
  clock_->advance(50min);  // inside the advisory window of the 1 h credentials
  chain.get();
  EXPECT_EQ(sts_->calls().size(), 2u);
}

TEST_F(CredentialsChain, SourceProfileCycleIsDetected) {
  files("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n"
        "[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = a\n",
        "");
  EXPECT_THAT(error(std::string("a")), HasSubstr("source_profile cycle: a -> b -> c -> a"));
  EXPECT_TRUE(sts_->calls().empty());
}

TEST_F(CredentialsChain, SelfReferencingSourceProfileUsesItsOwnKeys) {
  files("[profile self]\nrole_arn = arn:aws:iam::1:role/S\nsource_profile = self\n",
        "[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n");
  EXPECT_EQ(get(std::string("self")).source, "assume-role:arn:aws:iam::1:role/S");
  EXPECT_EQ(sts_->calls().at(0).source_access_key, "AKIDSELF");
}

TEST_F(CredentialsChain, RoleSettingsErrors) {
  files("[profile both]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\ncredential_source = Environment\n"
        "[profile nosource]\nrole_arn = arn:aws:iam::1:role/X\n"
        "[profile badsource]\nrole_arn = arn:aws:iam::1:role/X\ncredential_source = Laptop\n"
        "[profile dangling]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = ghost\n"
        "[profile mfa]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/u\n"
        "[profile dur]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\nduration_seconds = 60\n",
        "[base]\naws_access_key_id = A\naws_secret_access_key = s\n");
  EXPECT_THAT(error(std::string("both")), HasSubstr("both source_profile and credential_source"));
  EXPECT_THAT(error(std::string("nosource")), HasSubstr("no source_profile, credential_source"));
  EXPECT_THAT(error(std::string("badsource")), HasSubstr("expected Environment, Ec2InstanceMetadata or EcsContainer"));
  EXPECT_THAT(error(std::string("dangling")), HasSubstr("'ghost', which does not exist"));
  EXPECT_THAT(error(std::string("mfa")), HasSubstr("mfa_serial"));
  EXPECT_THAT(error(std::string("dur")), HasSubstr("duration_seconds"));
}

TEST_F(CredentialsChain, CredentialSourceEnvironment) {
  files("[profile envrole]\nrole_arn = arn:aws:iam::1:role/E\ncredential_source = Environment\n", "");
  env_.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.set("AWS_SECRET_ACCESS_KEY", "s");
  EXPECT_EQ(get(std::string("envrole")).source, "assume-role:arn:aws:iam::1:role/E");
  EXPECT_EQ(sts_->calls().at(0).source_access_key, "AKIDENV");
}

TEST_F(CredentialsChain, AssumeRoleWithoutStsIsAClearError) {
  files("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n",
        "[base]\naws_access_key_id = A\naws_secret_access_key = s\n");
  auto o = options(std::string("r"));
  o.sts = nullptr;
  try {
    DefaultCredentialsChain(o).get();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("needs STS"));
  }
}

// The token file is rotated (EKS IRSA): each refresh must read it again.
TEST_F(CredentialsChain, WebIdentityFromEnvRereadsTheTokenOnRefresh) {
  files("", "");
  const auto token_file = dir_.write("token", "first-token\n");
  env_.set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.string());
  env_.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Web");
  env_.set("AWS_ROLE_SESSION_NAME", "pod");
  DefaultCredentialsChain chain(options());
  const auto c = chain.get();
  EXPECT_EQ(c.source, "web-identity");
  dir_.write("token", "second-token");
  chain.get();  // cached: no new call
  clock_->advance(55min);
  chain.get();
  const auto calls = sts_->calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].token, "first-token");
  EXPECT_EQ(calls[0].session_name, "pod");
  EXPECT_EQ(calls[1].token, "second-token");
  EXPECT_EQ(calls[1].role_arn, "arn:aws:iam::1:role/Web");
}

TEST_F(CredentialsChain, WebIdentityFromProfileAndHalfSetEnv) {
  const auto token_file = dir_.write("tok", "profile-token");
  files("[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = " + token_file.string() + "\n", "");
  EXPECT_EQ(get(std::string("w")).source, "web-identity");
  EXPECT_EQ(sts_->calls().at(0).token, "profile-token");
  env_.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/W");
  EXPECT_THAT(error(), HasSubstr("needs both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN"));
}

TEST_F(CredentialsChain, WebIdentityBeatsProfile) {
  files("", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  env_.set("AWS_WEB_IDENTITY_TOKEN_FILE", dir_.write("t", "tok").string());
  env_.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/W");
  EXPECT_EQ(get().source, "web-identity");
}

}  // namespace
}  // namespace nova::aws
