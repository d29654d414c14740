#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "recipe_test_support.hpp"
#include "recipes/recipe_tree.hpp"
#include "support/test_paths.hpp"

namespace nova::recipes {
namespace {

using ::testing::HasSubstr;
using testing::offline_catalogue;
using testing::request_for;

Value leaf(const std::string& yaml, const std::string& dotted) {
  RecipeNode node = parse_recipe_yaml(yaml, "test");
  const RecipeNode* at = &node;
  std::string rest = dotted;
  while (true) {
    const auto dot = rest.find('.');
    at = at->find(rest.substr(0, dot));
    if (!at) return Value("<missing>");
    if (dot == std::string::npos) return at->value;
    rest = rest.substr(dot + 1);
  }
}

std::string error_of(const RecipeRequest& request) { return testing::resolve_error(request); }

RecipeRequest sft_lora() { return request_for(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, Platform::SMTJ); }

TEST(RecipeFill, SdkValuesFillTheRunSection) {
  auto catalogue = offline_catalogue();
  const auto yaml = resolve_recipe(sft_lora(), catalogue).yaml;
  EXPECT_EQ(leaf(yaml, "run.name"), Value("golden-job"));
  EXPECT_EQ(leaf(yaml, "run.model_type"), Value("amazon.nova-2-lite-v1:0:256k"));
  EXPECT_EQ(leaf(yaml, "run.model_name_or_path"), Value("nova-lite-2/prod"));
  EXPECT_EQ(leaf(yaml, "run.replicas"), Value(4));
  EXPECT_EQ(leaf(yaml, "run.data_s3_path"), Value("s3://nova-test-bucket/data/train.jsonl"));
  EXPECT_EQ(leaf(yaml, "training_config.max_steps"), Value(10));
  EXPECT_EQ(leaf(yaml, "training_config.save_steps"), Value(10));  // aliased to {{max_steps}}
}

TEST(RecipeFill, OverridesBeatTheRecipeFileWhichBeatsDefaults) {
  testing::TempDir dir;
  const auto file = dir.write("mine.yaml", "training_config:\n  max_steps: 50\n  global_batch_size: 64\n  optim_config:\n    lr: 2.0e-05\n");
  auto request = sft_lora();
  request.recipe_path = file.string();
  request.overrides["max_steps"] = Value(200);
  auto catalogue = offline_catalogue();
  const auto yaml = resolve_recipe(request, catalogue).yaml;
  EXPECT_EQ(leaf(yaml, "training_config.max_steps"), Value(200));
  EXPECT_EQ(leaf(yaml, "training_config.global_batch_size"), Value(64));
  EXPECT_EQ(leaf(yaml, "training_config.optim_config.lr"), Value(2e-5));
  EXPECT_EQ(leaf(yaml, "training_config.max_length"), Value(32768));
}

TEST(RecipeFill, RecipeFileMustBeYaml) {
  auto request = sft_lora();
  request.recipe_path = "/tmp/recipe.json";
  EXPECT_THAT(error_of(request), HasSubstr("File must have .yaml extension: /tmp/recipe.json"));
}

TEST(RecipeFill, OverrideBySchemaNameReachesItsLeaves) {
  auto request = request_for(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.instance_type = "ml.p5.48xlarge";
  request.overrides["learning_rate"] = Value(3e-5);
  auto catalogue = offline_catalogue();
  EXPECT_EQ(leaf(resolve_recipe(request, catalogue).yaml, "training_config.model.optim.lr"), Value(3e-5));
}

TEST(RecipeFill, UnknownOverrideSuggestsTheClosestKeys) {
  auto request = sft_lora();
  request.overrides["max_step"] = Value(10);
  const auto message = error_of(request);
  EXPECT_THAT(message, HasSubstr("Unknown override 'max_step'"));
  EXPECT_THAT(message, HasSubstr("Did you mean: max_steps"));
  EXPECT_THAT(message, HasSubstr("Valid keys: "));
}

TEST(RecipeFill, NonOverridableKeysSayWhatToDoInstead) {
  auto request = sft_lora();
  request.overrides["peft_scheme"] = Value("null");
  EXPECT_THAT(error_of(request), HasSubstr("choose a LoRA method"));
  request.overrides = {{"model_type", Value("amazon.nova-pro-v1:0:300k")}};
  EXPECT_THAT(error_of(request), HasSubstr("'model_type' cannot be overridden"));
  request.overrides = {{"model_name_or_path", Value("nova-pro/prod")}};
  EXPECT_THAT(error_of(request), HasSubstr("s3:// path of a trained model"));
}

TEST(RecipeFill, TrainedModelPathIsCheckedThroughTheHook) {
  auto request = sft_lora();
  request.overrides["model_name_or_path"] = Value("s3://escrow/checkpoint");
  std::string checked;
  RecipeHooks hooks;
  hooks.check_model_path = [&](const std::string& uri) { checked = uri; };
  auto catalogue = offline_catalogue();
  const auto yaml = resolve_recipe(request, catalogue, hooks).yaml;
  EXPECT_EQ(checked, "s3://escrow/checkpoint");
  EXPECT_EQ(leaf(yaml, "run.model_name_or_path"), Value("s3://escrow/checkpoint"));
}

TEST(RecipeFill, ValidationReportsTypeEnumAndRange) {
  auto request = sft_lora();
  request.overrides = {{"lr", Value(1)}, {"global_batch_size", Value(48)}, {"max_steps", Value(2)}};
  const auto message = error_of(request);
  EXPECT_THAT(message, HasSubstr("'lr' expects float. You provided int (1)."));
  EXPECT_THAT(message, HasSubstr("'global_batch_size' must be one of [32, 64, 128, 256]. You provided 48."));
  EXPECT_THAT(message, HasSubstr("'max_steps' must be at least 4 (allowed range 4 to 100000). You provided 2."));
}

TEST(RecipeFill, RftNeedsAValidLambda) {
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::RFT_LORA, Platform::SMTJ);
  EXPECT_THAT(error_of(request), HasSubstr("'rft_lambda_arn' is a required parameter when calling train() for RFT"));
  request.rft_lambda_arn = "not-an-arn";
  EXPECT_THAT(error_of(request), HasSubstr("'rft_lambda_arn' must be a valid Lambda function ARN"));
  request.rft_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:reward";
  EXPECT_EQ(error_of(request), "no error");
}

TEST(RecipeFill, APreviewOfRftNeedsNoLambdaButStillChecksAGivenOne) {
  auto request = request_for(Model::NOVA_LITE_2, TrainingMethod::RFT_LORA, Platform::SMTJ);
  request.for_launch = false;  // `nova recipe show`, the customizer's construction-time check
  EXPECT_EQ(error_of(request), "no error");
  request.rft_lambda_arn = "not-an-arn";
  EXPECT_THAT(error_of(request), HasSubstr("'rft_lambda_arn' must be a valid Lambda function ARN"));
}

TEST(RecipeFill, EvaluationChecksSubtasksAndByod) {
  auto request = request_for(Model::NOVA_PRO, TrainingMethod::EVALUATION, Platform::SMTJ);
  request.eval_task = EvaluationTask::MMLU;
  request.subtask = "astrology";
  EXPECT_THAT(error_of(request), HasSubstr("Invalid subtask \"astrology\" for task mmlu. Valid subtasks: [abstract_algebra"));
  request.subtask = "anatomy";
  request.data_s3_path = "s3://b/eval.jsonl";
  EXPECT_THAT(error_of(request), HasSubstr("BYOD evaluation must use one of the following eval tasks"));
  request.data_s3_path.clear();
  auto catalogue = offline_catalogue();
  EXPECT_EQ(leaf(resolve_recipe(request, catalogue).yaml, "evaluation.subtask"), Value("anatomy"));
  request.eval_task = EvaluationTask::IFEVAL;
  EXPECT_THAT(error_of(request), HasSubstr("Task ifeval does not support subtasks"));
}

TEST(RecipeFill, TemperatureBecomesFloatAndOptimizerNameIsKept) {
  auto request = request_for(Model::NOVA_MICRO, TrainingMethod::SFT_LORA, Platform::SMTJ);
  request.instance_type = "ml.p5.48xlarge";
  auto catalogue = offline_catalogue();
  EXPECT_EQ(leaf(resolve_recipe(request, catalogue).yaml, "training_config.model.optim.name"), Value("distributed_fused_adam"));
  auto eval = request_for(Model::NOVA_MICRO, TrainingMethod::EVALUATION, Platform::SMTJ);
  eval.eval_task = EvaluationTask::MMLU;
  EXPECT_EQ(leaf(resolve_recipe(eval, catalogue).yaml, "inference.temperature"), Value(0.0));
}

TEST(RecipeFill, ReplicasOverrideChangesTheInstanceCount) {
  auto request = request_for(Model::NOVA_LITE, TrainingMethod::SFT_LORA, Platform::SMHP);
  request.overrides["replicas"] = Value(8);
  auto catalogue = offline_catalogue();
  EXPECT_EQ(resolve_recipe(request, catalogue).instance_count, 8);
}

TEST(RecipeFill, OutputIsDeterministic) {
  auto request = sft_lora();
  request.mlflow_tracking_uri = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-ABC";
  auto catalogue = offline_catalogue();
  const auto first = resolve_recipe(request, catalogue).yaml;
  EXPECT_EQ(resolve_recipe(request, catalogue).yaml, first);
  EXPECT_THAT(first, HasSubstr("mlflow_run_name: golden-job-"));
  EXPECT_LT(first.find("run:"), first.find("training_config:"));
}

TEST(RecipeFill, GeneratedRecipeDirIsADirectory) {
  testing::TempDir dir;
  auto request = sft_lora();
  request.write_file = true;
  request.generated_recipe_dir = (dir / "recipes").string();
  auto catalogue = offline_catalogue();
  const auto resolved = resolve_recipe(request, catalogue);
  EXPECT_EQ(resolved.file_path, (dir / "recipes" / "golden-job-nova_lite_2_0_p5_gpu_lora_sft.yaml").string());
  EXPECT_EQ(testing::read_file(resolved.file_path), resolved.yaml);
  request.generated_recipe_dir = dir.write("file", "x").string();
  EXPECT_THAT(error_of(request), HasSubstr("generated_recipe_dir must be a directory"));
}

}  // namespace
}  // namespace nova::recipes
