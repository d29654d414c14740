// Inputs the fuzzers found crashing (tests/unit/fuzz_regressions/inputs/), fed to the parser
// that crashed: each must now be refused with a clear error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "nova/error.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "recipes/override_schema.hpp"
#include "recipes/recipe_tree.hpp"
#include "nova/results.hpp"
#include "nova/value.hpp"
#include "results/smhp_status.hpp"
#include "runtime/hyperpod_yaml.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;

std::string input_text(const std::string& name) {
  return nova::testing::read_file(std::string(NOVA_SOURCE_DIR) + "/tests/unit/fuzz_regressions/inputs/" + name);
}

// A recipe input with every byte outside printable ASCII (but tab, LF, CR) made '?'. Recipes
// now refuse text that is not printable UTF-8 before anything else
// (RecipeYamlWithBytesThatAreNotUtf8, RecipeYamlWithACharacterYamlDoesNotAllow); the fuzzers'
// earlier inputs hold such bytes, and this way they still reach the code whose bug they found.
std::string ascii_recipe(const std::string& name) {
  std::string text = input_text(name);
  for (char& c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x7F || (b < 0x20 && b != '\t' && b != '\n' && b != '\r')) c = '?';
  }
  return text;
}

// fuzz_recipe_yaml: `<<: *b` inside the anchor `&b` itself. yaml-cpp makes the node its own
// child; converting it recursed until the stack overflowed.
TEST(FuzzRegression, RecipeYamlAliasInsideItsOwnAnchor) {
  try {
    (void)recipes::parse_recipe_yaml(ascii_recipe("recipe_yaml_self_alias.yaml"), "fuzz.yaml");
    FAIL() << "a self-referencing recipe was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("recipe fuzz.yaml nests more than 64 levels deep"));
  }
  EXPECT_THROW((void)recipes::parse_recipe_yaml("a: &x\n  b: *x\n", "small.yaml"), ValueError);
}

// fuzz_recipe_yaml: a float beyond the double range (`1.0e508`, the fuzzer's own input).
// std::stod threw std::out_of_range out of the parser. A YAML float now reads as Python's
// float() does (PyYAML, which the jobs use): ±inf past the range, the denormal or ±0.0 below it.
TEST(FuzzRegression, RecipeYamlWithAFloatBeyondTheDoubleRange) {
  const recipes::RecipeNode root =
      recipes::parse_recipe_yaml(ascii_recipe("recipe_yaml_float_out_of_range.yaml"), "fuzz.yaml");
  EXPECT_NO_THROW((void)recipes::parse_recipe_yaml(recipes::emit_recipe_yaml(root), "emitted.yaml"));

  EXPECT_EQ(parse_yaml_value("1.0e508").as_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_yaml_value("-1e999").as_double(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_yaml_value("1e-999").as_double(), 0.0);
  EXPECT_EQ(parse_yaml_value("4e-320").as_double(), 4e-320);  // a denormal, as Python keeps it
  EXPECT_EQ(parse_yaml_value("+2.5e-3").as_double(), 2.5e-3);
}

// fuzz_recipe_yaml (random exploration): a key starting with the bytes FE FF, not UTF-8. It was
// read, then emitted where a reader takes FE FF for a UTF-16 byte-order mark, and the recipe we
// wrote did not parse back. Text that is not UTF-8 is now refused, naming the line.
TEST(FuzzRegression, RecipeYamlWithBytesThatAreNotUtf8) {
  try {
    (void)recipes::parse_recipe_yaml(input_text("recipe_yaml_invalid_utf8_key.yaml"), "fuzz.yaml");
    FAIL() << "bytes that are not UTF-8 were accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Failed to parse recipe fuzz.yaml: line 1 is not valid UTF-8"));
  }
  try {
    (void)recipes::parse_recipe_yaml("run:\n  name: ok\n  model_type: caf\xe9\n", "latin1.yaml");
    FAIL() << "Latin-1 text was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("line 3 is not valid UTF-8"));
  }
  EXPECT_NO_THROW((void)recipes::parse_recipe_yaml("run:\n  name: caf\xc3\xa9\n", "utf8.yaml"));
}

// fuzz_recipe_yaml (fixed seed 2): a NUL inside a plain value. yaml-cpp read it and wrote it
// back as a stray 0xA0 byte. Characters YAML does not allow are refused, naming line and code.
TEST(FuzzRegression, RecipeYamlWithACharacterYamlDoesNotAllow) {
  try {
    (void)recipes::parse_recipe_yaml(input_text("recipe_yaml_nul_in_plain_scalar.yaml"), "fuzz.yaml");
    FAIL() << "a NUL was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Failed to parse recipe fuzz.yaml: line 22 holds the character U+0000, which YAML "
                                    "does not allow"));
  }
  EXPECT_THROW((void)recipes::parse_recipe_yaml("run:\n  name: a\x7f\n", "del.yaml"), ValueError);
  EXPECT_THROW((void)recipes::parse_recipe_yaml("run:\n  name: a\xc2\x80\n", "c1.yaml"), ValueError);
  EXPECT_NO_THROW((void)recipes::parse_recipe_yaml("\xef\xbb\xbfrun:\r\n  name:\t'a\xc2\x85" "b'\r\n", "bom-crlf.yaml"));
}

