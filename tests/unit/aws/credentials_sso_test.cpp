// IAM Identity Center profiles: the settings rules, the AWS CLI's token cache (read, refreshed,
// written back) and the chain's order. The portal is a recording double of our own SsoPortal
// interface; the wire calls are proven against the stand-in (SsoCredentialsTest).

#include "aws/core/credentials/sso_provider.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/credentials/default_chain.hpp"
#include "nova/error.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"
#include "unit/aws/credentials_test_support.hpp"

namespace nova::aws {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using ::testing::HasSubstr;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

constexpr const char* kSessionConfig =
    "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = MLEngineer\n"
    "region = us-west-2\n"
    "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n";
// sha1("corp") and sha1("https://corp.awsapps.com/start"), the AWS CLI's cache file names.
constexpr const char* kSessionCacheName = "ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
constexpr const char* kStartUrlCacheName = "a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json";

class RecordingPortal final : public SsoPortal {
 public:
  struct Call {
    std::string what, region, account_id, role_name, token;
  };
  Credentials get_role_credentials(const std::string& region, const std::string& account_id,
                                   const std::string& role_name, const std::string& access_token) override {
    calls.push_back({"get_role_credentials", region, account_id, role_name, access_token});
    if (refuse_token == access_token) {
      throw ServiceError("SSO GetRoleCredentials failed: UnauthorizedException", "SSO", "GetRoleCredentials",
                         "UnauthorizedException", 401, "", false);
    }
    Credentials c;
    c.access_key_id = "ASIASSO" + std::to_string(calls.size());
    c.secret_access_key = "role-secret";
    c.session_token = "role-session";
    c.expiration = clock->now() + 1h;
    return c;
  }
  SsoTokenGrant refresh_token(const std::string& region, const std::string& client_id, const std::string& client_secret,
                              const std::string& refresh_token) override {
    calls.push_back({"refresh_token", region, client_id, client_secret, refresh_token});
    if (refuse_refresh) {
      throw ServiceError("SSO OIDC CreateToken failed: InvalidGrantException", "SSO OIDC", "CreateToken",
                         "InvalidGrantException", 400, "", false);
    }
    return {"renewed-access-token", 8h, std::string("rotated-refresh-token")};
  }
  std::shared_ptr<const Clock> clock;
  std::vector<Call> calls;
  std::string refuse_token;
  bool refuse_refresh{false};
};

class SsoCredentialsUnitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    portal_->clock = clock_;
    env_.isolate_aws();
    env_.set("HOME", home_.path().string());
    std::filesystem::create_directories(cache_dir());
  }
  std::filesystem::path cache_dir() const { return home_.path() / ".aws/sso/cache"; }
  void config(const std::string& text) {
    env_.set("AWS_CONFIG_FILE", home_.write("config", text).string());
    env_.set("AWS_SHARED_CREDENTIALS_FILE", (home_.path() / "no-credentials").string());
  }
  void cache(const std::string& name, const json& token) const {
    std::ofstream(cache_dir() / name) << token.dump();
  }
  // The cache's time format (botocore and the SSO CLI test prove it readable by the AWS CLI).
  static std::string iso(std::chrono::system_clock::time_point t) { return format_iso8601(t); }
  json session_token(std::chrono::system_clock::duration left) const {
    return {{"startUrl", "https://corp.awsapps.com/start"},
            {"region", "eu-west-1"},
            {"accessToken", "cached-access-token"},
            {"expiresAt", iso(clock_->now() + left)},
            {"clientId", "client-123"},
            {"clientSecret", "client-secret"},
            {"registrationExpiresAt", iso(clock_->now() + 24h * 30)},
            {"refreshToken", "cached-refresh-token"}};
  }
  Credentials get(const std::string& profile = "dev") {
    CredentialChainOptions o;
    o.profile = profile;
    o.sso = portal_;
    o.clock = clock_;
    return DefaultCredentialsChain(o).get();
  }
  std::string config_error(const std::string& profile = "dev") {
    try {
      get(profile);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "<no error>";
  }

  ScopedEnvironment env_;
  TempDir home_;
  std::shared_ptr<test::ManualClock> clock_ = std::make_shared<test::ManualClock>();
  std::shared_ptr<RecordingPortal> portal_ = std::make_shared<RecordingPortal>();
};

