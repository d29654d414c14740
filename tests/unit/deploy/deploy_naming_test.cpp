// Deploy rules that need no AWS: default names and the name rules, the imported model's name
// and client token, escrow tag values, the execution role's scoped policies, the wait loop,
// and DeploymentResult's JSON form.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>
#include <nlohmann/json.hpp>

#include "deploy/bedrock_deploy.hpp"
#include "deploy/bedrock_names.hpp"
#include "deploy/deploy_role.hpp"
#include "deploy/deploy_support.hpp"
#include "deploy/wait_options.hpp"
#include "nova/deploy.hpp"
#include "nova/error.hpp"

namespace nova::deploy {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(DeployNames, DefaultNameIsModelMethodRegionInLowerCase) {
  EXPECT_EQ(default_endpoint_name(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, DeployPlatform::BEDROCK_OD, "us-east-1"),
            "nova-micro-sft-lora-us-east-1");
  EXPECT_EQ(default_endpoint_name(Model::NOVA_LITE_2, TrainingMethod::DPO_LORA, DeployPlatform::SAGEMAKER, "us-east-1"),
            "nova-lite-2-dpo-lora-sagemaker");
}

TEST(DeployNames, BadNamesAreRefusedWithTheRule) {
  EXPECT_NO_THROW(check_endpoint_name("my-model_1", DeployPlatform::BEDROCK_OD));
  for (const std::string& bad : std::vector<std::string>{"", "-lead", "a--b", "has space", std::string(64, 'a')}) {
    try {
      check_endpoint_name(bad, DeployPlatform::BEDROCK_OD);
      FAIL() << "accepted '" << bad << "'";
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(), HasSubstr("letters and digits"));
    }
  }
  EXPECT_THROW(check_endpoint_name("under_score", DeployPlatform::SAGEMAKER), ValueError);
}

TEST(DeployNames, ImportedModelNameIsStablePerArtifact) {
  const std::string a = "s3://bucket/a/", b = "s3://bucket/b/";
  EXPECT_EQ(imported_model_name("ep", a), imported_model_name("ep", a));
  EXPECT_NE(imported_model_name("ep", a), imported_model_name("ep", b));
  EXPECT_THAT(imported_model_name("ep", a), ::testing::EndsWith(artifact_digest(a)));
  EXPECT_THAT(imported_model_name("ep", a, 1), ::testing::EndsWith("-r2"));
  EXPECT_LE(imported_model_name(std::string(80, 'x'), a, 3).size(), 63U);
}

TEST(DeployNames, EscrowTagValueFollowsTheTagRules) {
  EXPECT_EQ(escrow_tag_value("s3://bucket/key/"), "s3://bucket/key/");
  const std::string long_uri = "s3://bucket/" + std::string(300, 'k');
  const std::string value = escrow_tag_value(long_uri);
  EXPECT_EQ(value.size(), 256U);
  EXPECT_EQ(value.substr(0, 224), long_uri.substr(0, 224));
  EXPECT_THAT(escrow_tag_value("s3://bucket/caf\xc3\xa9/"), ::testing::StartsWith("sha256:"));
  EXPECT_FALSE(lineage_tag("k", "bad,value").has_value());
  EXPECT_TRUE(lineage_tag("k", "job-1").has_value());
}

TEST(DeployRole, PoliciesAreScopedToTheArtifactPrefix) {
  const auto policies = deploy_role_policies(
      {DeployPlatform::BEDROCK_OD, "Role", "s3://escrow/job/ckpt/", "123456789012", "us-west-2", std::nullopt});
  ASSERT_EQ(policies.size(), 2U);
  EXPECT_EQ(policies[0].name, "RoleBedrock_Policy");
  EXPECT_EQ(policies[1].name, "RoleS3_Read_Policy");
  EXPECT_THAT(policies[0].document, HasSubstr("arn:aws:bedrock:us-west-2:123456789012:custom-model/*"));
  EXPECT_THAT(policies[1].document, HasSubstr("arn:aws:s3:::escrow/job/ckpt/*"));
  EXPECT_THAT(policies[1].document, HasSubstr("\"s3:prefix\":[\"job/ckpt/*\"]"));
  EXPECT_THAT(policies[1].document, ::testing::Not(HasSubstr("kms:")));
  for (const auto& p : policies) EXPECT_THAT(p.document, ::testing::Not(HasSubstr("\"Resource\":[\"*\"]")));

  const auto with_kms = deploy_role_policies({DeployPlatform::SAGEMAKER, "R", "s3://b/p/", "1", "us-east-1",
                                              std::string("arn:aws:kms:us-east-1:1:key/k")});
  EXPECT_THAT(with_kms[0].document, HasSubstr("arn:aws:kms:us-east-1:1:key/k"));
  EXPECT_THROW(deploy_role_policies({DeployPlatform::BEDROCK_OD, "R", "/local/path", "1", "us-east-1", std::nullopt}),
               ValueError);
}

