// NovaModelCustomizer::get_logs against the stand-in (moto behind it): a job started with
// train(), its log events written with the logs client into the streams a SageMaker training
// job uses (one per host), read back merged, limited, bounded by an end time, over more than
// one GetLogEvents page; and the log monitor of a dumped result.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "aws/session/session.hpp"
#include "nova/customizer.hpp"
#include "nova/job_logs.hpp"
#include "nova/runtime.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;

constexpr const char* kGroup = "/aws/sagemaker/TrainingJobs";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class CustomizerLogsTest : public nova::testing::StandinSuite {
 protected:
  static void SetUpTestSuite() {
    StandinSuite::SetUpTestSuite();
    aws::Session session;
    session.s3().create_bucket("nova-logs-data");
    aws::PutObjectRequest put;
    put.bucket = "nova-logs-data";
    put.key = "train.jsonl";
    put.body = aws::body_from_string(R"({"schemaVersion": "bedrock-conversation-2024"})");
    session.s3().put_object(put);
    session.logs().create_log_group(kGroup);
  }

  static NovaModelCustomizer customizer() {
    CustomizerOptions o;
    o.data_s3_path = "s3://nova-logs-data/train.jsonl";
    o.output_s3_path = "s3://nova-logs-out/output";
    o.validation_config = {{"iam", false}, {"infra", false}};
    o.generated_recipe_dir = (*cache_dir_ / "recipes").string();
    auto infra = std::make_shared<SMTJRuntimeManager>("ml.p5.48xlarge", 4, "arn:aws:iam::123456789012:role/Exec");
    return NovaModelCustomizer(Model::NOVA_LITE_2, TrainingMethod::SFT_LORA, infra, o);
  }

  static std::int64_t ms(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  }
};

TEST_F(CustomizerLogsTest, BeforeAnyJobItSaysToStartOne) {
  std::ostringstream out;
  customizer().get_logs(out);
  EXPECT_EQ(out.str(), "No job_id and job_started_time found for this model, please call .train() or .evaluate() first.\n");
}

TEST_F(CustomizerLogsTest, TheJobsHostStreamsAreMergedOverMoreThanOnePage) {
  NovaModelCustomizer c = customizer();
  TrainOptions train;
  train.job_name = "logs-sft";
  const auto result = c.train(train);
  ASSERT_NE(result, nullptr);
  const std::string job = result->job_id();
  const std::int64_t start = ms(result->started_time());

  // Host 1 writes more events than one GetLogEvents page holds (10000); host 2 interleaves;
  // an event before the job started and another job's stream never show.
  auto logs = aws::Session().logs();
  logs.create_log_stream(kGroup, job + "/algo-1-1700000000");
  logs.create_log_stream(kGroup, job + "/algo-2-1700000000");
  logs.create_log_stream(kGroup, job + "x/algo-1-1700000000");
  constexpr int kEvents = 10500;
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<aws::InputLogEvent> events;
    for (int i = batch * 3500; i < (batch + 1) * 3500; ++i) events.push_back({start + 10 + 2 * i, "h1 " + std::to_string(i)});
    logs.put_log_events(kGroup, job + "/algo-1-1700000000", events);
  }
  logs.put_log_events(kGroup, job + "/algo-2-1700000000", {{start - 60000, "before the job"}, {start + 11, "h2 first"}});
  logs.put_log_events(kGroup, job + "x/algo-1-1700000000", {{start + 12, "another job"}});

  // The events run ~21 s past now: the default end (now) would cut them.
  const std::string until = std::to_string(start + 60000);
  std::ostringstream all;
  c.get_logs(all, std::nullopt, /*start_from_head=*/true, until);
  const auto lines = lines_of(all.str());
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kEvents + 1));
  EXPECT_EQ(lines[0], "h1 0");
  EXPECT_EQ(lines[1], "h2 first");
  EXPECT_EQ(lines[2], "h1 1");
  EXPECT_EQ(lines.back(), "h1 " + std::to_string(kEvents - 1));

  std::ostringstream tail;
  c.get_logs(tail, 2, false, until);
  EXPECT_EQ(tail.str(), "h1 " + std::to_string(kEvents - 2) + "\nh1 " + std::to_string(kEvents - 1) + "\n");

  std::ostringstream head;
  c.get_logs(head, 3, /*start_from_head=*/true, std::to_string(start + 13));
  EXPECT_EQ(head.str(), "h1 0\nh2 first\nh1 1\n");

  // The same job's logs from its result, as `nova logs RESULT.json` reads them.
  CloudWatchLogMonitor monitor = log_monitor_for(*result);
  EXPECT_EQ(monitor.job_id(), job);
  EXPECT_EQ(monitor.get_logs(1, true, start + 60000).at(0).message, "h1 0");
}

TEST_F(CustomizerLogsTest, EndTimesAreEpochMillisecondsOrIso8601) {
  EXPECT_EQ(parse_log_time("1767225600000"), 1767225600000);
  EXPECT_EQ(parse_log_time("2026-01-01T00:00:00Z"), 1767225600000);
  EXPECT_EQ(parse_log_time("2026-01-01T01:00:00+01:00"), 1767225600000);
  EXPECT_THAT([] { parse_log_time("yesterday"); },
              ::testing::ThrowsMessage<ValueError>(::testing::AllOf(HasSubstr("'yesterday'"), HasSubstr("epoch"))));
  NovaModelCustomizer c = customizer();
  TrainOptions train;
  train.job_name = "logs-badtime";
  c.train(train);
  std::ostringstream out;
  EXPECT_THROW(c.get_logs(out, std::nullopt, false, "soon"), ValueError);
  c.get_logs(out);
  EXPECT_THAT(out.str(), HasSubstr("No logs found for job"));
}

}  // namespace
}  // namespace nova
