// The recipe catalogue's hub path against the stand-in: DescribeHubContent served by the
// stand-in (checked against botocore's model), the template and override files on moto's
// S3. The hub document is the built-in one with its URIs moved to S3 objects, one of them
// in a `{customer_id}` bucket and the HyperPod templates wrapped in k8s payload manifests
// as the hub ships them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/session/session.hpp"
#include "customizer/recipe_access.hpp"
#include "recipes/catalogue_export.hpp"
#include "recipes/session_catalogue.hpp"
#include "support/scoped_env.hpp"
#include "nova/error.hpp"
#include "support/standin_suite.hpp"
#include "support/test_paths.hpp"
#include "unit/recipes/recipe_test_support.hpp"

namespace nova::recipes {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kHubName = "nova-textgeneration-lite-v2";
constexpr const char* kBucket = "nova-recipe-hub";
constexpr const char* kCustomerBucket = "nova-recipe-hub-123456789012";  // moto's account
constexpr const char* kPayloadImage = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-fine-tune-repo:SM-HP-SFT-V2-hub";
// The one override file read through the caller's account.
constexpr const char* kCustomerOverride = "overrides/nova_lite_2_0_p5_gpu_lora_sft_sm_jobs.json";

// A built-in SMHP template as the hub's payload carries it: RFT payloads lose task_type
// lines on the way (the builder strips them from hub payloads only), and a block scalar
// ends with one newline.
std::string as_carried_by_payload(const std::string& recipe, bool rft) {
  std::string out;
  std::size_t start = 0;
  while (start < recipe.size()) {
    auto end = recipe.find('\n', start);
    if (end == std::string::npos) end = recipe.size();
    const auto line = recipe.substr(start, end - start);
    if (!(rft && line.find_first_not_of(' ') != std::string::npos && line.substr(line.find_first_not_of(' ')).rfind("task_type:", 0) == 0))
      out += line + "\n";
    start = end + 1;
  }
  while (out.size() >= 2 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

// A helm-rendered HyperPod manifest around `recipe`, shaped like the hub's payloads.
std::string payload_manifest(const std::string& recipe) {
  std::string out =
      "---\n# Source: sagemaker-training/templates/training-job.yaml\napiVersion: kubeflow.org/v1\nkind: PyTorchJob\n"
      "spec:\n  pytorchReplicaSpecs:\n    Master:\n      template:\n        spec:\n          containers:\n"
      "            - name: pytorch\n              image: " +
      std::string(kPayloadImage) +
      "\n---\n# Source: sagemaker-training/templates/training-config.yaml\napiVersion: v1\nkind: ConfigMap\n"
      "metadata:\n  name: training-config\ndata:\n  config.yaml: |-\n";
  std::size_t start = 0;
  while (start < recipe.size()) {
    auto end = recipe.find('\n', start);
    if (end == std::string::npos) end = recipe.size();
    const auto line = recipe.substr(start, end - start);
    out += (line.empty() ? "" : "    " + line) + "\n";
    start = end + 1;
  }
  return out;
}

class RecipesHubTest : public testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    auto s3 = aws::Session().s3();
    s3.create_bucket(kBucket);
    s3.create_bucket(kCustomerBucket);
    json document = json::parse(builtin_file(std::string("hub/") + kHubName + ".json"));
    for (auto& entry : document["RecipeCollection"]) {
      for (auto& [field, value] : entry.items()) {
        if (!value.is_string()) continue;
        const std::string uri = value.get<std::string>();
        if (uri.rfind(kBuiltinScheme, 0) != 0) continue;
        const std::string path = uri.substr(kBuiltinScheme.size());
        std::string text(builtin_file(path));
        if (field == "HpEksPayloadTemplateS3Uri") {
          value = std::string("s3://") + kBucket + "/payloads/" + path;
          put(kBucket, "payloads/" + path, payload_manifest(text));
        } else if (path == kCustomerOverride && field == "SmtjOverrideParamsS3Uri") {
          value = "s3://nova-recipe-hub-{customer_id}/" + path;
          put(kCustomerBucket, path, text);
        } else {
          value = std::string("s3://") + kBucket + "/" + path;
          put(kBucket, path, text);
        }
      }
    }
    document_ = new std::string(document.dump());
    standin_->put_hub_content(kHubName, *document_, "1.0.20");
  }
  static void TearDownTestSuite() {
    delete document_;
    document_ = nullptr;
    StandinSuite::TearDownTestSuite();
  }
  static void put(const std::string& bucket, const std::string& key, const std::string& text) {
    aws::PutObjectRequest request;
    request.bucket = bucket;
    request.key = key;
    request.body = aws::body_from_string(text);
    aws::Session().s3().put_object(request);
  }

  void SetUp() override {
    standin_->put_hub_content(kHubName, *document_, "1.0.20");
    standin_->clear_calls();
  }

  // A catalogue over the stand-in with a private cache and a clock the test moves.
  Catalogue catalogue() {
    CatalogueOptions options{"us-east-1", cache_.path()};
    options.now = [this] { return now_; };
    return catalogue_for_session(std::make_shared<aws::Session>(), options);
  }

  static int describe_calls(const std::string& name = kHubName) {
    int n = 0;
    for (const auto& call : json::parse(standin_->calls_json()))
      n += call["operation"] == "DescribeHubContent" && call["params"]["HubContentName"] == name;
    return n;
  }

  static RecipeRequest request(Model model, Platform platform) {
    return testing::request_for(model, TrainingMethod::SFT_LORA, platform);
  }

  static ResolvedRecipe resolve_builtin(const RecipeRequest& r) {
    auto offline = testing::offline_catalogue();
    return resolve_recipe(r, offline);
  }

  inline static std::string* document_ = nullptr;  // the hub document, as put
  testing::TempDir cache_;
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1'800'000'000)};
};

TEST_F(RecipesHubTest, SmtjRecipeResolvesThroughTheHubAndS3) {
  auto hub = catalogue();
  const auto r = request(Model::NOVA_LITE_2, Platform::SMTJ);
  const auto resolved = resolve_recipe(r, hub);
  EXPECT_EQ(resolved.origin, "hub 1.0.20");
  EXPECT_EQ(resolved.hub_content_version, "1.0.20");
  // The same template and schema as the built-in copies: read from S3, the override file
  // through the `{customer_id}` bucket.
  const auto builtin = resolve_builtin(r);
  EXPECT_EQ(resolved.yaml, builtin.yaml);
  EXPECT_EQ(resolved.parameters.size(), builtin.parameters.size());
  const auto calls = json::parse(standin_->calls_json());
  ASSERT_EQ(calls.size(), 1u) << calls.dump();
  EXPECT_EQ(calls[0]["params"],
            (json{{"HubName", "SageMakerPublicHub"}, {"HubContentType", "Model"}, {"HubContentName", kHubName}}));
  EXPECT_TRUE(std::filesystem::exists(cache_.path() / "us-east-1" / kHubName / "1.0.20" / "document.json"));
}

TEST_F(RecipesHubTest, SmhpRecipeComesOutOfThePayloadManifest) {
  auto hub = catalogue();
  const auto r = request(Model::NOVA_LITE_2, Platform::SMHP);
  const auto resolved = resolve_recipe(r, hub);
  EXPECT_EQ(resolved.origin, "hub 1.0.20");
  EXPECT_EQ(resolved.image_uri, kPayloadImage);
  EXPECT_EQ(resolved.yaml, resolve_builtin(r).yaml);
}

TEST_F(RecipesHubTest, SecondResolutionWithinTheTtlAsksNothing) {
  const auto r = request(Model::NOVA_LITE_2, Platform::SMTJ);
  auto first = catalogue();
  resolve_recipe(r, first);
  EXPECT_EQ(describe_calls(), 1);
  now_ += std::chrono::hours(23);
  auto second = catalogue();  // a later process: only the disk cache is shared
  const auto again = resolve_recipe(r, second);
  EXPECT_EQ(again.origin, "cache 1.0.20");
  EXPECT_EQ(describe_calls(), 1);
  EXPECT_EQ(resolve_recipe(r, first).origin, "cache 1.0.20");
  EXPECT_EQ(describe_calls(), 1);
}

TEST_F(RecipesHubTest, NewHubVersionIsPickedUpAfterTheTtl) {
  const auto r = request(Model::NOVA_LITE_2, Platform::SMTJ);
  auto hub = catalogue();
  resolve_recipe(r, hub);
  standin_->put_hub_content(kHubName, *document_, "1.0.21");
  now_ += std::chrono::hours(1);
  EXPECT_EQ(resolve_recipe(r, hub).origin, "cache 1.0.20");
  now_ += std::chrono::hours(24);
  const auto fresh = resolve_recipe(r, hub);
  EXPECT_EQ(fresh.origin, "hub 1.0.21");
  EXPECT_EQ(fresh.hub_content_version, "1.0.21");
  EXPECT_EQ(describe_calls(), 2);
  EXPECT_TRUE(std::filesystem::exists(cache_.path() / "us-east-1" / kHubName / "1.0.21" / "document.json"));
}

TEST_F(RecipesHubTest, HubWithoutTheContentFallsBackToTheBuiltinCatalogueAndSaysWhy) {
  // The stand-in holds no nova-textgeneration-micro: DescribeHubContent answers ResourceNotFound.
  auto hub = catalogue();
  const auto r = request(Model::NOVA_MICRO, Platform::SMTJ);
  const auto resolved = resolve_recipe(r, hub);
  EXPECT_THAT(resolved.origin, StartsWith("built-in catalogue (hub unreachable: "));
  EXPECT_THAT(resolved.origin, HasSubstr("nova-textgeneration-micro"));
  EXPECT_EQ(resolved.hub_content_version, "built-in");
  EXPECT_EQ(resolved.yaml, resolve_builtin(r).yaml);
}

TEST_F(RecipesHubTest, CustomizerAsksAFailedHubOnceAndWarnsOnce) {
  testing::ScopedEnvironment env{{"NOVA_LOG", "warn"}};
  customizer::RecipeAccess access(std::make_shared<aws::Session>(), "us-east-1");
  const auto r = request(Model::NOVA_MICRO, Platform::SMTJ);
  ::testing::internal::CaptureStderr();
  const auto setup_check = access.resolve(r);
  const auto at_train = access.resolve(r);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(describe_calls("nova-textgeneration-micro"), 1);
  EXPECT_EQ(at_train.origin, setup_check.origin);
  EXPECT_THAT(log, HasSubstr("recipe hub unreachable for nova-textgeneration-micro"));
  EXPECT_EQ(log.find("recipe hub unreachable"), log.rfind("recipe hub unreachable")) << log;
}

TEST_F(RecipesHubTest, ExportTurnsTheHubFormBackIntoTheBuiltinCatalogue) {
  testing::TempDir out;
  const auto hub = hub_for_session(aws::Session());
  const auto exported = export_catalogue(*hub, {kHubName}, "us-east-1", out.path());
  const json original = json::parse(builtin_file(std::string("hub/") + kHubName + ".json"));
  const json written = json::parse(testing::read_file(out.path() / "hub" / (std::string(kHubName) + ".json")));
  ASSERT_EQ(exported.contents.size(), 1u);
  EXPECT_EQ(exported.contents[0].version, "1.0.20");
  EXPECT_EQ(exported.contents[0].skipped, std::vector<std::string>{});
  EXPECT_EQ(exported.image_accounts, (std::map<std::string, std::string>{{"us-east-1", "708977205387"}}));
  EXPECT_THAT(written["Comment"].get<std::string>(), HasSubstr("1.0.20"));

  const auto& entries = original["RecipeCollection"];
  ASSERT_EQ(written["RecipeCollection"].size(), entries.size());
  ASSERT_EQ(exported.contents[0].recipes, static_cast<int>(entries.size()));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& before = entries[i];
    const auto& after = written["RecipeCollection"][i];
    SCOPED_TRACE(before["Name"].get<std::string>());
    EXPECT_EQ(after.size(), before.size());
    for (const auto& [field, value] : before.items()) {
      if (field == "HpEksImageUri") {
        EXPECT_EQ(after[field], "builtin-image://nova-fine-tune-repo:SM-HP-SFT-V2-hub");
      } else if (value.is_string() && value.get<std::string>().rfind(kBuiltinScheme, 0) == 0) {
        const auto written_uri = after[field].get<std::string>();
        ASSERT_THAT(written_uri, StartsWith(std::string(kBuiltinScheme))) << field;
        const std::string text = testing::read_file(out.path() / written_uri.substr(kBuiltinScheme.size()));
        std::string expected(builtin_file(value.get<std::string>().substr(kBuiltinScheme.size())));
        if (field == "HpEksPayloadTemplateS3Uri")
          expected = as_carried_by_payload(expected, before.value("CustomizationTechnique", "") == "RLVR");
        EXPECT_EQ(text, expected) << field;
      } else {
        EXPECT_EQ(after[field], value) << field;
      }
    }
  }
  const json manifest = json::parse(testing::read_file(out.path() / "export.json"));
  EXPECT_EQ(manifest["contents"][0]["hub_content_name"], kHubName);
}