TEST(DeployRole, TrustIsLimitedToTheServiceAndAccount) {
  const json trust = json::parse(deploy_role_trust_policy(DeployPlatform::BEDROCK_PT, "123456789012"));
  EXPECT_EQ(trust["Statement"][0]["Principal"]["Service"], "bedrock.amazonaws.com");
  EXPECT_EQ(trust["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"], "123456789012");
  EXPECT_THAT(deploy_role_trust_policy(DeployPlatform::SAGEMAKER, "1"), HasSubstr("sagemaker.amazonaws.com"));
}

TEST(DeployMode, FailIfExistsAndOnDemandUpdatesAreRefused) {
  EXPECT_THROW(apply_deployment_mode(DeployPlatform::BEDROCK_OD, DeploymentMode::FAIL_IF_EXISTS, "n", "arn"), ValueError);
  EXPECT_THROW(apply_deployment_mode(DeployPlatform::BEDROCK_OD, DeploymentMode::UPDATE_IF_EXISTS, "n", "arn"), ValueError);
  EXPECT_EQ(apply_deployment_mode(DeployPlatform::BEDROCK_PT, DeploymentMode::UPDATE_IF_EXISTS, "n", "arn"), "arn");
  EXPECT_EQ(bedrock_platform_of_arn("arn:aws:bedrock:us-east-1:1:provisioned-model/abc"), DeployPlatform::BEDROCK_PT);
  EXPECT_EQ(bedrock_platform_of_arn("arn:aws:bedrock:us-east-1:1:custom-model-deployment/abc"), DeployPlatform::BEDROCK_OD);
  EXPECT_FALSE(bedrock_platform_of_arn("my-name").has_value());
}

WaitOptions quick() {
  return {std::chrono::milliseconds(1), std::nullopt, [](const DeployWaitProgress&) {}, [](std::chrono::milliseconds) {}};
}

TEST(DeployWait, ReturnsWhenDoneAndReportsEachPoll) {
  int polls = 0;
  std::vector<std::string> seen;
  auto options = quick();
  options.progress = [&](const DeployWaitProgress& p) {
    seen.push_back(p.what + "=" + p.status + (p.last ? " (last)" : ""));
  };
  const auto status = wait_until("thing", [&] {
    ++polls;
    return polls < 3 ? PollOutcome{"Creating", PollOutcome::State::waiting, {}} : PollOutcome{"Active", PollOutcome::State::done, {}};
  }, options, "nova deploy status thing");
  EXPECT_EQ(status, "Active");
  EXPECT_EQ(seen, (std::vector<std::string>{"thing=Creating", "thing=Creating", "thing=Active (last)"}));
}

TEST(DeployWait, FailureCarriesAwsMessageAndTimeoutTheLastStatus) {
  try {
    wait_until("model m", [] { return PollOutcome{"Failed", PollOutcome::State::failed, "bad weights"}; }, quick(),
               "nova deploy status m");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("model m status is Failed: bad weights"));
  }
  auto options = quick();
  options.timeout = std::chrono::milliseconds(5);
  bool last_reported = false;
  options.progress = [&](const DeployWaitProgress& p) { last_reported = p.last; };
  try {
    wait_until("model m", [] { return PollOutcome{"Creating", PollOutcome::State::waiting, {}}; }, options,
               "nova deploy status m");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "WaitTimeout");
    EXPECT_THAT(e.what(), HasSubstr("still Creating"));
    EXPECT_THAT(e.what(), HasSubstr("check it with `nova deploy status m`"));
  }
  EXPECT_TRUE(last_reported);  // the timeout's report closes the progress line
}