// fuzz_recipe_yaml (random run): a double-quoted value spelling ESC as an escape. The value was
// written back raw, inside single quotes, which recipes refuse on reading. Such values are now
// written double-quoted with escapes, as are values with line breaks (a single-quoted scalar
// folds a line break into a space). DEL, U+FFFE and U+FFFF, which yaml-cpp cannot write as
// escapes, are refused.
TEST(FuzzRegression, RecipeValueWithAnEscapedControlCharacterIsWrittenBackAsAnEscape) {
  const recipes::RecipeNode fuzzed =
      recipes::parse_recipe_yaml(input_text("recipe_yaml_escaped_control_character.yaml"), "fuzz.yaml");
  EXPECT_NO_THROW((void)recipes::parse_recipe_yaml(recipes::emit_recipe_yaml(fuzzed), "emitted.yaml"));

  const recipes::RecipeNode root = recipes::parse_recipe_yaml(
      "run:\n  name: \"a\\eb\\x80c\\nd\"\n  list: [\"x\\ty\\x01\"]\n", "escapes.yaml");
  const std::string emitted = recipes::emit_recipe_yaml(root);
  const recipes::RecipeNode back = recipes::parse_recipe_yaml(emitted, "emitted.yaml");
  EXPECT_EQ(back.find("run")->find("name")->value.as_string(), "a\x1b" "b\xc2\x80" "c\nd") << emitted;
  EXPECT_EQ(back.find("run")->find("list")->value.as_list().at(0).as_string(), "x\ty\x01") << emitted;

  try {
    (void)recipes::parse_recipe_yaml("run:\n  name: \"a\\x7f\"\n", "del.yaml");
    FAIL() << "an escaped DEL was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("del.yaml: a key or value holds the character U+007F, which a recipe cannot hold"));
  }
}

// fuzz_hyperpod_yaml: a quoted scalar followed by ',' at the top level. yaml-cpp 0.7's
// LoadAll yielded an empty document without consuming the ',' forever (the fuzzer's timeout,
// memory growing by gigabytes). The input is the fuzzer's own.
TEST(FuzzRegression, HyperPodTemplateWithAStrayCommaEndsWithAnError) {
  for (const std::string& text : {input_text("hyperpod_yaml_stray_comma.yaml"), std::string("\"a\",b\n"),
                                  std::string("kind: A\n---\n[a],b\n")}) {
    EXPECT_THAT([&] { (void)runtime::parse_manifests(text, "hub payload template"); },
                ::testing::ThrowsMessage<ValueError>(HasSubstr("hub payload template is not valid YAML (line")));
  }
  EXPECT_EQ(runtime::parse_manifests("---\n---\nkind: A\n---\n", "t").size(), 1u);  // empty documents are fine
}

// fuzz_hyperpod_yaml: a template whose ConfigMap text became "run:" (the fuzzer cut the
// recipe's first line). Written plain, `config.yaml: run:` reads as a nested key, so the
// `--dry-run` YAML did not parse back. Plain scalars ending in ':' (or starting with "...")
// are quoted now. The input is the fuzzer's own.
TEST(FuzzRegression, EmittedManifestWithAValueEndingInAColonParsesBack) {
  const auto objects = runtime::parse_manifests(input_text("hyperpod_yaml_value_ending_in_colon.yaml"), "fuzz template");
  EXPECT_EQ(runtime::parse_manifests(runtime::manifests_yaml(objects), "emitted"), objects);
  const nlohmann::ordered_json odd{{"kind", "A"}, {"run:", "run:"}, {"...x", "...y"}, {"a", {"b:", "...", "c:d"}}};
  const std::string emitted = runtime::manifests_yaml({odd});
  EXPECT_THAT(emitted, HasSubstr("\"run:\": \"run:\"\n"));
  EXPECT_THAT(emitted, HasSubstr("- c:d\n"));
  EXPECT_EQ(runtime::parse_manifests(emitted, "emitted"), std::vector<nlohmann::ordered_json>{odd});
}

