#include <gtest/gtest.h>

#include "nova/error.hpp"
#include "nova/value.hpp"

namespace nova {
namespace {

TEST(RecipeValue, ParsesOverridesWithYamlScalarRules) {
  EXPECT_EQ(parse_override("lr=1e-5").second, Value(1e-5));
  EXPECT_EQ(parse_override("max_epochs=10").second, Value(10));
  EXPECT_EQ(parse_override("reasoning_enabled=true").second, Value(true));
  EXPECT_EQ(parse_override("reasoning_effort=null").second, Value());
  EXPECT_EQ(parse_override("name='10'").second, Value("10"));
  EXPECT_EQ(parse_override("name=\"a b\"").second, Value("a b"));
  EXPECT_EQ(parse_override("betas=[0.9, 0.999]").second, Value(std::vector<Value>{0.9, 0.999}));
  EXPECT_EQ(parse_override(" lr = 0.5 ").first, "lr");
  EXPECT_EQ(parse_override("path=s3://b/k=v").second, Value("s3://b/k=v"));
}

TEST(RecipeValue, RejectsOverridesWithoutKeyOrEquals) {
  EXPECT_THROW(parse_override("lr"), ValueError);
  EXPECT_THROW(parse_override("=3"), ValueError);
}

TEST(RecipeValue, WritesYamlThatReadsBackAsTheSameValue) {
  EXPECT_EQ(Value(1e-5).to_yaml(), "1.0e-05");
  EXPECT_EQ(Value(16.0).to_yaml(), "16.0");
  EXPECT_EQ(Value(7).to_yaml(), "7");
  EXPECT_EQ(Value(100000.0).to_yaml(), "100000.0");
  EXPECT_EQ(Value(7e-7).to_yaml(), "7.0e-07");
  EXPECT_EQ(Value(0.001).to_yaml(), "0.001");
  EXPECT_EQ(Value(1e16).to_yaml(), "1.0e+16");
  EXPECT_EQ(Value("10").to_yaml(), "'10'");
  EXPECT_EQ(Value("").to_yaml(), "''");
  EXPECT_EQ(Value("true").to_yaml(), "'true'");
  EXPECT_EQ(Value("it's").to_yaml(), "it's");
  for (const Value& v : {Value(1e-5), Value(3), Value("10"), Value(true), Value(), Value("x: y")})
    EXPECT_EQ(parse_yaml_value(v.to_yaml()), v) << v.to_yaml();
}

TEST(RecipeValue, KindMismatchIsAValueError) {
  EXPECT_THROW(Value("x").as_int(), ValueError);
  EXPECT_DOUBLE_EQ(Value(3).as_double(), 3.0);
}

}  // namespace
}  // namespace nova

#include "recipes/recipe_tree.hpp"

namespace nova::recipes {
namespace {

TEST(RecipeTree, EmitsScalarsSoTheyReadBackAsTheSameKinds) {
  const std::string yaml =
      "run:\n  name: '{{name}}'\n  effort: null\n  flag: true\n  text: 'null'\n  number: '10'\n  lr: 1.0e-05\n  list:\n    - 0.9\n    - 0.999\n";
  const auto tree = parse_recipe_yaml(yaml, "test");
  EXPECT_EQ(emit_recipe_yaml(tree), yaml);
  EXPECT_TRUE(tree.find("run")->find("effort")->value.is_null());
  EXPECT_EQ(tree.find("run")->find("text")->value, Value("null"));
  EXPECT_EQ(placeholder_of(tree.find("run")->find("name")->value), "name");
}

}  // namespace
}  // namespace nova::recipes
