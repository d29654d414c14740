// Every remote name that becomes a local path (archive entries, S3 keys under a mirrored
// prefix) goes through safe_relative_path: nothing may land outside the target directory.
#include "results/staging_directory.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/error.hpp"

namespace nova::results {
namespace {

using ::testing::HasSubstr;

std::string refusal(const std::string& name) {
  try {
    (void)safe_relative_path(name, "s3://b/out/");
  } catch (const DataPrepError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(SafeRelativePath, RefusesAbsoluteAndParentComponents) {
  EXPECT_THAT(refusal("/etc/passwd"), HasSubstr("'/etc/passwd' has an absolute path"));
  EXPECT_THAT(refusal("../escape.txt"), HasSubstr("points outside"));
  EXPECT_THAT(refusal("job/../../escape.txt"), HasSubstr("points outside"));
  EXPECT_THAT(refusal("a/.."), HasSubstr("points outside"));
  EXPECT_THAT(refusal(""), HasSubstr("has no name"));
}

TEST(SafeRelativePath, KeepsOrdinaryNamesInside) {
  EXPECT_EQ(safe_relative_path("job/metrics.json", "u"), std::filesystem::path("job/metrics.json"));
  EXPECT_EQ(safe_relative_path("./job//x/./y.txt", "u"), std::filesystem::path("job/x/y.txt"));
  EXPECT_EQ(safe_relative_path("a..b/..c", "u"), std::filesystem::path("a..b/..c"));  // dots inside a name are fine
}

}  // namespace
}  // namespace nova::results
