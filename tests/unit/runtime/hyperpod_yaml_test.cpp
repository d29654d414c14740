// The HyperPod manifest reader's budgets: a hub payload template is text from a service, so
// aliases that expand without bound, self-referencing anchors, huge texts and keys or numbers
// JSON cannot carry are refused with a ValueError naming the template and the line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "nova/error.hpp"
#include "runtime/hyperpod_yaml.hpp"
#include "support/test_paths.hpp"

namespace nova::runtime {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

auto parse(const std::string& text) {
  return [text] { (void)parse_manifests(text, "hub payload template"); };
}

TEST(HyperPodYamlBudget, AliasInsideItsOwnAnchorIsRefusedNotAStackOverflow) {
  EXPECT_THAT(parse("kind: A\nspec: &x\n  inner: *x\n"),
              ThrowsMessage<ValueError>(HasSubstr("hub payload template nests more than 64 levels deep (an alias inside its own anchor?)")));
  EXPECT_THAT(parse("kind: A\nspec: &x\n  <<: *x\n"), ThrowsMessage<ValueError>(HasSubstr("nests more than 64 levels deep")));
}

TEST(HyperPodYamlBudget, NestingUpTo64LevelsIsRead) {
  std::string deep = "kind: A\n";
  std::string pad;
  for (int i = 0; i < 63; ++i, pad += " ") deep += pad + "k:\n";
  deep += pad + "k: leaf\n";
  const auto docs = parse_manifests(deep, "t");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(parse_manifests(manifests_yaml(docs), "again"), docs);
  EXPECT_THAT(parse(deep.substr(0, deep.size() - 5) + "\n" + pad + " k: leaf\n"),
              ThrowsMessage<ValueError>(HasSubstr("nests more than 64 levels deep")));
}

// Nine levels of ten aliases each describe 10^9 values in under 300 bytes.
TEST(HyperPodYamlBudget, BillionLaughsIsRefusedByTheValueCount) {
  std::string bomb = "kind: A\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 10; ++j) bomb += ", " + prev;
    bomb += "]\n";
  }
  EXPECT_THAT(parse(bomb), ThrowsMessage<ValueError>(HasSubstr(
                               "hub payload template expands to more than 50000 values (repeated YAML aliases?)")));
}

// Few values, each a large string: the count stays low but the text would not.
TEST(HyperPodYamlBudget, AliasedLongTextIsRefusedByTheExpandedSize) {
  std::string text = "kind: A\nbig: &big " + std::string(1 << 20, 'x') + "\nlist: [";
  for (int i = 0; i < 20; ++i) text += "*big, ";
  text += "*big]\n";
  EXPECT_THAT(parse(text), ThrowsMessage<ValueError>(HasSubstr("hub payload template expands to more than 16 MiB of text")));
}

TEST(HyperPodYamlBudget, TextOverFourMiBIsRefusedBeforeParsing) {
  const std::string text = "kind: A\ndata: " + std::string(5 << 20, 'x') + "\n";
  EXPECT_THAT(parse(text), ThrowsMessage<ValueError>(HasSubstr("hub payload template is 5242895 bytes; HyperPod templates "
                                                               "and recipes are at most 4 MiB")));
}

TEST(HyperPodYamlBudget, MoreThanAThousandDocumentsAreRefused) {
  std::string text;
  for (int i = 0; i < 1001; ++i) text += "---\nkind: A\n";
  EXPECT_THAT(parse(text), ThrowsMessage<ValueError>(HasSubstr("hub payload template holds more than 1000 YAML documents")));
  EXPECT_EQ(parse_manifests(text.substr(0, text.size() / 1001 * 1000), "t").size(), 1000u);
}

TEST(HyperPodYamlBudget, KeysJsonCannotCarryAreRefusedWithTheirLine) {
  EXPECT_THAT(parse("kind: A\nmetadata:\n  name: {{name}}\n"),
              ThrowsMessage<ValueError>(HasSubstr("hub payload template has a mapping key that is not text (a list, a mapping "
                                                  "or null) (line 3)")));
  EXPECT_THAT(parse("kind: A\n? [a, b]\n: 1\n"), ThrowsMessage<ValueError>(HasSubstr("mapping key that is not text")));
}

TEST(HyperPodYamlBudget, InvalidUtf8AndNumbersTooLargeAreRefused) {
  EXPECT_THAT(parse("kind: A\nescaped: \"a\\xffb\"\nraw: a\xff"
                    "b\n"),
              ThrowsMessage<ValueError>(HasSubstr("hub payload template holds text that is not valid UTF-8 (line 3)")));
  EXPECT_THAT(parse("kind: A\nreplicas: 1e999\n"),
              ThrowsMessage<ValueError>(HasSubstr("holds the number 1e999 which is too large; quote it to keep it as text (line 2)")));
  const auto docs = parse_manifests("kind: A\ntiny: 1e-999\nquoted: '1e999'\nbig: 99999999999999999999\n", "t");
  EXPECT_EQ(docs[0]["tiny"], 0.0);
  EXPECT_EQ(docs[0]["quoted"], "1e999");
  EXPECT_EQ(docs[0]["big"], 1e20);
}

TEST(HyperPodYamlBudget, EveryRenderedGoldenFitsTheBudgets) {
  for (const char* name : {"rft.yaml", "hub_payload_lora_sft.rendered.yaml", "sft_full.yaml", "evaluation.yaml"}) {
    SCOPED_TRACE(name);
    const auto docs = parse_manifests(nova::testing::read_file(nova::testing::fixture(std::string("hyperpod/") + name)), name);
    EXPECT_FALSE(docs.empty());
    EXPECT_EQ(parse_manifests(manifests_yaml(docs), "again"), docs);
  }
}

TEST(HyperPodYaml, KeysLongerThanYamlsSimpleKeyLimitAreWrittenExplicitly) {
  nlohmann::ordered_json object{{"kind", "A"}, {std::string(1500, 'k'), "v"}, {std::string(1200, 'l') + ": x", {1, 2}},
                                {std::string(1100, 'm'), {{"a", 1}}}};
  const std::string text = manifests_yaml({object});
  EXPECT_THAT(text, HasSubstr("? " + std::string(1500, 'k') + "\n: v\n"));
  EXPECT_EQ(parse_manifests(text, "t"), std::vector<nlohmann::ordered_json>{object});
}

}  // namespace
}  // namespace nova::runtime
