#pragma once
/// @file
/// MLflow monitoring configuration (the specification's MLflowMonitor). The tracking URI,
/// experiment and run travel inside the recipe (`run.mlflow_*`); logs and metrics arrive
/// with issue #5.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nova/aws.hpp"
#include "nova/error.hpp"

namespace nova {

/// Whether the constructor may call SageMaker.
enum class MLflowValidation {
  kOnline,   ///< discover the default app when no URI is given; check that the app or server exists
  kOffline,  ///< no network: only the ARN format and the names are checked (dry runs)
};

class MLflowMonitor {
 public:
  /// @param tracking_uri a SageMaker MLflow app or tracking server ARN. None: the account's
  ///   `DefaultMLFlowApp` (ListMlflowApps) when online, else no tracking.
  /// @param experiment_name default (in the recipe): the job name
  /// @param run_name default (in the recipe): `<job name>-<8 hex>`
  /// @throws ValueError "MLflow configuration validation failed:\n  - ..." listing every
  ///   problem: a malformed ARN, an app or server that does not exist (access denied or no
  ///   credentials count as valid), an empty experiment or run name
  explicit MLflowMonitor(std::optional<std::string> tracking_uri = std::nullopt,
                         std::optional<std::string> experiment_name = std::nullopt,
                         std::optional<std::string> run_name = std::nullopt,
                         MLflowValidation validation = MLflowValidation::kOnline, AwsOptions aws = {});

  const std::optional<std::string>& tracking_uri() const noexcept { return tracking_uri_; }
  const std::optional<std::string>& experiment_name() const noexcept { return experiment_name_; }
  const std::optional<std::string>& run_name() const noexcept { return run_name_; }

  /// The recipe's mlflow_* values in order: mlflow_tracking_uri, then mlflow_experiment_name
  /// and mlflow_run_name when set. Empty when there is no tracking URI.
  std::vector<std::pair<std::string, std::string>> to_dict() const;

 private:
  std::optional<std::string> tracking_uri_;
  std::optional<std::string> experiment_name_;
  std::optional<std::string> run_name_;
};

}  // namespace nova
