#include "aws/core/retry/ambiguous_create.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_clock.hpp"

namespace nova::aws {
namespace {

using ::testing::HasSubstr;

ServiceError error(const std::string& code, int status, bool retryable) {
  return ServiceError("SageMaker CreateTrainingJob failed: " + code, "SageMaker", "CreateTrainingJob", code, status,
                      "", retryable);
}
ServiceError reset() { return error("NetworkError", 0, true); }

// A create that fails with the scripted errors, then succeeds; counts its calls.
struct Script {
  std::vector<ServiceError> failures;
  int creates{0}, finds{0};
  std::optional<std::string> existing;  // what find() reports
  AmbiguousCreate spec(const std::shared_ptr<testing::RecordingClock>& clock) {
    AmbiguousCreate s;
    s.what = "training job 'j'";
    s.check_hint = "nova job status j";
    s.create = [this] {
      ++creates;
      if (static_cast<std::size_t>(creates) <= failures.size()) throw failures[static_cast<std::size_t>(creates) - 1];
      existing = "arn:j";
      return std::string("arn:j");
    };
    s.find = [this] {
      ++finds;
      return existing;
    };
    s.already_exists = [](const ServiceError& e) { return e.code() == "ResourceInUse"; };
    s.clock = clock;
    s.jitter = [] { return 1.0; };
    return s;
  }
};

TEST(AmbiguousCreate, OutcomeIsUnknownWithoutAnAnswerOrWithA5xxOnly) {
  EXPECT_TRUE(outcome_unknown(reset()));
  EXPECT_TRUE(outcome_unknown(error("InternalFailure", 500, true)));
  EXPECT_TRUE(outcome_unknown(error("ServiceUnavailable", 503, true)));
  EXPECT_FALSE(outcome_unknown(error("SlowDown", 503, true)));  // throttled: refused unread
  EXPECT_FALSE(outcome_unknown(error("ThrottlingException", 400, true)));
  EXPECT_FALSE(outcome_unknown(error("ValidationException", 400, false)));
}

TEST(AmbiguousCreate, ALostAnswerWhoseJobExistsIsClaimedWithoutCreatingAgain) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script script;
  script.existing = "arn:j";  // the first create reached the service
  script.failures = {reset()};
  EXPECT_EQ(create_exactly_once(script.spec(clock)), "arn:j");
  EXPECT_EQ(script.creates, 1);
  EXPECT_EQ(script.finds, 1);
  EXPECT_TRUE(clock->sleeps().empty());
}

TEST(AmbiguousCreate, ALostRequestIsSentAgainAfterLookingFirst) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script script;
  script.failures = {reset(), error("InternalFailure", 500, true)};
  EXPECT_EQ(create_exactly_once(script.spec(clock)), "arn:j");
  EXPECT_EQ(script.creates, 3);
  EXPECT_EQ(script.finds, 2);  // looked before each retry
  EXPECT_EQ(clock->sleeps(), (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000),
                                                                     std::chrono::milliseconds(2000)}));
}

TEST(AmbiguousCreate, ThrottlingIsRetriedWithoutLookingAndClientErrorsAreNot) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script throttled;
  throttled.failures = {error("ThrottlingException", 400, true)};
  EXPECT_EQ(create_exactly_once(throttled.spec(clock)), "arn:j");
  EXPECT_EQ(throttled.creates, 2);
  EXPECT_EQ(throttled.finds, 0);

  Script refused;
  refused.failures = {error("ValidationException", 400, false)};
  EXPECT_THROW(create_exactly_once(refused.spec(clock)), ServiceError);
  EXPECT_EQ(refused.creates, 1);
  EXPECT_EQ(refused.finds, 0);
}

TEST(AmbiguousCreate, SomeoneElsesResourceIsTheFindersConflictError) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script script;
  script.failures = {error("ResourceInUse", 400, false)};
  AmbiguousCreate spec = script.spec(clock);
  spec.find = [] () -> std::optional<std::string> {
    throw ServiceError("a training job named 'j' already exists and it is not ours", "SageMaker", "CreateTrainingJob",
                       "ResourceInUse", 400, "", false);
  };
  try {
    create_exactly_once(spec);
    FAIL() << "expected the conflict";
  } catch (const ServiceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not ours"));
  }
  EXPECT_EQ(script.creates, 1);
}

TEST(AmbiguousCreate, AFailedLookupSaysTheOutcomeIsUnknownAndHowToCheck) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script script;
  script.failures = {reset()};
  AmbiguousCreate spec = script.spec(clock);
  spec.find = []() -> std::optional<std::string> { throw reset(); };
  try {
    create_exactly_once(spec);
    FAIL() << "expected OutcomeUnknown";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "OutcomeUnknown");
    EXPECT_THAT(e.what(), HasSubstr("could not tell whether training job 'j' was created"));
    EXPECT_THAT(e.what(), HasSubstr("`nova job status j`"));
  }
  EXPECT_EQ(script.creates, 1);
}

TEST(AmbiguousCreate, AttemptsRunOutWithNothingCreatedSaysSo) {
  auto clock = std::make_shared<testing::RecordingClock>();
  Script script;
  script.failures = {reset(), reset(), reset()};
  AmbiguousCreate spec = script.spec(clock);
  spec.max_attempts = 3;
  try {
    create_exactly_once(spec);
    FAIL() << "expected the last error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "NetworkError");
    EXPECT_THAT(e.what(), HasSubstr("training job 'j' was not created: 3 attempts failed"));
  }
  EXPECT_EQ(script.creates, 3);
  EXPECT_EQ(script.finds, 3);
}

}  // namespace
}  // namespace nova::aws
