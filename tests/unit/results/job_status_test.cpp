#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/results.hpp"

namespace nova {
namespace {


TEST(JobStatusFromRaw, ReferenceMappingTable) {
  const std::vector<std::pair<std::string, JobStatus>> table = {
      {"InProgress", JobStatus::IN_PROGRESS}, {"Created", JobStatus::IN_PROGRESS},
      {"Running", JobStatus::IN_PROGRESS},    {"Completed", JobStatus::COMPLETED},
      {"Succeeded", JobStatus::COMPLETED},    {"Failed", JobStatus::FAILED},
      {"Stopping", JobStatus::FAILED},        {"Stopped", JobStatus::FAILED},
      {"Restarting", JobStatus::FAILED},      {"inprogress", JobStatus::FAILED},
      {"", JobStatus::FAILED}};
  for (const auto& [raw, status] : table) EXPECT_EQ(job_status_from_raw(raw), status) << raw;
}

// Counts how often the platform is asked.
class ScriptedResult final : public BaseJobResult {
 public:
  explicit ScriptedResult(std::vector<std::string> raws)
      : BaseJobResult("job-1", std::chrono::system_clock::now()), raws_(std::move(raws)) {}
  Platform platform() const noexcept override { return Platform::SMTJ; }
  std::string_view class_name() const noexcept override { return "ScriptedResult"; }
  int calls{0};

 protected:
  std::pair<JobStatus, std::string> fetch_job_status() override {
    const std::string raw = raws_.at(static_cast<std::size_t>(calls++));
    return {job_status_from_raw(raw), raw};
  }

 private:
  std::vector<std::string> raws_;
};

TEST(GetJobStatus, AsksAgainWhileInProgressAndCachesATerminalState) {
  ScriptedResult r({"InProgress", "Completed", "Failed"});
  EXPECT_EQ(r.get_job_status(), std::make_pair(JobStatus::IN_PROGRESS, std::string("InProgress")));
  EXPECT_EQ(r.get_job_status(), std::make_pair(JobStatus::COMPLETED, std::string("Completed")));
  EXPECT_EQ(r.get_job_status(), std::make_pair(JobStatus::COMPLETED, std::string("Completed")));
  EXPECT_EQ(r.calls, 2);
}

TEST(GetJobStatus, StoppedIsCachedAsFailedWithItsRawState) {
  ScriptedResult r({"Stopped"});
  EXPECT_EQ(r.get_job_status(), std::make_pair(JobStatus::FAILED, std::string("Stopped")));
  EXPECT_EQ(r.get_job_status().second, "Stopped");
  EXPECT_EQ(r.calls, 1);
}

// HyperPod status now comes from the cluster (HyperPodStatus.* and the HyperPod integration
// tests); what stays here is the batch-inference result's own argument check.
TEST(Results, BatchInferenceResultNeedsAJobId) {
  const auto t = std::chrono::system_clock::now();
  EXPECT_THROW(SMTJBatchInferenceResult("", t, "s3://o/x"), ValueError);
}

}  // namespace
}  // namespace nova
