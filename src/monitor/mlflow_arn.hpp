#pragma once
// SageMaker MLflow ARNs: tracking servers and MLflow apps.

#include <optional>
#include <string>

namespace nova::monitor {

enum class MlflowResource { kTrackingServer, kApp };

struct MlflowArn {
  MlflowResource kind;
  std::string id;  // the server name or the app id ("app-...")
};

// Empty unless `arn` matches one of the two ARN forms the reference accepts.
std::optional<MlflowArn> parse_mlflow_arn(const std::string& arn);

}  // namespace nova::monitor
