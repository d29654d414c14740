// CloudWatchLogMonitor against a real moto_server: events are written where a training job
// (or a HyperPod cluster) would write them, and get_logs / show_logs / follow read them back.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/session/session.hpp"
#include "nova/logs.hpp"
#include "support/moto_suite.hpp"

namespace nova {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kGroup = "/aws/sagemaker/TrainingJobs";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::string> messages(const std::vector<JobLogEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.message);
  return out;
}

class MonitorLogsTest : public nova::testing::MotoSuite {
 protected:
  static void SetUpTestSuite() {
    MotoSuite::SetUpTestSuite();
    aws::Session().logs().create_log_group(kGroup);
  }

  static std::string unique_job(const std::string& stem) {
    static int n = 0;
    return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  static void put(const std::string& group, const std::string& stream, const std::vector<aws::InputLogEvent>& events,
                  bool create = true) {
    auto logs = aws::Session().logs();
    if (create) logs.create_log_stream(group, stream);
    if (!events.empty()) logs.put_log_events(group, stream, events);
  }

  // A two-host job: algo-1 logs at base+0,2,4,6, algo-2 at base+1,3,5; a job whose name
  // extends this one's ("<job>-2") logs too and must never show up.
  std::string two_host_job() {
    const std::string job = unique_job("nova-two-host");
    put(kGroup, job + "/algo-1-1700000000", {{base_, "h1 a\n"}, {base_ + 2, "h1 b"}, {base_ + 4, "h1 c"}, {base_ + 6, "h1 d"}});
    put(kGroup, job + "/algo-2-1700000000", {{base_ + 1, "h2 a"}, {base_ + 3, "h2 b"}, {base_ + 5, "h2 c"}});
    put(kGroup, job + "-2/algo-1-1700000000", {{base_ + 1, "other job"}});
    return job;
  }

  const std::int64_t base_ = now_ms() - 3600 * 1000;
};

TEST_F(MonitorLogsTest, EveryHostStreamMergedInTimestampOrder) {
  const std::string job = two_host_job();
  CloudWatchLogMonitor monitor(job, Platform::SMTJ, base_ - 1000);
  const auto events = monitor.get_logs();
  EXPECT_THAT(messages(events), ElementsAre("h1 a\n", "h2 a", "h1 b", "h2 b", "h1 c", "h2 c", "h1 d"));
  EXPECT_EQ(events[1].log_stream, job + "/algo-2-1700000000");
  EXPECT_EQ(events[1].timestamp_ms, base_ + 1);
  EXPECT_GT(events[1].ingestion_time_ms, 0);
}

TEST_F(MonitorLogsTest, LimitTakesTheNewestByDefaultAndTheOldestFromHead) {
  const std::string job = two_host_job();
  CloudWatchLogMonitor monitor(job, Platform::SMTJ, base_ - 1000);
  EXPECT_THAT(messages(monitor.get_logs(3)), ElementsAre("h1 c", "h2 c", "h1 d"));
  EXPECT_THAT(messages(monitor.get_logs(3, /*start_from_head=*/true)), ElementsAre("h1 a\n", "h2 a", "h1 b"));
}

TEST_F(MonitorLogsTest, StartAndEndTimesBoundTheEvents) {
  const std::string job = two_host_job();
  CloudWatchLogMonitor monitor(job, Platform::SMTJ, base_ - 1000);
  EXPECT_THAT(messages(monitor.get_logs(std::nullopt, false, base_ + 4, base_ + 2)),
              ElementsAre("h1 b", "h2 b", "h1 c"));
  // The job's start time is the default lower bound.
  CloudWatchLogMonitor started_late(job, Platform::SMTJ, base_ + 5);
  EXPECT_THAT(messages(started_late.get_logs()), ElementsAre("h2 c", "h1 d"));
}

TEST_F(MonitorLogsTest, MoreThanOnePageEachWay) {
  const std::string job = unique_job("nova-long");
  const std::string stream = job + "/algo-1-1700000000";
  constexpr int kEvents = 10500;  // GetLogEvents answers at most 10000 per call
  std::vector<aws::InputLogEvent> first, second;
  for (int i = 0; i < kEvents; ++i) (i < 6000 ? first : second).push_back({base_ + i, std::to_string(i)});
  put(kGroup, stream, first);
  put(kGroup, stream, second, /*create=*/false);

  CloudWatchLogMonitor monitor(job, Platform::SMTJ, base_ - 1000);
  const auto all = monitor.get_logs();
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kEvents));
  for (int i = 0; i < kEvents; ++i) ASSERT_EQ(all[i].message, std::to_string(i)) << "at " << i;

  const auto tail = monitor.get_logs(10200);
  ASSERT_EQ(tail.size(), 10200u);
  EXPECT_EQ(tail.front().message, "300");
  EXPECT_EQ(tail.back().message, "10499");

  const auto head = monitor.get_logs(10100, true);
  ASSERT_EQ(head.size(), 10100u);
  EXPECT_EQ(head.front().message, "0");
  EXPECT_EQ(head.back().message, "10099");
}

TEST_F(MonitorLogsTest, ShowLogsPrintsStrippedMessagesOrSaysThereAreNone) {
  const std::string job = two_host_job();
  std::ostringstream out;
  EXPECT_EQ(CloudWatchLogMonitor(job, Platform::SMTJ, base_ - 1000).show_logs(out, 2, true), 2u);
  EXPECT_EQ(out.str(), "h1 a\nh2 a\n");

  std::ostringstream none;
  const std::string silent = unique_job("nova-silent");
  EXPECT_EQ(CloudWatchLogMonitor(silent, Platform::SMTJ).show_logs(none), 0u);
  EXPECT_EQ(none.str(), "No logs found for job " + silent + " yet\n");
}

