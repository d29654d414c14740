// Data mixing end to end on HyperPod (hyperpod.md 5): the stand-in's hub lists a Nova Forge
// `text_with_datamix` recipe whose templates sit behind an S3 access point (moto resolves it);
// the mix starts as that recipe's defaults, set_data_mixing_config's values reach the
// generated recipe as floats under the fact sheet's leaf names, invalid mixes are refused with
// the reference's messages, and changing model, method or runtime resets the mix.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "aws/session/session.hpp"
#include "nova/customizer.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"
#include "recipes/builtin_catalogue.hpp"
#include "recipes/recipe_tree.hpp"
#include "support/hyperpod_suite.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kForgeBucket = "nova-forge-recipes";
constexpr const char* kDataPath = "s3://nova-mix-data/train/data.jsonl";
constexpr const char* kOutputPath = "s3://nova-mix-out/output";
constexpr const char* kForgeRecipe = "nova_lite_2_0_p5_gpu_lora_sft_text_with_datamix";

class DataMixingTest : public testing::HyperPodSuite {
 protected:
  static void SetUpTestSuite() {
    HyperPodSuite::SetUpTestSuite();
    auto s3 = aws::Session().s3();
    for (const char* bucket : {kForgeBucket, "nova-mix-data", "nova-mix-out"}) s3.create_bucket(bucket);
    put("nova-mix-data", "train/data.jsonl", R"({"schemaVersion": "bedrock-conversation-2024"})");
    // The Forge recipe as a subscriber's hub lists it (tests/fixtures/forge/README.md).
    json entry = json::parse(testing::read_file(testing::fixture("forge/hub_entry.json")));
    for (const char* field : {"HpEksPayloadTemplateS3Uri", "HpEksOverrideParamsS3Uri"}) {
      const std::string uri = entry[field];
      const std::string file = uri.substr(uri.rfind('/') + 1);
      put(kForgeBucket, "recipes/" + file, testing::read_file(testing::fixture("forge/" + file)));
    }
    standin_->control("PUT", "access-points/nova-forge", json{{"bucket", kForgeBucket}}.dump());
    json document = json::parse(recipes::builtin_file("hub/nova-textgeneration-lite-v2.json"));
    document["RecipeCollection"].push_back(entry);
    standin_->put_hub_content("nova-textgeneration-lite-v2", document.dump(), "1.0.30");
  }

  static void put(const std::string& bucket, const std::string& key, const std::string& text) {
    aws::PutObjectRequest request;
    request.bucket = bucket;
    request.key = key;
    request.body = aws::body_from_string(text);
    aws::Session().s3().put_object(request);
  }

  static std::shared_ptr<SMHPRuntimeManager> hyperpod() {
    return std::make_shared<SMHPRuntimeManager>(kRestrictedInstanceType, 4, kHyperPodCluster, kNamespace);
  }

  static CustomizerOptions options() {
    CustomizerOptions o;
    o.data_s3_path = kDataPath;
    o.output_s3_path = kOutputPath;
    o.data_mixing_enabled = true;
    o.validation_config = {{"iam", false}, {"infra", false}};
    return o;
  }

  static std::string error_of(const std::function<void()>& call) {
    try {
      call();
    } catch (const ValueError& e) {
      return e.what();
    }
    ADD_FAILURE() << "accepted";
    return {};
  }

  // The recipe a dry run writes, parsed: data_mixing's leaves as the recipe holds them.
  static recipes::RecipeNode mixing_block(NovaModelCustomizer& customizer, TrainingPlan* plan_out = nullptr) {
    TrainOptions train;
    train.job_name = "mix";
    const TrainingPlan plan = customizer.plan_training(train);
    if (plan_out) *plan_out = plan;
    EXPECT_EQ(plan.recipe_name, kForgeRecipe);
    const recipes::RecipeNode tree = recipes::parse_recipe_yaml(plan.recipe_yaml, "the generated recipe");
    const recipes::RecipeNode* block = tree.find("data_mixing");
    if (!block) {
      ADD_FAILURE() << "no data_mixing block in\n" << plan.recipe_yaml;
      return {};
    }
    return *block;
  }

  static Value leaf(const recipes::RecipeNode& block, const std::vector<std::string>& path) {
    const recipes::RecipeNode* node = &block;
    for (const auto& key : path) {
      node = node->find(key);
      if (!node) return Value("<missing " + key + ">");
    }
    return node->value;
  }
};

