// Recipe files come from users and from the SageMaker hub: YAML alias bombs and
// self-referencing anchors are refused with a ValueError, in bounded time and memory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "recipes/recipe_tree.hpp"

namespace nova::recipes {
namespace {

using ::testing::HasSubstr;

TEST(RecipeYamlLimits, BillionLaughsIsRefused) {
  // Nine levels of ten aliases each: 10^9 leaves once expanded.
  std::string yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", " : "") + prev;
    yaml += "]\n";
  }
  try {
    (void)parse_recipe_yaml(yaml, "bomb.yaml");
    FAIL() << "an alias bomb was expanded";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("recipe bomb.yaml expands to more than 20000 values"));
  }
}

TEST(RecipeYamlLimits, DeepNestingIsRefused) {
  std::string yaml;
  for (int i = 0; i < 200; ++i) yaml += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  yaml += std::string(400, ' ') + "leaf: 1\n";
  EXPECT_THROW((void)parse_recipe_yaml(yaml, "deep.yaml"), ValueError);
  EXPECT_THROW((void)parse_recipe_yaml(std::string(5000, '[') + std::string(5000, ']'), "flow.yaml"), ValueError);
}

TEST(RecipeYamlLimits, OrdinaryAliasesStillWork) {
  const auto root = parse_recipe_yaml("base: &b {lr: 0.5}\nrun: *b\n", "ok.yaml");
  ASSERT_NE(root.find("run"), nullptr);
  ASSERT_NE(root.find("run")->find("lr"), nullptr);
  EXPECT_EQ(root.find("run")->find("lr")->value, Value(0.5));
}

}  // namespace
}  // namespace nova::recipes
