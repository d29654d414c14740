#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/runtime.hpp"
#include "runtime/job_name.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr const char* kUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";

TEST(UniqueJobName, AppendsTheUuidWhenItFits) {
  EXPECT_EQ(runtime::unique_job_name_with("my-sft", kUuid), "my-sft-0f8fad5b-d9cb-469f-a165-70867728950e");
}

TEST(UniqueJobName, CutsToSixtyThreeCharacters) {
  const std::string name = runtime::unique_job_name_with(std::string(40, 'a'), kUuid);
  EXPECT_EQ(name.size(), 63u);
  EXPECT_EQ(name, std::string(40, 'a') + "-0f8fad5b-d9cb-469f-a16");
}

TEST(UniqueJobName, StripsADashLeftAtTheCut) {
  // 53 + "-" + "0f8fad5b-" = 63: the reference would keep the trailing '-', SageMaker refuses it.
  const std::string base(53, 'b');
  EXPECT_EQ(runtime::unique_job_name_with(base, kUuid), base + "-0f8fad5b");
}

TEST(UniqueJobName, RandomUuidsDiffer) {
  const std::string a = unique_job_name("job");
  const std::string b = unique_job_name("job");
  EXPECT_NE(a, b);
  EXPECT_THAT(a, MatchesRegex("job-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
}

TEST(UniqueJobName, RejectsCharactersOutsideTheRule) {
  try {
    (void)runtime::unique_job_name_with("my_job", kUuid);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("my_job"));
    EXPECT_THAT(e.what(), HasSubstr("^[a-zA-Z0-9\\-]{1,63}$"));
  }
}

TEST(ValidateSmtjJobName, AcceptsLettersDigitsAndDashesUpTo63) {
  EXPECT_NO_THROW(validate_smtj_job_name("a"));
  EXPECT_NO_THROW(validate_smtj_job_name(std::string(63, 'x')));
  EXPECT_NO_THROW(validate_smtj_job_name("Job-1-2"));
}

TEST(ValidateSmtjJobName, RejectsEmptyTooLongAndOtherCharacters) {
  EXPECT_THROW(validate_smtj_job_name(""), ValueError);
  EXPECT_THROW(validate_smtj_job_name(std::string(64, 'x')), ValueError);
  EXPECT_THROW(validate_smtj_job_name("a.b"), ValueError);
  EXPECT_THROW(validate_smtj_job_name("a b"), ValueError);
}

}  // namespace
}  // namespace nova
