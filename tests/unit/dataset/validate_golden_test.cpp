// Golden tests of the validation rules: every fixture under tests/fixtures/validate/<dir>/ runs
// through JSONLDatasetLoader::check() for each method/model/task its directory's `config` lists,
// and must give exactly the issues its .expected file lists (see the README there).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "nova/dataset.hpp"
#include "support/test_paths.hpp"

namespace nova {
namespace {

namespace fs = std::filesystem;

struct Run {
  TrainingMethod method;
  Model model;
  std::optional<EvaluationTask> task;
  std::string label;  // "SFT_LORA NOVA_LITE -"
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// Lines like `method=SFT_LORA,SFT_FULL model=NOVA_LITE,NOVA_PRO task=,GEN_QA`: every combination
// runs; an empty task means no eval task.
std::vector<Run> read_runs(const fs::path& dir) {
  std::ifstream in(dir / "config");
  if (!in) throw std::runtime_error("missing config in " + dir.string());
  std::vector<Run> runs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> methods, models, tasks{""};
    std::stringstream words(line);
    std::string word;
    while (words >> word) {
      const auto eq = word.find('=');
      const auto key = word.substr(0, eq);
      const auto values = split(word.substr(eq + 1), ',');
      if (key == "method") methods = values;
      if (key == "model") models = values;
      if (key == "task") tasks = values.empty() ? std::vector<std::string>{""} : values;
    }
    for (const auto& method : methods) {
      for (const auto& model : models) {
        for (const auto& task : tasks) {
          Run run{parse_training_method(method).value(), parse_model(model).value(), std::nullopt,
                  method + " " + model + " " + (task.empty() ? "-" : task)};
          if (!task.empty()) run.task = parse_evaluation_task(task).value();
          runs.push_back(run);
        }
      }
    }
  }
  return runs;
}

std::vector<std::string> read_expected(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> issue_lines(const ValidationReport& report) {
  std::vector<std::string> lines;
  for (const auto& issue : report.issues) {
    lines.push_back(std::to_string(issue.line) + " " + (issue.path.empty() ? "-" : issue.path) + " " + issue.rule);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

fs::path fixtures_root() { return testing::fixture("validate"); }

struct FixtureCase {
  fs::path jsonl;
  std::string name;  // gtest-safe: "sft_nova1__invalid_media"
};

void PrintTo(const FixtureCase& fixture, std::ostream* out) { *out << fixture.name; }

std::vector<FixtureCase> all_cases() {
  std::vector<FixtureCase> cases;
  for (const auto& dir : fs::directory_iterator(fixtures_root())) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      if (file.path().extension() != ".jsonl") continue;
      cases.push_back({file.path(), dir.path().filename().string() + "__" + file.path().stem().string()});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

// `<case>.<MODEL>.expected`, else `<case>.expected`; a `valid_*` case may have neither.
std::optional<fs::path> expected_file(const fs::path& jsonl, const Run& run) {
  const auto stem = jsonl.parent_path() / jsonl.stem();
  const fs::path per_model = stem.string() + "." + std::string(to_string(run.model)) + ".expected";
  if (fs::exists(per_model)) return per_model;
  const fs::path shared = stem.string() + ".expected";
  if (fs::exists(shared)) return shared;
  return std::nullopt;
}

class ValidateGolden : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(ValidateGolden, GivesExactlyTheExpectedIssues) {
  const auto& fixture = GetParam();
  const auto runs = read_runs(fixture.jsonl.parent_path());
  ASSERT_FALSE(runs.empty());
  for (const auto& run : runs) {
    SCOPED_TRACE(fixture.jsonl.filename().string() + " as " + run.label);
    const auto expected_path = expected_file(fixture.jsonl, run);
    if (!expected_path) {
      ASSERT_TRUE(fixture.jsonl.stem().string().starts_with("valid_")) << "an invalid fixture needs a .expected file";
    }
    const auto expected = expected_path ? read_expected(*expected_path) : std::vector<std::string>{};
    JSONLDatasetLoader loader;
    loader.load(fixture.jsonl.string());
    const auto report = loader.check(run.method, run.model, run.task, 100000);
    EXPECT_EQ(issue_lines(report), expected);
    EXPECT_EQ(report.valid, expected.empty());
    EXPECT_EQ(report.total_issues, expected.size());
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ValidateGolden, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<FixtureCase>& info) { return info.param.name; });

// Every rule id the validators can report appears in some fixture's expected issues.
TEST(ValidateGoldenCoverage, EveryRuleHasAFailingFixture) {
  std::set<std::string> covered;
  for (const auto& file : fs::recursive_directory_iterator(fixtures_root())) {
    if (file.path().extension() != ".expected") continue;
    for (const auto& line : read_expected(file.path())) covered.insert(split(line, ' ').back());
  }
  std::set<std::string> rules{
      // built from each validator's optional-field list
      "consistency.system", "consistency.messages.content.image", "consistency.messages.content.video",
      "consistency.messages.content.reasoningContent", "consistency.messages.content.toolUse",
      "consistency.messages.content.toolResult", "consistency.id", "consistency.reference_answer",
      "consistency.tools", "consistency.images"};
  const std::regex rule_literal(R"re("((?:sft|dpo|rft|cpt|eval|field|record|format)\.[a-z0-9_.]+)")re");
  for (const auto& file : fs::directory_iterator(fs::path(NOVA_SOURCE_DIR) / "src/dataset/validate")) {
    const std::string source = testing::read_file(file.path());
    for (std::sregex_iterator it(source.begin(), source.end(), rule_literal), end; it != end; ++it) {
      rules.insert((*it)[1].str());
    }
  }
  ASSERT_GT(rules.size(), 60u);
  for (const auto& rule : rules) EXPECT_TRUE(covered.count(rule)) << "no fixture fails rule " << rule;
}

}  // namespace
}  // namespace nova