TEST_F(SsoCredentialsUnitTest, SettingsComeFromTheProfileAndItsSsoSession) {
  const SharedConfig cfg = SharedConfig::from_ini(
      parse_ini(kSessionConfig, "config"),
      parse_ini("", "credentials"));
  const auto s = sso_settings(*cfg.profile("dev"), cfg);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->session_name, "corp");
  EXPECT_EQ(s->start_url, "https://corp.awsapps.com/start");
  EXPECT_EQ(s->region, "eu-west-1");
  EXPECT_EQ(s->account_id, "111122223333");
  EXPECT_EQ(s->role_name, "MLEngineer");
  EXPECT_EQ(sso_token_cache_file(*s, "/c"), std::string("/c/") + kSessionCacheName);
}

TEST_F(SsoCredentialsUnitTest, SettingsRulesNameWhatIsWrong) {
  auto error_of = [](const std::string& text) -> std::string {
    const SharedConfig cfg = SharedConfig::from_ini(parse_ini(text, "config"), parse_ini("", "credentials"));
    try {
      sso_settings(*cfg.profile("p"), cfg);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "<no error>";
  };
  EXPECT_THAT(error_of("[profile p]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n"),
              HasSubstr("has no [sso-session nope] section"));
  EXPECT_THAT(error_of("[profile p]\nsso_account_id = 1\nsso_role_name = R\nsso_region = us-east-1\n"),
              HasSubstr("configured for IAM Identity Center but lacks sso_start_url"));
  EXPECT_THAT(error_of("[profile p]\nsso_session = s\nsso_role_name = R\n"
                       "[sso-session s]\nsso_start_url = https://a/start\nsso_region = us-east-1\n"),
              HasSubstr("lacks sso_account_id (in the profile or its [sso-session s])"));
  EXPECT_THAT(error_of("[profile p]\nsso_session = s\nsso_account_id = 1\nsso_role_name = R\n"
                       "sso_start_url = https://other/start\n"
                       "[sso-session s]\nsso_start_url = https://a/start\nsso_region = us-east-1\n"),
              HasSubstr("sets sso_start_url = https://other/start, but its sso-session 's' says https://a/start"));

  // Without a role, a profile is not an IAM Identity Center credential source (botocore's rule).
  const SharedConfig cfg = SharedConfig::from_ini(
      parse_ini("[profile p]\nsso_session = s\n[sso-session s]\nsso_start_url = https://a/start\n", "config"),
      parse_ini("", "credentials"));
  EXPECT_FALSE(sso_settings(*cfg.profile("p"), cfg).has_value());
}

TEST_F(SsoCredentialsUnitTest, ACachedTokenBuysTheRolesCredentials) {
  config(kSessionConfig);
  cache(kSessionCacheName, session_token(2h));
  const Credentials c = get();
  EXPECT_EQ(c.access_key_id, "ASIASSO1");
  EXPECT_EQ(c.account_id, "111122223333");
  EXPECT_EQ(c.source, "sso");
  ASSERT_EQ(portal_->calls.size(), 1U);
  EXPECT_EQ(portal_->calls[0].what, "get_role_credentials");
  EXPECT_EQ(portal_->calls[0].region, "eu-west-1");  // the sign-in's region, not the profile's
  EXPECT_EQ(portal_->calls[0].account_id, "111122223333");
  EXPECT_EQ(portal_->calls[0].role_name, "MLEngineer");
  EXPECT_EQ(portal_->calls[0].token, "cached-access-token");
}

TEST_F(SsoCredentialsUnitTest, ATokenCloseToExpiryIsRefreshedAndWrittenBackPrivately) {
  config(kSessionConfig);
  cache(kSessionCacheName, session_token(10min));
  get();
  ASSERT_EQ(portal_->calls.size(), 2U);
  EXPECT_EQ(portal_->calls[0].what, "refresh_token");
  EXPECT_EQ(portal_->calls[0].region, "eu-west-1");
  EXPECT_EQ(portal_->calls[0].account_id, "client-123");   // client id
  EXPECT_EQ(portal_->calls[0].role_name, "client-secret");  // client secret
  EXPECT_EQ(portal_->calls[0].token, "cached-refresh-token");
  EXPECT_EQ(portal_->calls[1].token, "renewed-access-token");

  const auto file = cache_dir() / kSessionCacheName;
  const json written = json::parse(nova::testing::read_file(file));
  EXPECT_EQ(written["accessToken"], "renewed-access-token");
  EXPECT_EQ(written["expiresAt"], iso(clock_->now() + 8h));
  EXPECT_EQ(written["refreshToken"], "rotated-refresh-token");
  EXPECT_EQ(written["clientId"], "client-123");
  EXPECT_EQ(written["startUrl"], "https://corp.awsapps.com/start");
  struct stat st{};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(cache_dir()), {}), 1);  // no temporary left
}