TEST_F(RecipesHubTest, AccessPointTemplatesAreReadThroughTheAccessPoint) {
  put(kBucket, "forge/recipes/sft_mix.yaml", "run: {}\n");
  standin_->control("PUT", "access-points/nova-forge-probe", json{{"bucket", kBucket}}.dump());
  const auto hub = hub_for_session(aws::Session());
  EXPECT_EQ(hub->read("s3://arn:aws:s3:us-east-1:{customer_id}:accesspoint/nova-forge-probe/forge/recipes/sft_mix.yaml"),
            "run: {}\n");
  // No such key behind it, and no such access point (no Forge subscription): the reference's message.
  for (const char* uri : {"s3://arn:aws:s3:us-east-1:{customer_id}:accesspoint/nova-forge-probe/forge/none.yaml",
                          "s3://arn:aws:s3:us-east-1:{customer_id}:accesspoint/nova-forge/recipes/sft_mix.yaml"}) {
    try {
      hub->read(uri);
      ADD_FAILURE() << "expected ValueError for " << uri;
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(), HasSubstr("Failed to download from S3 Access Point arn:aws:s3:us-east-1:123456789012:accesspoint/"));
      EXPECT_THAT(e.what(), HasSubstr("Verify if account 123456789012 has Forge subscription"));
    }
  }
  try {
    hub->read("s3://arn:aws:s3:us-east-1:123456789012:accesspoint/payload_datamix.yaml");
    ADD_FAILURE() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("S3 Access Point ARN must include key: s3://arn:aws:s3:us-east-1:123456789012:accesspoint/payload_datamix.yaml"));
  }
}

