// Golden files for transform(): each directory under fixtures/transform holds an input
// file, an `args` file and either `expected.jsonl` (the exact bytes the reference SDK
// writes for it, except where a `#` line in args says nova-sdk deliberately differs) or
// the error that transform()/save_data() must raise.
//
// args, one `key: value` per line:
//   method: SFT_LORA            model: NOVA_LITE_2          map: question=input (repeatable)
//   expect_error: DataPrepError | ValueError
//   message_contains: text      (repeatable; `{input}` is the input path, `\n` a line break)
//   # comment

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "nova/dataset.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"
#include "support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using nova::testing::fixture;
using nova::testing::TempDir;

struct GoldenCase {
  std::string name;
  fs::path dir;
};

// Names the case in test output instead of dumping its bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  const fs::path root = fixture("transform");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory()) cases.push_back({entry.path().filename().string(), entry.path()});
  }
  std::sort(cases.begin(), cases.end(), [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

struct CaseArgs {
  std::optional<nova::TrainingMethod> method;
  std::optional<nova::Model> model;
  nova::ColumnMappings mappings;
  std::string expect_error;
  std::vector<std::string> message_contains;
};

std::string unescape_newlines(std::string text) {
  for (std::size_t pos = 0; (pos = text.find("\\n", pos)) != std::string::npos;) text.replace(pos, 2, "\n");
  return text;
}

CaseArgs read_args(const fs::path& file, const std::string& input_path) {
  CaseArgs args;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      ADD_FAILURE() << file << ": bad line: " << line;
      continue;
    }
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 2);
    if (key == "method") {
      args.method = nova::parse_training_method(value);
    } else if (key == "model") {
      args.model = nova::parse_model(value);
    } else if (key == "map") {
      const auto eq = value.find('=');
      args.mappings[value.substr(0, eq)] = value.substr(eq + 1);
    } else if (key == "expect_error") {
      args.expect_error = value;
    } else if (key == "message_contains") {
      for (std::size_t pos = 0; (pos = value.find("{input}", pos)) != std::string::npos;) {
        value.replace(pos, 7, input_path);
        pos += input_path.size();
      }
      args.message_contains.push_back(unescape_newlines(value));
    } else {
      ADD_FAILURE() << file << ": unknown key " << key;
    }
  }
  return args;
}

fs::path find_input(const fs::path& dir) {
  for (const char* name : {"input.jsonl", "input.json", "input.csv"}) {
    if (fs::exists(dir / name)) return dir / name;
  }
  return {};
}

nova::DatasetLoader loader_for(const fs::path& input, const nova::ColumnMappings& mappings) {
  const auto ext = input.extension().string();
  if (ext == ".jsonl") return nova::JSONLDatasetLoader(mappings);
  if (ext == ".json") return nova::JSONDatasetLoader(mappings);
  return nova::CSVDatasetLoader(mappings);
}

// Where two outputs first differ, as a readable line-level message.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) return "outputs differ only in the final newline";
    if (el != al || more_e != more_a) {
      return "line " + std::to_string(line) + "\n  expected: " + (more_e ? el : "<end of file>") +
             "\n  actual:   " + (more_a ? al : "<end of file>");
    }
  }
}

class TransformGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(TransformGolden, MatchesReferenceOutput) {
  const GoldenCase& c = GetParam();
  const fs::path input = find_input(c.dir);
  ASSERT_FALSE(input.empty()) << c.dir << " has no input.{jsonl,json,csv}";
  const CaseArgs args = read_args(c.dir / "args", input.string());
  ASSERT_TRUE(args.method.has_value()) << "args: missing or unknown method";
  ASSERT_TRUE(args.model.has_value()) << "args: missing or unknown model";

  TempDir tmp;
  const fs::path out = tmp / "out.jsonl";
  nova::DatasetLoader loader = loader_for(input, args.mappings);
  loader.load(input.string());

  if (args.expect_error.empty()) {
    ASSERT_TRUE(fs::exists(c.dir / "expected.jsonl")) << c.dir << " has neither expected.jsonl nor expect_error";
    loader.transform(*args.method, *args.model);
    loader.save_data(out.string());
    const std::string expected = nova::testing::read_file(c.dir / "expected.jsonl");
    const std::string actual = nova::testing::read_file(out);
    EXPECT_TRUE(expected == actual) << c.name << ": output differs from expected.jsonl at "
                                    << first_difference(expected, actual);
    return;
  }

  ASSERT_FALSE(fs::exists(c.dir / "expected.jsonl")) << "an error case has no expected output";
  ASSERT_FALSE(args.message_contains.empty()) << "an error case must say what the message contains";
  std::string stage = "transform";
  std::string kind;
  std::string message;
  try {
    loader.transform(*args.method, *args.model);
    stage = "save_data";
    loader.save_data(out.string());
    stage = "none";
  } catch (const nova::ValueError& e) {
    kind = "ValueError";
    message = e.what();
  } catch (const nova::DataPrepError& e) {
    kind = "DataPrepError";
    message = e.what();
  }
  ASSERT_EQ(kind, args.expect_error) << "raised at stage " << stage << ": " << message;
  // The combination is refused up front, before any record is read.
  if (kind == "ValueError") EXPECT_EQ(stage, "transform");
  for (const std::string& part : args.message_contains) {
    EXPECT_NE(message.find(part), std::string::npos) << "message:\n" << message << "\ndoes not contain:\n" << part;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TransformGolden, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.name; });

// Guards against the suite silently running nothing (a moved fixtures directory).
TEST(TransformGoldenFixtures, AreFound) {
  const auto cases = golden_cases();
  EXPECT_GE(cases.size(), 25u);
}

}  // namespace
