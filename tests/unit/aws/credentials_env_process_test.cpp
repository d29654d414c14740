#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/credentials/environment_provider.hpp"
#include "aws/core/credentials/process_provider.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"

namespace nova::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using nova::testing::ScopedEnvironment;
using nova::testing::TempDir;

TEST(CredentialsEnv, ReadsAllVariables) {
  ScopedEnvironment env;
  env.isolate_aws();
  env.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  env.set("AWS_SESSION_TOKEN", "envtoken");
  env.set("AWS_ACCOUNT_ID", "111122223333");
  env.set("AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05Z");
  const auto c = EnvironmentCredentialsProvider().get();
  EXPECT_EQ(c.access_key_id, "AKIDENV");
  EXPECT_EQ(c.secret_access_key, "envsecret");
  EXPECT_EQ(c.session_token, "envtoken");
  EXPECT_EQ(c.account_id, "111122223333");
  EXPECT_EQ(c.source, "env");
  ASSERT_TRUE(c.expiration);
  EXPECT_EQ(*c.expiration, *parse_iso8601("2030-01-02T03:04:05+00:00"));
}

TEST(CredentialsEnv, LegacySecurityTokenAndMissingOrPartial) {
  ScopedEnvironment env;
  env.isolate_aws();
  EXPECT_THROW(EnvironmentCredentialsProvider().get(), CredentialsNotFound);
  env.set("AWS_ACCESS_KEY_ID", "AKIDENV");
  try {
    EnvironmentCredentialsProvider().get();
    FAIL();
  } catch (const CredentialsNotFound&) {
    FAIL() << "a half-set pair is a configuration error, not 'not found'";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("AWS_SECRET_ACCESS_KEY is not"));
  }
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  env.set("AWS_SECURITY_TOKEN", "legacy");
  EXPECT_EQ(EnvironmentCredentialsProvider().get().session_token, "legacy");
  env.set("AWS_CREDENTIAL_EXPIRATION", "tomorrow");
  EXPECT_THROW(EnvironmentCredentialsProvider().get(), ConfigError);
}

TEST(CredentialsTime, Iso8601Forms) {
  using namespace std::chrono;
  const auto base = *parse_iso8601("2026-11-25T21:05:14Z");
  EXPECT_EQ(base.time_since_epoch(), seconds(1795640714));
  EXPECT_EQ(*parse_iso8601("2026-11-25T21:05:14.500Z") - base, milliseconds(500));
  EXPECT_EQ(*parse_iso8601("2026-11-25T23:05:14+02:00"), base);
  EXPECT_EQ(*parse_iso8601("2026-11-25T16:05:14-0500"), base);
  EXPECT_EQ(*parse_iso8601("2026-11-25T21:05:14"), base);
  EXPECT_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-11-25"));
  EXPECT_FALSE(parse_iso8601("2026-11-25T21:05:14Zjunk"));
}

TEST(CredentialsProcessSplit, PosixWordRules) {
  EXPECT_THAT(split_command("tool a  b\tc"), ElementsAre("tool", "a", "b", "c"));
  EXPECT_THAT(split_command(R"(tool 'a b' "c d" e\ f)"), ElementsAre("tool", "a b", "c d", "e f"));
  EXPECT_THAT(split_command(R"(tool "say \"hi\" \$HOME \\" 'it''s' x"y"z)"),
              ElementsAre("tool", R"(say "hi" $HOME \)", "its", "xyz"));
  EXPECT_THAT(split_command(R"(tool "" '')"), ElementsAre("tool", "", ""));
  EXPECT_THAT(split_command(R"(tool "a\nb")"), ElementsAre("tool", R"(a\nb)"));  // \n is not an escape in "..."
  EXPECT_THAT(split_command("tool $HOME ; rm -rf / | cat"), ElementsAre("tool", "$HOME", ";", "rm", "-rf", "/", "|", "cat"));
  EXPECT_THROW(split_command("tool 'open"), ConfigError);
  EXPECT_THROW(split_command("tool \"open"), ConfigError);
  EXPECT_THROW(split_command("   "), ConfigError);
}

