// MLflowMonitor checks that need no network (MLflowValidation::kOffline).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "monitor/mlflow_arn.hpp"
#include "nova/monitor.hpp"

namespace nova {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kApp = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-ABC123";
constexpr const char* kServer = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/my-server_1";

TEST(MlflowArn, ParsesBothForms) {
  const auto app = monitor::parse_mlflow_arn(kApp);
  ASSERT_TRUE(app);
  EXPECT_EQ(app->kind, monitor::MlflowResource::kApp);
  EXPECT_EQ(app->id, "app-ABC123");
  const auto server = monitor::parse_mlflow_arn(kServer);
  ASSERT_TRUE(server);
  EXPECT_EQ(server->kind, monitor::MlflowResource::kTrackingServer);
  EXPECT_EQ(server->id, "my-server_1");
  EXPECT_FALSE(monitor::parse_mlflow_arn("arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-abc"));
  EXPECT_FALSE(monitor::parse_mlflow_arn("arn:aws:sagemaker:us-east-1:1234:mlflow-app/app-ABC"));
  EXPECT_FALSE(monitor::parse_mlflow_arn("http://localhost:5000"));
}

TEST(MLflowMonitor, ToDictKeepsOrderAndOnlySetValues) {
  const MLflowMonitor full(kApp, "exp", "run-1", MLflowValidation::kOffline);
  EXPECT_EQ(full.to_dict(), (Pairs{{"mlflow_tracking_uri", kApp},
                                   {"mlflow_experiment_name", "exp"},
                                   {"mlflow_run_name", "run-1"}}));
  const MLflowMonitor uri_only(kServer, std::nullopt, std::nullopt, MLflowValidation::kOffline);
  EXPECT_EQ(uri_only.to_dict(), (Pairs{{"mlflow_tracking_uri", kServer}}));
}

TEST(MLflowMonitor, NoTrackingUriMeansNoConfiguration) {
  const MLflowMonitor none(std::nullopt, "exp", std::nullopt, MLflowValidation::kOffline);
  EXPECT_EQ(none.tracking_uri(), std::nullopt);
  EXPECT_TRUE(none.to_dict().empty());
  const MLflowMonitor empty(std::string(), std::nullopt, std::nullopt, MLflowValidation::kOffline);
  EXPECT_TRUE(empty.to_dict().empty());
}

TEST(MLflowMonitor, EveryProblemIsListedInOneError) {
  try {
    MLflowMonitor("arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/nope", "", "", MLflowValidation::kOffline);
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("MLflow configuration validation failed:\n  - Invalid MLflow tracking URI format: ", 0), 0u) << m;
    EXPECT_THAT(m, HasSubstr("\n  - experiment_name cannot be empty"));
    EXPECT_THAT(m, HasSubstr("\n  - run_name cannot be empty"));
  }
}

}  // namespace
}  // namespace nova
