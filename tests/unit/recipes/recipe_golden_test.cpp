// Golden recipes: one file per catalogue recipe and platform with default values, and one
// with a set of overrides. NOVA_UPDATE_GOLDENS=1 rewrites them; otherwise byte-for-byte.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/text.hpp"
#include "recipe_test_support.hpp"
#include "recipes/recipe_selector.hpp"
#include "support/test_paths.hpp"

namespace nova::recipes {
namespace {

struct GoldenCase {
  std::string file;  // fixture name without directory
  RecipeRequest request;
};

TrainingMethod method_of(const CatalogueListing& r) {
  if (r.technique == "CPT") return TrainingMethod::CPT;
  if (r.technique == "DPO") return r.peft ? TrainingMethod::DPO_LORA : TrainingMethod::DPO_FULL;
  if (r.technique == "RLVR") return r.peft ? TrainingMethod::RFT_LORA : TrainingMethod::RFT_FULL;
  if (r.technique == "SFT") return r.peft ? TrainingMethod::SFT_LORA : TrainingMethod::SFT_FULL;
  return TrainingMethod::EVALUATION;
}

void add_common(RecipeRequest& r) {
  r.rft_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:reward";
  if (r.eval_task == EvaluationTask::GEN_QA || r.eval_task == EvaluationTask::LLM_JUDGE ||
      r.eval_task == EvaluationTask::RUBRIC_LLM_JUDGE || r.eval_task == EvaluationTask::RFT_EVAL)
    r.data_s3_path = "s3://nova-test-bucket/eval/data.jsonl";
  if (r.eval_task == EvaluationTask::RFT_EVAL) r.rl_env["reward_lambda_arn"] = Value(r.rft_lambda_arn);
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  BuiltinCatalogue builtin;
  for (auto name : all_model_names()) {
    const Model model = *parse_model(name);
    const auto document = builtin.hub_content(model_info(model).hub_content_name).document;
    for (const auto& listing : list_recipes(document)) {
      for (const Platform platform : {Platform::SMTJ, Platform::SMHP}) {
        if (platform == Platform::SMTJ ? !listing.smtj : !listing.smhp) continue;
        auto request = testing::request_for(model, method_of(listing), platform);
        request.recipe_name = listing.name;
        if (request.method == TrainingMethod::EVALUATION) {
          const auto display = core::ascii_lower(listing.display_name);
          request.eval_task = display.find("bring your own") != std::string::npos ? EvaluationTask::GEN_QA
                              : display.find("multi modal") != std::string::npos ? EvaluationTask::MMMU
                                                                                  : EvaluationTask::MMLU;
        }
        add_common(request);
        cases.push_back({listing.name + "_" + core::ascii_lower(std::string(to_string(platform))), request});
      }
    }
    for (const auto task : {EvaluationTask::LLM_JUDGE, EvaluationTask::RUBRIC_LLM_JUDGE, EvaluationTask::RFT_EVAL}) {
      const std::string local = std::string(value_of(task)) + (model_version(model) == Version::TWO ? "_two" : "_one");
      if (!has_builtin_file("local/" + local + ".yaml")) continue;
      for (const Platform platform : {Platform::SMTJ, Platform::SMHP}) {
        auto request = testing::request_for(model, TrainingMethod::EVALUATION, platform);
        request.eval_task = task;
        add_common(request);
        cases.push_back({model_info(model).value + "_" + local + "_" + core::ascii_lower(std::string(to_string(platform))), request});
      }
    }
  }
  return cases;
}

// A few overrides every recipe of a family accepts.
std::map<std::string, Value> golden_overrides(const RecipeRequest& r) {
  if (r.method != TrainingMethod::EVALUATION) return {{"lr", Value(2e-5)}, {"name", Value("golden-override-run")}};
  if (r.eval_task == EvaluationTask::LLM_JUDGE || r.eval_task == EvaluationTask::RUBRIC_LLM_JUDGE || r.eval_task == EvaluationTask::RFT_EVAL)
    return {{"top_logprobs", Value(5)}, {"top_p", Value(0.9)}};
  return {{"max_new_tokens", Value(2048)}, {"top_p", Value(0.9)}};
}

std::filesystem::path golden_dir() { return testing::fixture("recipes"); }

void check_golden(const std::string& file, const std::string& actual) {
  const auto path = golden_dir() / file;
  const char* update = std::getenv("NOVA_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with NOVA_UPDATE_GOLDENS=1";
  EXPECT_EQ(testing::read_file(path), actual) << "golden " << path;
}

TEST(RecipeGolden, EveryCatalogueRecipeMatchesItsGolden) {
  for (auto& c : golden_cases()) {
    SCOPED_TRACE(c.file);
    auto catalogue = testing::offline_catalogue();
    check_golden(c.file + ".yaml", resolve_recipe(c.request, catalogue).yaml);
    c.request.overrides = golden_overrides(c.request);
    check_golden(c.file + "_overrides.yaml", resolve_recipe(c.request, catalogue).yaml);
  }
}

TEST(RecipeGolden, EveryGoldenBelongsToACatalogueRecipe) {
  std::set<std::string> expected;
  for (const auto& c : golden_cases()) {
    expected.insert(c.file + ".yaml");
    expected.insert(c.file + "_overrides.yaml");
  }
  std::set<std::string> present;
  for (const auto& entry : std::filesystem::directory_iterator(golden_dir())) present.insert(entry.path().filename().string());
  EXPECT_EQ(present, expected);
  EXPECT_GE(expected.size(), 100u);
}

}  // namespace
}  // namespace nova::recipes