class CredentialsProcess : public ::testing::Test {
 protected:
  // Writes an executable script and returns its path.
  std::string script(const std::string& name, const std::string& body) {
    const auto path = dir_.write(name, "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0700);
    return path.string();
  }
  TempDir dir_;
};

TEST_F(CredentialsProcess, SuccessWithExpiry) {
  const auto s = script("ok.sh",
                        "cat <<'J'\n{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"procsecret\","
                        " \"SessionToken\": \"proctoken\", \"Expiration\": \"2030-06-01T00:00:00Z\", \"AccountId\": \"123\"}\nJ\n");
  const auto c = ProcessCredentialsProvider(s, "dev").get();
  EXPECT_EQ(c.access_key_id, "AKIDPROC");
  EXPECT_EQ(c.secret_access_key, "procsecret");
  EXPECT_EQ(c.session_token, "proctoken");
  EXPECT_EQ(c.account_id, "123");
  EXPECT_EQ(c.source, "process");
  ASSERT_TRUE(c.expiration);
  EXPECT_EQ(*c.expiration, *parse_iso8601("2030-06-01T00:00:00Z"));
}

TEST_F(CredentialsProcess, NoExpirationMeansNonExpiring) {
  const auto s = script("ok.sh", "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n");
  const auto c = ProcessCredentialsProvider(s, "dev").get();
  EXPECT_FALSE(c.expiration);
  EXPECT_TRUE(c.session_token.empty());
}

TEST_F(CredentialsProcess, NonZeroExitReportsStatusAndStderrButNoSecret) {
  const auto s = script("fail.sh",
                        "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"LEAKYSECRET\"}'\n"
                        "echo 'token expired for LEAKYSECRET, run sso login' >&2\nexit 3\n");
  try {
    ProcessCredentialsProvider(s, "dev").get();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("profile 'dev'"));
    EXPECT_THAT(e.what(), HasSubstr("exited with status 3"));
    EXPECT_THAT(e.what(), HasSubstr("run sso login"));
    EXPECT_THAT(e.what(), Not(HasSubstr("LEAKYSECRET")));
  }
}

TEST_F(CredentialsProcess, BadJsonNeverQuotesStdout) {
  const auto bad = script("bad.sh", "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"HALFSECRET'\n");
  try {
    ProcessCredentialsProvider(bad, "dev").get();
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("did not return valid JSON"));
    EXPECT_THAT(e.what(), Not(HasSubstr("HALFSECRET")));
  }
  const auto v2 = script("v2.sh", "echo '{\"Version\":2,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n");
  EXPECT_THROW(ProcessCredentialsProvider(v2, "dev").get(), ConfigError);
  const auto nokey = script("nokey.sh", "echo '{\"Version\":1,\"SecretAccessKey\":\"S\"}'\n");
  EXPECT_THROW(ProcessCredentialsProvider(nokey, "dev").get(), ConfigError);
  const auto badexp = script("exp.sh", "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Expiration\":\"soon\"}'\n");
  EXPECT_THROW(ProcessCredentialsProvider(badexp, "dev").get(), ConfigError);
}

TEST_F(CredentialsProcess, MissingProgramIsAConfigError) {
  EXPECT_THROW(ProcessCredentialsProvider((dir_ / "does-not-exist").string(), "dev").get(), ConfigError);
}

// Arguments with spaces, quotes and shell metacharacters arrive verbatim, and nothing a shell
// would do (expand $HOME, run a second command after ';', redirect) happens.
TEST_F(CredentialsProcess, ArgumentsReachTheProgramWithoutAShell) {
  const auto args_file = dir_ / "args.txt";
  const auto pwned = dir_ / "pwned";
  const auto s = script("dir with space/args.sh",
                        "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + args_file.string() + "'; done\n"
                        "echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}'\n");
  const std::string command = "'" + s + "' \"two words\" 'single \"quoted\"' \\$HOME ';' touch " + pwned.string() +
                              " '>' out.txt `id`";
  EXPECT_EQ(ProcessCredentialsProvider(command, "dev").get().access_key_id, "A");
  EXPECT_EQ(nova::testing::read_file(args_file),
            "two words\nsingle \"quoted\"\n$HOME\n;\ntouch\n" + pwned.string() + "\n>\nout.txt\n`id`\n");
  EXPECT_FALSE(std::filesystem::exists(pwned));
}

}  // namespace
}  // namespace nova::aws