TEST_F(MonitorLogsTest, FollowDeliversEveryEventOnceIncludingStreamsThatAppearLater) {
  const std::string job = unique_job("nova-follow");
  const std::string s1 = job + "/algo-1-1700000000", s2 = job + "/algo-2-1700000000";
  put(kGroup, s1, {{base_, "1"}, {base_ + 2, "3"}});
  CloudWatchLogMonitor monitor(job, Platform::SMTJ, base_ - 1000);

  std::vector<std::string> seen;
  std::vector<std::chrono::milliseconds> sleeps;
  int polls = 0;
  LogFollowOptions options;
  options.poll_interval = std::chrono::milliseconds(250);
  options.sleep = [&](std::chrono::milliseconds d) {
    sleeps.push_back(d);
    if (sleeps.size() == 1) {
      put(kGroup, s1, {{base_ + 4, "5"}}, false);
      put(kGroup, s2, {{base_ + 3, "4"}, {base_ + 5, "6"}});  // a host that started late
    } else if (sleeps.size() == 2) {
      put(kGroup, s2, {{base_ + 7, "8"}}, false);
    }
  };
  // The third answer is "stop": that poll still runs and is the last.
  monitor.follow([&](const JobLogEvent& e) { seen.push_back(e.message); }, [&] { return ++polls == 3; }, options);
  EXPECT_THAT(seen, ElementsAre("1", "3", "4", "5", "6", "8"));
  EXPECT_EQ(polls, 3);
  EXPECT_THAT(sleeps, ElementsAre(std::chrono::milliseconds(250), std::chrono::milliseconds(250)));
}

TEST_F(MonitorLogsTest, BadArguments) {
  try {
    CloudWatchLogMonitor("job", Platform::SMHP);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "SMHP platform requires 'cluster_name' parameters");
  }
  EXPECT_THROW(CloudWatchLogMonitor("", Platform::SMTJ), ValueError);
  try {
    CloudWatchLogMonitor("job", Platform::SMTJ).get_logs(0);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("positive"));
  }
}

TEST_F(MonitorLogsTest, HyperPodReadsTheClusterGroupFilteredToTheJob) {
  aws::Session session;
  auto sagemaker = session.sagemaker();
  const std::string cluster = unique_job("nova-hp");
  const nlohmann::json create = {
      {"ClusterName", cluster},
      {"InstanceGroups",
       {{{"InstanceGroupName", "workers"},
         {"InstanceType", "ml.p5.48xlarge"},
         {"InstanceCount", 1},
         {"LifeCycleConfig", {{"SourceS3Uri", "s3://sagemaker-lifecycle/"}, {"OnCreate", "on_create.sh"}}},
         {"ExecutionRole", "arn:aws:iam::123456789012:role/HpRole"},
         {"ThreadsPerCore", 1},
         {"InstanceStorageConfigs", nlohmann::json::array()}}}},
      {"VpcConfig", {{"SecurityGroupIds", {"sg-1"}}, {"Subnets", {"subnet-1"}}}}};
  aws::HttpRequest r = sagemaker.core().new_request("POST", "/");
  aws::frame_json11(r, "SageMaker", "CreateCluster", create.dump());
  (void)sagemaker.core().invoke({"CreateCluster", false, false, false}, r);
  const std::string arn = sagemaker.describe_cluster(cluster).arn;
  const std::string group = "/aws/sagemaker/Clusters/" + cluster + "/" + arn.substr(arn.rfind('/') + 1);

  const std::string job = "nova-hp-job-" + std::to_string(::getpid());
  session.logs().create_log_group(group);
  put(group, "SagemakerHyperPodTrainingJob/node-1",
      {{base_, job + " step 1"}, {base_ + 1, "other-job step 1"}, {base_ + 3, job + " step 3"}});
  put(group, "SagemakerHyperPodTrainingJob/node-2", {{base_ + 2, job + " step 2"}, {base_ + 4, job + " step 4"}});

  CloudWatchLogMonitor monitor(job, Platform::SMHP, base_ - 1000, cluster);
  EXPECT_THAT(messages(monitor.get_logs()),
              ElementsAre(job + " step 1", job + " step 2", job + " step 3", job + " step 4"));
  EXPECT_THAT(messages(monitor.get_logs(2)), ElementsAre(job + " step 3", job + " step 4"));
  EXPECT_THAT(messages(monitor.get_logs(2, true)), ElementsAre(job + " step 1", job + " step 2"));

  std::vector<std::string> seen;
  int polls = 0;
  LogFollowOptions options;
  options.sleep = [&](std::chrono::milliseconds) {
    put(group, "SagemakerHyperPodTrainingJob/node-2", {{base_ + 5, job + " step 5"}}, false);
  };
  monitor.follow([&](const JobLogEvent& e) { seen.push_back(e.message); }, [&] { return ++polls == 2; }, options);
  EXPECT_THAT(seen, ElementsAre(job + " step 1", job + " step 2", job + " step 3", job + " step 4", job + " step 5"));
}

TEST_F(MonitorLogsTest, AnUnknownClusterIsAServiceError) {
  CloudWatchLogMonitor monitor("job", Platform::SMHP, std::nullopt, std::string("nova-no-such-cluster"));
  EXPECT_THROW(monitor.get_logs(), ServiceError);
}

}  // namespace
}  // namespace nova