TEST_F(DataMixingTest, TheMixStartsAsTheForgeRecipesDefaultsReadThroughTheAccessPoint) {
  std::filesystem::remove_all(*cache_dir_);  // the templates are read, not taken from the recipe cache
  standin_->clear_calls();
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), options());
  const auto config = customizer.get_data_mixing_config();
  ASSERT_EQ(config.size(), 4u);
  EXPECT_EQ(config.at("customer_data_percent"), Value(50));
  EXPECT_EQ(config.at("nova_code_percent"), Value(30));
  EXPECT_EQ(config.at("nova_general_percent"), Value(70));
  EXPECT_EQ(config.at("dataset_catalog"), Value("nova_forge_text_catalog_v1"));

  const auto block = mixing_block(customizer);
  EXPECT_EQ(leaf(block, {"sources", "customer_data", "percent"}), Value(50.0));
  EXPECT_EQ(leaf(block, {"sources", "nova_data", "code"}), Value(30.0));
  EXPECT_EQ(leaf(block, {"sources", "nova_data", "general"}), Value(70.0));
  EXPECT_EQ(leaf(block, {"dataset_catalog"}), Value("nova_forge_text_catalog_v1"));

  // The templates came through the access point (as its ARN), not a bucket.
  int through_access_point = 0;
  for (const auto& call : recorded_calls("GetObject")) {
    through_access_point += call["Bucket"] == "arn:aws:s3:us-east-1:123456789012:accesspoint/nova-forge";
  }
  EXPECT_EQ(through_access_point, 2);
}

TEST_F(DataMixingTest, SetValuesReachTheRecipeAsFloatsUnderTheRecipesLeafNames) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), options());
  customizer.set_data_mixing_config(
      {{"customer_data_percent", Value(40)}, {"nova_code_percent", Value(25)}, {"nova_general_percent", Value(75)}});
  const auto config = customizer.get_data_mixing_config();
  EXPECT_EQ(config.at("customer_data_percent"), Value(40));
  EXPECT_EQ(config.at("nova_code_percent"), Value(25));

  TrainingPlan plan;
  const auto block = mixing_block(customizer, &plan);
  EXPECT_EQ(leaf(block, {"sources", "customer_data", "percent"}), Value(40.0));
  EXPECT_EQ(leaf(block, {"sources", "nova_data", "code"}), Value(25.0));
  EXPECT_EQ(leaf(block, {"sources", "nova_data", "general"}), Value(75.0));
  EXPECT_EQ(leaf(block, {"dataset_catalog"}), Value("nova_forge_text_catalog_v1"));
  // The ConfigMap the job would be created with carries the same recipe.
  EXPECT_THAT(plan.hyperpod_objects_yaml, HasSubstr("percent: 40.0"));

  // An omitted Nova field is 0; within 0.01 of 100 is 100.
  customizer.set_data_mixing_config({{"customer_data_percent", Value(10)}, {"nova_general_percent", Value(99.995)}});
  const auto second = mixing_block(customizer);
  EXPECT_EQ(leaf(second, {"sources", "nova_data", "code"}), Value(0.0));
  EXPECT_EQ(leaf(second, {"sources", "nova_data", "general"}), Value(99.995));
}

TEST_F(DataMixingTest, TrainCreatesTheJobWithTheMixInItsConfigMap) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), options());
  customizer.set_data_mixing_config(
      {{"customer_data_percent", Value(60)}, {"nova_code_percent", Value(35.5)}, {"nova_general_percent", Value(64.5)}});
  TrainOptions train;
  train.job_name = "mixed";
  const auto result = customizer.train(train);
  ASSERT_NE(result, nullptr);
  std::string recipe;
  for (const auto& config_map : json::parse(k8s_->control("GET", "objects/configmaps"))) {
    if (config_map["metadata"]["name"] == "training-config-" + result->job_id()) recipe = config_map["data"]["config.yaml"];
  }
  ASSERT_FALSE(recipe.empty()) << "no ConfigMap training-config-" << result->job_id();
  const recipes::RecipeNode tree = recipes::parse_recipe_yaml(recipe, "the ConfigMap's recipe");
  ASSERT_NE(tree.find("data_mixing"), nullptr) << recipe;
  EXPECT_EQ(leaf(*tree.find("data_mixing"), {"sources", "nova_data", "code"}), Value(35.5));
  EXPECT_EQ(leaf(*tree.find("data_mixing"), {"sources", "customer_data", "percent"}), Value(60.0));
}

