// MLflowMonitor's discovery and existence checks against the loopback stand-in, which serves
// ListMlflowApps / ListMlflowTrackingServers (moto lacks them) in botocore's shapes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nova/monitor.hpp"
#include "support/standin_suite.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

constexpr const char* kDefaultApp = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-DEFAULT1";
constexpr const char* kOtherApp = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-OTHER22";
constexpr const char* kServer = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/team-server";

class MonitorMlflowTest : public nova::testing::StandinSuite {
 protected:
  void SetUp() override {
    standin_->set_mlflow_apps(std::string(R"([{"Name": "other", "Arn": ")") + kOtherApp +
                              R"(", "Status": "Created"}, {"Name": "DefaultMLFlowApp", "Arn": ")" + kDefaultApp +
                              R"(", "Status": "Created"}])");
    standin_->set_mlflow_tracking_servers(std::string(R"([{"TrackingServerName": "team-server", "TrackingServerArn": ")") +
                                          kServer + R"(", "TrackingServerStatus": "Created", "IsActive": "Active"}])");
    standin_->set_page_size(1);  // discovery and checks must read every page
  }
};

TEST_F(MonitorMlflowTest, DiscoversTheDefaultApp) {
  const MLflowMonitor monitor(std::nullopt, "exp");
  EXPECT_EQ(monitor.tracking_uri(), kDefaultApp);
  EXPECT_EQ(monitor.to_dict().front(), std::make_pair(std::string("mlflow_tracking_uri"), std::string(kDefaultApp)));
}

TEST_F(MonitorMlflowTest, NoDefaultAppMeansNoTracking) {
  standin_->set_mlflow_apps(std::string(R"([{"Name": "other", "Arn": ")") + kOtherApp + R"(", "Status": "Created"}])");
  const MLflowMonitor monitor;
  EXPECT_EQ(monitor.tracking_uri(), std::nullopt);
  EXPECT_TRUE(monitor.to_dict().empty());
}

TEST_F(MonitorMlflowTest, ExistingAppAndServerAreAccepted) {
  EXPECT_EQ(MLflowMonitor(kOtherApp).tracking_uri(), kOtherApp);
  EXPECT_EQ(MLflowMonitor(kServer).tracking_uri(), kServer);
}

TEST_F(MonitorMlflowTest, MissingAppOrServerIsAValidationError) {
  EXPECT_THAT([] { MLflowMonitor("arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-GONE"); },
              ThrowsMessage<ValueError>(HasSubstr(
                  "MLflow configuration validation failed:\n  - MLflow tracking URI validation failed: MLflow app not "
                  "found: app-GONE")));
  EXPECT_THAT([] { MLflowMonitor("arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/gone"); },
              ThrowsMessage<ValueError>(HasSubstr("MLflow tracking server not found: gone")));
}

TEST_F(MonitorMlflowTest, OfflineModeCallsNothing) {
  standin_->clear_calls();
  const MLflowMonitor monitor("arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-GONE", std::nullopt,
                              std::nullopt, MLflowValidation::kOffline);
  const MLflowMonitor none(std::nullopt, std::nullopt, std::nullopt, MLflowValidation::kOffline);
  EXPECT_EQ(none.tracking_uri(), std::nullopt);
  EXPECT_EQ(standin_->calls_json(), "[]");
}

}  // namespace
}  // namespace nova