TEST_F(SsoCredentialsUnitTest, ARefusedRefreshKeepsATokenThatIsStillValid) {
  config(kSessionConfig);
  cache(kSessionCacheName, session_token(5min));
  portal_->refuse_refresh = true;
  EXPECT_EQ(get().access_key_id, "ASIASSO2");
  EXPECT_EQ(portal_->calls.back().token, "cached-access-token");
}

TEST_F(SsoCredentialsUnitTest, AnExpiredSignInAsksForAwsSsoLogin) {
  config(kSessionConfig);
  cache(kSessionCacheName, session_token(-5min));
  portal_->refuse_refresh = true;
  EXPECT_THAT(config_error(), HasSubstr("expired at"));
  EXPECT_THAT(config_error(), HasSubstr("aws sso login --profile dev"));
  for (const auto& call : portal_->calls) EXPECT_NE(call.what, "get_role_credentials");

  // The legacy form cannot refresh: no CreateToken, straight to the advice.
  portal_->calls.clear();
  config("[profile old]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
         "sso_account_id = 111122223333\nsso_role_name = R\n");
  json legacy = session_token(-1min);
  legacy["expiresAt"] = iso(clock_->now() - 1min).substr(0, 19) + "UTC";  // early AWS CLI v2 format
  cache(kStartUrlCacheName, legacy);
  EXPECT_THAT(config_error("old"), HasSubstr("IAM Identity Center sign-in to https://corp.awsapps.com/start expired"));
  EXPECT_TRUE(portal_->calls.empty());
}

TEST_F(SsoCredentialsUnitTest, NoCachedTokenOrARevokedOneAsksForAwsSsoLogin) {
  config(kSessionConfig);
  const std::string missing = config_error();
  EXPECT_THAT(missing, HasSubstr("is not cached (no " + (cache_dir() / kSessionCacheName).string() + ")"));
  EXPECT_THAT(missing, HasSubstr("aws sso login --profile dev"));

  std::ofstream(cache_dir() / kSessionCacheName) << "{\"accessToken\": \"secret-in-a-broken-file\"";
  const std::string broken = config_error();
  EXPECT_THAT(broken, HasSubstr("is not JSON"));
  EXPECT_THAT(broken, ::testing::Not(HasSubstr("secret-in-a-broken-file")));

  cache(kSessionCacheName, session_token(2h));
  portal_->refuse_token = "cached-access-token";
  EXPECT_THAT(config_error(), HasSubstr("did not accept the cached token"));
}

TEST_F(SsoCredentialsUnitTest, TheRoleComesBeforeTheProfilesOwnKeys) {
  config("[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = MLEngineer\n"
         "aws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n"
         "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n");
  cache(kSessionCacheName, session_token(2h));
  EXPECT_EQ(get().source, "sso");
}

}  // namespace
}  // namespace nova::aws
