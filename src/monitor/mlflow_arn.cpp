#include "monitor/mlflow_arn.hpp"

#include <regex>

namespace nova::monitor {

std::optional<MlflowArn> parse_mlflow_arn(const std::string& arn) {
  static const std::regex server(R"(^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:mlflow-tracking-server/([a-zA-Z0-9][\w-]*)$)");
  static const std::regex app(R"(^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:mlflow-app/(app-[A-Z0-9]+)$)");
  std::smatch m;
  if (std::regex_match(arn, m, server)) return MlflowArn{MlflowResource::kTrackingServer, m[1].str()};
  if (std::regex_match(arn, m, app)) return MlflowArn{MlflowResource::kApp, m[1].str()};
  return std::nullopt;
}

}  // namespace nova::monitor