TEST_F(DataMixingTest, InvalidMixesAreRefusedWithTheReferencesMessagesAndChangeNothing) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), options());
  const auto before = customizer.get_data_mixing_config();
  EXPECT_THAT(error_of([&] {
                customizer.set_data_mixing_config({{"customer_data_percent", Value(50)},
                                                   {"nova_code_percent", Value(30)},
                                                   {"nova_general_percent", Value(60)}});
              }),
              HasSubstr("Nova data percentages must sum to 100, got 90. Fields: {'customer_data_percent': 50, "
                        "'nova_code_percent': 30, 'nova_general_percent': 60}"));
  EXPECT_THAT(error_of([&] {
                customizer.set_data_mixing_config({{"nova_code_percent", Value(30)}, {"nova_general_percent", Value(70.02)}});
              }),
              HasSubstr("Nova data percentages must sum to 100, got 100.02"));
  EXPECT_THAT(error_of([&] { customizer.set_data_mixing_config({{"nova_math_percent", Value(100)}}); }),
              HasSubstr("Invalid nova field 'nova_math_percent'. Valid fields are: ['customer_data_percent', "
                        "'nova_code_percent', 'nova_general_percent']"));
  EXPECT_THAT(error_of([&] { customizer.set_data_mixing_config({{"customer_data_percent", Value(101)}}); }),
              HasSubstr("customer_data_percent must be between 0 and 100, got 101"));
  EXPECT_EQ(customizer.get_data_mixing_config(), before);

  // Mixing keys are not overrides.
  TrainOptions train;
  train.job_name = "mix";
  train.overrides = {{"nova_code_percent", Value(10)}};
  EXPECT_THAT(error_of([&] { customizer.plan_training(train); }), HasSubstr("set_data_mixing_config"));
}

TEST_F(DataMixingTest, OnlyHyperPodAndCptOrSft) {
  const std::string supported =
      "Data mixing is only supported for [<TrainingMethod.CPT: 'cpt'>, <TrainingMethod.SFT_FULL: 'sft_full'>, "
      "<TrainingMethod.SFT_LORA: 'sft_lora'>] training methods on SageMaker HyperPod. Change platform to SMHP or "
      "change to a supported training method to use data mixing.";
  const auto smtj = std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", 4, "arn:aws:iam::123456789012:role/NovaExec");
  EXPECT_THAT(error_of([&] { NovaModelCustomizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, smtj, options()); }),
              HasSubstr(supported));
  EXPECT_THAT(error_of([&] { NovaModelCustomizer(Model::NOVA_LITE_2, TrainingMethod::DPO_LORA, hyperpod(), options()); }),
              HasSubstr(supported));
  // Without data mixing the customizer neither offers nor takes a mix.
  CustomizerOptions plain = options();
  plain.data_mixing_enabled = false;
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), plain);
  EXPECT_TRUE(customizer.get_data_mixing_config().empty());
  EXPECT_THAT(error_of([&] { customizer.set_data_mixing_config({{"customer_data_percent", Value(100)}}); }),
              HasSubstr("Data mixing is not enabled for this customizer."));
  // ... and its recipe is the standard one (subscription recipes are left out).
  TrainOptions train;
  train.job_name = "plain";
  EXPECT_EQ(customizer.plan_training(train).recipe_name, "nova_lite_2_0_p5_gpu_lora_sft");
}

TEST_F(DataMixingTest, ChangingModelMethodOrRuntimeResetsTheMix) {
  NovaModelCustomizer customizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, hyperpod(), options());
  const auto defaults = customizer.get_data_mixing_config();
  const std::map<std::string, Value> mine{
      {"customer_data_percent", Value(20)}, {"nova_code_percent", Value(50)}, {"nova_general_percent", Value(50)}};
  const auto set_mine = [&] {
    customizer.set_data_mixing_config(mine);
    ASSERT_NE(customizer.get_data_mixing_config(), defaults);
  };

  set_mine();
  customizer.set_model(Model::NOVA_LITE_2);
  EXPECT_EQ(customizer.get_data_mixing_config(), defaults);
  set_mine();
  customizer.set_method(TrainingMethod::SFT_LORA);
  EXPECT_EQ(customizer.get_data_mixing_config(), defaults);
  set_mine();
  customizer.set_infra(hyperpod());
  EXPECT_EQ(customizer.get_data_mixing_config(), defaults);

  // A change data mixing cannot follow is refused and leaves everything as it was.
  set_mine();
  const auto mixed = customizer.get_data_mixing_config();
  EXPECT_THAT(error_of([&] { customizer.set_method(TrainingMethod::DPO_LORA); }), HasSubstr("Data mixing is only supported"));
  EXPECT_THAT(error_of([&] {
                customizer.set_infra(
                    std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", 4, "arn:aws:iam::123456789012:role/NovaExec"));
              }),
              HasSubstr("Change platform to SMHP"));
  // SFT full has no Forge recipe here: the standard one offers no mix.
  EXPECT_THAT(error_of([&] { customizer.set_method(TrainingMethod::SFT_FULL); }),
              HasSubstr("has no data-mixing fields"));
  EXPECT_EQ(customizer.method(), TrainingMethod::SFT_LORA);
  EXPECT_EQ(customizer.infra()->platform(), Platform::SMHP);
  EXPECT_EQ(customizer.get_data_mixing_config(), mixed);
}

}  // namespace
}  // namespace nova
