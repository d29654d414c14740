#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "recipe_test_support.hpp"
#include "recipes/recipe_selector.hpp"

namespace nova::recipes {
namespace {

using ::testing::HasSubstr;
using testing::offline_catalogue;
using testing::request_for;

std::string error_of(const RecipeRequest& request) { return testing::resolve_error(request); }

TEST(RecipeSelection, MethodNotOfferedForModelListsTheModelsMethods) {
  const auto message = error_of(request_for(Model::NOVA_LITE_2, TrainingMethod::DPO_LORA, Platform::SMTJ));
  EXPECT_THAT(message, HasSubstr("DPO_LORA is not supported for NOVA_LITE_2"));
  EXPECT_THAT(message, HasSubstr("RFT_LORA"));
  EXPECT_THAT(message, HasSubstr("SFT_FULL"));
}

TEST(RecipeSelection, MethodNotOnPlatformNamesThePlatformThatHasIt) {
  const auto message = error_of(request_for(Model::NOVA_MICRO, TrainingMethod::CPT, Platform::SMTJ));
  EXPECT_THAT(message, HasSubstr("CPT is not supported on SMTJ for NOVA_MICRO"));
  EXPECT_THAT(message, HasSubstr("available on SMHP"));
}

TEST(RecipeSelection, UnsupportedInstanceTypeListsTheSupportedOnes) {
  auto request = request_for(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.instance_type = "ml.c5.xlarge";
  const auto message = error_of(request);
  EXPECT_THAT(message, HasSubstr("SFT_LORA using ml.c5.xlarge is not supported on SMTJ"));
  EXPECT_THAT(message, HasSubstr("ml.g5.12xlarge"));
  EXPECT_THAT(message, HasSubstr("ml.p5.48xlarge"));
}

TEST(RecipeSelection, InstanceTypePicksTheRecipeThatSupportsIt) {
  auto catalogue = offline_catalogue();
  auto request = request_for(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.instance_type = "g5.48xlarge";
  EXPECT_EQ(resolve_recipe(request, catalogue).recipe_name, "nova_micro_1_0_g5_g6_48x_gpu_lora_sft");
  request.instance_type = "ml.p5.48xlarge";
  EXPECT_EQ(resolve_recipe(request, catalogue).recipe_name, "nova_micro_1_0_p5_p4d_gpu_lora_sft");
}

TEST(RecipeSelection, SingleRecipeWithWrongInstanceTypeFailsValidation) {
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::CPT, Platform::SMHP);
  request.instance_type = "ml.g5.12xlarge";
  const auto message = error_of(request);
  EXPECT_THAT(message, HasSubstr("Instance type 'ml.g5.12xlarge' is not supported. Allowed types: [ml.p5.48xlarge]"));
}

TEST(RecipeSelection, InstanceCountOutsideTheAllowedCountsIsAnError) {
  auto request = request_for(Model::NOVA_LITE, TrainingMethod::SFT_LORA, Platform::SMHP);
  request.instance_count = 3;
  EXPECT_THAT(error_of(request), HasSubstr("'replicas' must be one of [4, 8, 16]. You provided 3."));
  request.platform = Platform::SMTJ;
  request.instance_type = "ml.p5.48xlarge";
  EXPECT_THAT(error_of(request), HasSubstr("'replicas' must be one of [4]. You provided 3."));
}

TEST(RecipeSelection, EvaluationNeedsATask) {
  EXPECT_THAT(error_of(request_for(Model::NOVA_PRO, TrainingMethod::EVALUATION, Platform::SMTJ)),
              HasSubstr("'eval_task' is a required parameter"));
}

TEST(RecipeSelection, LocalEvaluationTemplateMissingForModelGeneration) {
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::EVALUATION, Platform::SMTJ);
  request.eval_task = EvaluationTask::LLM_JUDGE;
  EXPECT_THAT(error_of(request), HasSubstr("'llm_judge' is not supported on SMTJ for nova_lite_2"));
}

TEST(RecipeSelection, EvalTasksPickTheirRecipeFamily) {
  auto catalogue = offline_catalogue();
  auto request = request_for(Model::NOVA_LITE, TrainingMethod::EVALUATION, Platform::SMTJ);
  request.eval_task = EvaluationTask::MMLU;
  EXPECT_EQ(resolve_recipe(request, catalogue).recipe_name, "nova_lite_1_0_p5_48xl_gpu_general_text_benchmark_eval");
  request.eval_task = EvaluationTask::GEN_QA;
  request.data_s3_path = "s3://b/eval.jsonl";
  EXPECT_EQ(resolve_recipe(request, catalogue).recipe_name, "nova_lite_1_0_p5_48xl_gpu_bring_your_own_dataset_eval");
  request.eval_task = EvaluationTask::LLM_JUDGE;
  const auto judge = resolve_recipe(request, catalogue);
  EXPECT_EQ(judge.recipe_name, "llm_judge_one");
  EXPECT_EQ(judge.image_uri, "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-evaluation-repo:SM-TJ-Eval-latest");
}

TEST(RecipeSelection, BuiltinImagesUnknownInEuWest2AreReportedClearly) {
  auto catalogue = offline_catalogue("eu-west-2");
  auto request = request_for(Model::NOVA_LITE, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.region = "eu-west-2";
  try {
    resolve_recipe(request, catalogue);
    FAIL() << "expected a ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("does not know the Nova training images for region 'eu-west-2'"));
    EXPECT_THAT(e.what(), HasSubstr("us-east-1, us-west-2"));
  }
}

TEST(RecipeSelection, ImagesPerRegionAndPlatform) {
  auto catalogue = offline_catalogue("us-west-2");
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMHP);
  request.region = "us-west-2";
  EXPECT_EQ(resolve_recipe(request, catalogue).image_uri, "176779409107.dkr.ecr.us-west-2.amazonaws.com/nova-fine-tune-repo:SM-HP-SFT-V2-latest");
}

TEST(RecipeSelection, DataMixingOnlyOnHyperPodForCptAndSft) {
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.data_mixing = true;
  EXPECT_THAT(error_of(request), HasSubstr("Data mixing is only supported for [CPT, SFT_FULL, SFT_LORA] training methods on SageMaker HyperPod"));
}

// A hub entry whose fields have the wrong JSON types is reported as a malformed catalogue,
// not let out as a JSON library exception.
TEST(RecipeSelection, HubEntryWithFieldsOfTheWrongTypeIsAMalformedCatalogue) {
  const std::string entry =
      R"({"Name": "r", "CustomizationTechnique": "SFT", "Peft": true, "SmtjRecipeTemplateS3Uri": "s3://b/t",
          "SmtjOverrideParamsS3Uri": "s3://b/o", )";
  for (const std::string wrong : {R"("SupportedInstanceTypes": [7]})", R"("InstanceCount": "two"})"}) {
    const std::string document = R"({"RecipeCollection": [)" + entry + wrong + "]}";
    try {
      (void)select_recipe(document, request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMTJ));
      FAIL() << "accepted " << wrong;
    } catch (const ValueError& e) {
      EXPECT_THAT(e.what(), HasSubstr("the recipe catalogue's hub content document is malformed"));
    }
  }
}

}  // namespace
}  // namespace nova::recipes
