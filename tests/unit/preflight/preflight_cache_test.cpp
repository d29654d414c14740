// The pre-flight cache file is read back by later processes; one that was edited or
// truncated must mean "run the checks again", never an exception.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "preflight/preflight_cache.hpp"
#include "support/scoped_env.hpp"
#include "support/test_paths.hpp"

namespace nova::preflight {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

TEST(PreflightCache, AFileOfAnotherProcessIsReadAndAnEditedOneIsIgnored) {
  const nova::testing::TempDir dir;
  nova::testing::ScopedEnvironment env{{"NOVA_CACHE_DIR", dir.path().string()}, {"NOVA_PREFLIGHT_CACHE_SECONDS", "600"}};
  PreflightReport report;
  report.checks.push_back({"credentials", CheckStatus::PASS, "arn:aws:iam::123456789012:user/me", ""});
  remember_report("written", 1, report);
  const auto written = dir.path() / "preflight" / "written.json";
  ASSERT_TRUE(std::filesystem::exists(written));
  const std::string good = read_all(written);

  // Another key's file with the same content: only the file can answer (this process never saw the key).
  dir.write("preflight/copied.json", good);
  const auto copied = cached_report("copied", 1);
  ASSERT_TRUE(copied.has_value());
  ASSERT_EQ(copied->checks.size(), 1u);
  EXPECT_EQ(copied->checks[0].name, "credentials");

  std::string wrong_time = good;
  replace_all(wrong_time, R"("at":)", R"("at":"yesterday","was":)");
  dir.write("preflight/wrong_time.json", wrong_time);
  EXPECT_FALSE(cached_report("wrong_time", 1).has_value());

  std::string wrong_status = good;
  replace_all(wrong_status, R"("status":"pass")", R"("status":5)");
  ASSERT_NE(wrong_status, good);
  dir.write("preflight/wrong_status.json", wrong_status);
  EXPECT_FALSE(cached_report("wrong_status", 1).has_value());

  dir.write("preflight/truncated.json", good.substr(0, good.size() / 2));
  EXPECT_FALSE(cached_report("truncated", 1).has_value());
}

}  // namespace
}  // namespace nova::preflight
