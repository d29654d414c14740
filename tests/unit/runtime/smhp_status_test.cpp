// HyperPod status from PyTorchJob conditions, fixing the reference's slips: Restarting is
// still in progress, a deleted job reads Stopped, and the latest True condition counts.
#include <gtest/gtest.h>

#include "results/smhp_status.hpp"

namespace nova::results {
namespace {

nlohmann::json job_with(const std::vector<nlohmann::json>& conditions) {
  nlohmann::json job{{"kind", "PyTorchJob"}};
  job["status"]["conditions"] = conditions;
  return job;
}

nlohmann::json condition(const char* type, const char* status = "True") {
  return nlohmann::json{{"type", type}, {"status", status}, {"reason", std::string("PyTorchJob") + type}};
}

using Status = std::pair<JobStatus, std::string>;

TEST(HyperPodStatus, NoStatusYetIsPending) {
  EXPECT_EQ(hyperpod_job_status(nlohmann::json{{"kind", "PyTorchJob"}}), Status(JobStatus::IN_PROGRESS, "Pending"));
  EXPECT_EQ(hyperpod_job_status(job_with({})), Status(JobStatus::IN_PROGRESS, "Pending"));
}

TEST(HyperPodStatus, ScriptedLifecycle) {
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created")})), Status(JobStatus::IN_PROGRESS, "Created"));
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Running")})),
            Status(JobStatus::IN_PROGRESS, "Running"));
  // Restarting replaces Running; the reference would call it FAILED and latch it.
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Restarting")})),
            Status(JobStatus::IN_PROGRESS, "Restarting"));
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Running", "False"), condition("Succeeded")})),
            Status(JobStatus::COMPLETED, "Succeeded"));
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Running", "False"), condition("Failed")})),
            Status(JobStatus::FAILED, "Failed"));
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Suspended")})),
            Status(JobStatus::IN_PROGRESS, "Suspended"));
}

TEST(HyperPodStatus, LatestTrueConditionWinsOverAFalseLastEntry) {
  EXPECT_EQ(hyperpod_job_status(job_with({condition("Created"), condition("Running"), condition("Restarting", "False")})),
            Status(JobStatus::IN_PROGRESS, "Running"));
}

TEST(HyperPodStatus, GoneMeansStopped) {
  EXPECT_EQ(hyperpod_job_status(std::nullopt), Status(JobStatus::FAILED, "Stopped"));
}

}  // namespace
}  // namespace nova::results
