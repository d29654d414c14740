#include <fmt/format.h>

#include <algorithm>

#include "aws/session/session_for.hpp"
#include "core/log.hpp"
#include "monitor/mlflow_arn.hpp"
#include "nova/monitor.hpp"

namespace nova {
namespace {

constexpr const char* kDefaultAppName = "DefaultMLFlowApp";

// The account's default MLflow app, or none (failures are only logged, as in the reference).
std::optional<std::string> discover_default_app(const AwsOptions& aws) {
  try {
    for (const auto& app : aws::session_for(aws)->sagemaker().list_mlflow_apps()) {
      if (app.name == kDefaultAppName) return app.arn;
    }
  } catch (const Error& e) {
    if (core::log_enabled(core::LogLevel::kInfo)) {
      core::log(core::LogLevel::kInfo, fmt::format("No default MLflow app: {}", e.what()));
    }
  }
  return std::nullopt;
}

bool is_access_denied(const ServiceError& e) {
  return e.http_status() == 403 || e.code().find("AccessDenied") != std::string::npos ||
         e.code() == "UnauthorizedOperation";
}

// An error message when the app or server does not exist; none when it does or cannot be checked.
std::optional<std::string> check_exists(const monitor::MlflowArn& arn, const std::string& uri, const AwsOptions& aws) {
  try {
    auto sagemaker = aws::session_for(aws)->sagemaker();
    if (arn.kind == monitor::MlflowResource::kApp) {
      const auto apps = sagemaker.list_mlflow_apps();
      if (std::any_of(apps.begin(), apps.end(), [&](const auto& a) { return a.arn == uri; })) return std::nullopt;
      return fmt::format("MLflow tracking URI validation failed: MLflow app not found: {}", arn.id);
    }
    const auto servers = sagemaker.list_mlflow_tracking_servers();
    if (std::any_of(servers.begin(), servers.end(),
                    [&](const auto& s) { return s.arn == uri || s.name == arn.id; })) {
      return std::nullopt;
    }
    return fmt::format("MLflow tracking URI validation failed: MLflow tracking server not found: {}", arn.id);
  } catch (const ServiceError& e) {
    // The caller may launch jobs without being allowed to list MLflow resources.
    if (is_access_denied(e)) return std::nullopt;
    return fmt::format("MLflow tracking URI validation failed: {}", e.what());
  } catch (const ConfigError&) {
    return std::nullopt;  // no credentials: nothing to check with
  }
}

}  // namespace

MLflowMonitor::MLflowMonitor(std::optional<std::string> tracking_uri, std::optional<std::string> experiment_name,
                             std::optional<std::string> run_name, MLflowValidation validation, AwsOptions aws)
    : tracking_uri_(std::move(tracking_uri)),
      experiment_name_(std::move(experiment_name)),
      run_name_(std::move(run_name)) {
  const bool online = validation == MLflowValidation::kOnline;
  if (!tracking_uri_ && online) {
    tracking_uri_ = discover_default_app(aws);
  } else if (tracking_uri_ && tracking_uri_->empty()) {
    tracking_uri_.reset();  // as the reference: an empty URI means no tracking, not discovery
  }

  std::vector<std::string> errors;
  if (tracking_uri_) {
    const auto arn = monitor::parse_mlflow_arn(*tracking_uri_);
    if (!arn) {
      errors.push_back(fmt::format(
          "Invalid MLflow tracking URI format: {}. Expected arn:aws:sagemaker:<region>:<account>:mlflow-app/app-<ID> "
          "or arn:aws:sagemaker:<region>:<account>:mlflow-tracking-server/<name>",
          *tracking_uri_));
    } else if (online) {
      if (auto missing = check_exists(*arn, *tracking_uri_, aws)) errors.push_back(*missing);
    }
  }
  if (experiment_name_ && experiment_name_->empty()) {
    errors.emplace_back("experiment_name cannot be empty: give a name or leave it unset (default: the job name)");
  }
  if (run_name_ && run_name_->empty()) {
    errors.emplace_back("run_name cannot be empty: give a name or leave it unset (default: <job name>-<8 hex>)");
  }
  if (!errors.empty()) {
    std::string message = "MLflow configuration validation failed:";
    for (const auto& e : errors) message += "\n  - " + e;
    throw ValueError(message);
  }
}

std::vector<std::pair<std::string, std::string>> MLflowMonitor::to_dict() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!tracking_uri_) return out;
  out.emplace_back("mlflow_tracking_uri", *tracking_uri_);
  if (experiment_name_) out.emplace_back("mlflow_experiment_name", *experiment_name_);
  if (run_name_) out.emplace_back("mlflow_run_name", *run_name_);
  return out;
}

}  // namespace nova