// fuzz_hyperpod_yaml: a ConfigMap text with a NUL byte in it was written as a `|-` literal
// block, where YAML allows no control characters; it read back without the byte after the NUL.
// Text that a literal block cannot keep (controls, CR, a BOM, Unicode line separators, a first
// line that is empty or indented) is written double-quoted now. The first input is the fuzzer's own.
TEST(FuzzRegression, EmittedManifestWithControlCharactersInMultiLineTextParsesBack) {
  const auto objects = runtime::parse_manifests(input_text("hyperpod_yaml_nul_in_block_text.yaml"), "fuzz template");
  EXPECT_EQ(runtime::parse_manifests(runtime::manifests_yaml(objects), "emitted"), objects);
  using namespace std::string_literals;
  for (const std::string text : {"a:\0" "0\nb"s, "a\r\nb"s, "\n  indented\nb"s, "\tx\ny"s, "a\u0085b\nc"s,
                                 "a\u2028b\nc"s, "\ufeffa\nb"s, "a\x7f\nb"s}) {
    const nlohmann::ordered_json object{{"kind", "ConfigMap"}, {"data", {{"config.yaml", text}}}};
    const std::string emitted = runtime::manifests_yaml({object});
    EXPECT_THAT(emitted, ::testing::Not(HasSubstr("|-"))) << emitted;
    EXPECT_EQ(runtime::parse_manifests(emitted, "emitted"), std::vector<nlohmann::ordered_json>{object}) << emitted;
  }
  const nlohmann::ordered_json readable{{"kind", "ConfigMap"}, {"data", {{"config.yaml", "run:\n  name: x\n\tnote: é"}}}};
  EXPECT_THAT(runtime::manifests_yaml({readable}), HasSubstr("config.yaml: |-\n"));
  EXPECT_EQ(runtime::parse_manifests(runtime::manifests_yaml({readable}), "emitted"), std::vector<nlohmann::ordered_json>{readable});
}

// fuzz_kube_status: a Kubernetes `Status` (its "status" is the string "Failure") where a
// PyTorchJob was expected. json::value() threw nlohmann's type_error out of the SDK.
TEST(FuzzRegression, HyperPodStatusOfAnObjectOfTheWrongShape) {
  const std::string input = input_text("kube_status_string_status.json");
  const auto job = nlohmann::json::parse(input.substr(1));  // the first byte chose the HTTP status
  EXPECT_EQ(results::hyperpod_job_status(job), std::make_pair(JobStatus::IN_PROGRESS, std::string("Pending")));
  for (const char* odd : {R"([1, 2])", R"("text")", R"({"status": {"conditions": {"a": 1}}})",
                          R"({"status": {"conditions": [{"type": 5, "status": "True"}, {"type": "Running", "status": 1}]}})"}) {
    EXPECT_EQ(results::hyperpod_job_status(nlohmann::json::parse(odd)).first, JobStatus::IN_PROGRESS) << odd;
  }
  const auto done = nlohmann::json::parse(R"({"status": {"conditions": [{"type": "Succeeded", "status": "True"}]}})");
  EXPECT_EQ(results::hyperpod_job_status(done).first, JobStatus::COMPLETED);
}

// fuzz_recipe_yaml: a recipe whose key, once escaped by the emitter, passed YAML's
// 1024-character limit for simple keys, so the emitted recipe did not parse back. Long keys
// are now written explicitly ("? key"). The escapes came from bytes that recipes now refuse up
// front (RecipeYamlWithACharacterYamlDoesNotAllow); the masked input still checks the round trip.
TEST(FuzzRegression, EmittedRecipeWithALongKeyParsesBack) {
  const recipes::RecipeNode root = recipes::parse_recipe_yaml(ascii_recipe("recipe_yaml_emitted_key.yaml"), "fuzz.yaml");
  const std::string emitted = recipes::emit_recipe_yaml(root);
  EXPECT_NO_THROW((void)recipes::parse_recipe_yaml(emitted, "emitted.yaml"));
}

// fuzz_ini: a credential_process / container document that is a number too large for a
// double ("3e3333"). nlohmann reports it as out_of_range, not parse_error, and it escaped.
TEST(FuzzRegression, CredentialDocumentWithANumberTooLarge) {
  const std::string input = input_text("credentials_number_overflow.json").substr(1);  // the first byte chose the variant
  const aws::CredentialsJsonFormat format{"SessionToken", false};
  try {
    (void)aws::parse_credentials_json(input, format, "credential_process", "fuzz");
    FAIL() << "an overflowing number was accepted as credentials";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("credential_process did not return valid JSON"));
  }
}

// The same overflow in a saved job result must be a ValueError naming the file.
TEST(FuzzRegression, JobResultFileWithANumberTooLarge) {
  const nova::testing::TempDir dir;
  const std::string path = dir.write("overflow_result.json", R"({"__class_name__": "SMTJTrainingResult", "x": 1e999})").string();
  try {
    (void)BaseJobResult::load(path);
    FAIL() << "an overflowing number was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Unable to load job result from " + path + ": not JSON"));
  }
}

// fuzz_recipe_overrides: an override schema whose parameter has `"type": true`. Reading it
// as a string threw the JSON library's type_error out of from_json.
TEST(FuzzRegression, OverrideSchemaWithATypeThatIsNotAString) {
  const std::string input = input_text("override_schema_type_not_a_string.json").substr(1);  // the first byte chose the variant
  try {
    (void)recipes::OverrideSchema::from_json(input, "fuzz.json");
    FAIL() << "a boolean type was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("override parameter 'output_s3_path' in fuzz.json: 'type' must be a string, not a boolean"));
  }
  try {
    (void)recipes::OverrideSchema::from_json(R"({"epochs": {"type": "integer", "required": "yes"}})", "o.json");
    FAIL() << "a string 'required' was accepted";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("override parameter 'epochs' in o.json: 'required' must be true or false, not a string"));
  }
}

}  // namespace
}  // namespace nova