TEST_F(RecipesHubTest, ExportSkipsAndReportsEntriesItCannotRead) {
  json document = json::parse(*document_);
  json forge = document["RecipeCollection"][0];
  forge["Name"] = "nova_lite_2_0_forge_data_mixing_sft";
  forge["SmtjRecipeTemplateS3Uri"] = "s3://arn:aws:s3:us-east-1:{customer_id}:accesspoint/nova-forge/recipes/sft_mix.yaml";
  document["RecipeCollection"] = json::array({document["RecipeCollection"][0], forge});
  standin_->put_hub_content("nova-forge-probe", document.dump(), "3.0.0");

  testing::TempDir out;
  const auto exported = export_catalogue(*hub_for_session(aws::Session()), {"nova-forge-probe"}, "us-east-1", out.path());
  ASSERT_EQ(exported.contents.size(), 1u);
  EXPECT_EQ(exported.contents[0].recipes, 1);
  ASSERT_EQ(exported.contents[0].skipped.size(), 1u);
  EXPECT_THAT(exported.contents[0].skipped[0], StartsWith("nova_lite_2_0_forge_data_mixing_sft: "));
  EXPECT_THAT(exported.contents[0].skipped[0], HasSubstr("Forge subscription"));
  const json written = json::parse(testing::read_file(out.path() / "hub" / "nova-forge-probe.json"));
  EXPECT_EQ(written["RecipeCollection"].size(), 1u);
}

}  // namespace
}  // namespace nova::recipes