TEST(DeployWait, TransientPollErrorsAreRiddenOutUpToALimit) {
  const ServiceError throttled("throttled", "bedrock", "GetCustomModel", "ThrottlingException", 400, "", true);
  int polls = 0;
  EXPECT_EQ(wait_until("m", [&] {
    if (++polls <= 2) throw throttled;
    return PollOutcome{"Active", PollOutcome::State::done, {}};
  }, quick(), "nova deploy status m"), "Active");
  EXPECT_EQ(polls, 3);

  auto options = quick();
  options.errors.max_consecutive_errors = 4;
  polls = 0;
  try {
    wait_until("m", [&]() -> PollOutcome {
      ++polls;
      throw throttled;
    }, options, "nova deploy status m");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "ThrottlingException");
    EXPECT_THAT(e.what(), HasSubstr("4 polls in a row failed"));
    EXPECT_THAT(e.what(), HasSubstr("resume with `nova deploy status m`"));
  }
  EXPECT_EQ(polls, 4);

  polls = 0;
  const ServiceError denied("denied", "bedrock", "GetCustomModel", "AccessDeniedException", 403, "", false);
  EXPECT_THROW(wait_until("m", [&]() -> PollOutcome {
    ++polls;
    throw denied;
  }, quick(), "nova deploy status m"), ServiceError);
  EXPECT_EQ(polls, 1);  // not transient: no second poll
}

TEST(DeploymentResultJson, RoundTripsWithLineage) {
  const auto created = parse_iso_utc("2026-01-30T12:34:56Z");
  ASSERT_TRUE(created.has_value());
  const DeploymentResult r({DeployPlatform::BEDROCK_PT, "ep", "arn:aws:bedrock:us-east-1:1:provisioned-model/x", "s3://b/k/"},
                           *created, {std::string("job-1"), "s3://b/k/", "arn:model", "arn:aws:bedrock:us-east-1:1:provisioned-model/x"});
  const json doc = json::parse(r.to_json(std::string("InService")));
  for (const char* key : {"endpoint_name", "platform", "uri", "model_artifact_path", "created_at", "status"}) {
    EXPECT_TRUE(doc.contains(key)) << key;
  }
  EXPECT_EQ(doc["created_at"], "2026-01-30T12:34:56Z");
  EXPECT_EQ(doc["platform"], "BEDROCK_PT");
  const auto back = DeploymentResult::from_json(r.to_json());
  EXPECT_EQ(back.endpoint(), r.endpoint());
  EXPECT_EQ(back.lineage(), r.lineage());
  EXPECT_EQ(back.created_at(), r.created_at());

  const auto dir = std::filesystem::temp_directory_path() / ("nova-deploy-result-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = r.dump(dir.string());
  EXPECT_EQ(path.filename(), "ep_deployment.json");
  EXPECT_EQ(DeploymentResult::load(path.string()).endpoint(), r.endpoint());
  std::filesystem::remove_all(dir);

  EXPECT_THROW(DeploymentResult::from_json(R"({"platform": "MOON"})"), ValueError);
  EXPECT_THROW(DeploymentResult::from_json("[]"), ValueError);
}

TEST(DeploySupport, TimesReadIsoAndEpoch) {
  EXPECT_EQ(iso_utc(*parse_iso_utc("2026-01-30T12:00:00.123456+00:00")), "2026-01-30T12:00:00Z");
  EXPECT_EQ(iso_utc(*parse_iso_utc("1769774400")), "2026-01-30T12:00:00Z");
  EXPECT_FALSE(parse_iso_utc("yesterday").has_value());
  EXPECT_EQ(arn_resource_name("arn:aws:sagemaker:us-east-1:1:endpoint/my-ep"), "my-ep");
}

}  // namespace
}  // namespace nova::deploy
