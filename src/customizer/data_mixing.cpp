#include "customizer/data_mixing.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "core/log.hpp"
#include "nova/error.hpp"

namespace nova::customizer {
namespace {

constexpr const char* kCustomer = "customer_data_percent";
constexpr const char* kCatalog = "dataset_catalog";

bool is_nova_field(const std::string& key) {
  return key.size() > 13 && key.rfind("nova_", 0) == 0 && key.compare(key.size() - 8, 8, "_percent") == 0;
}

std::vector<std::string> names_of(const std::map<std::string, double>& fields) {
  std::vector<std::string> names;
  for (const auto& [k, v] : fields) names.push_back(k);
  return names;
}

}  // namespace

void require_data_mixing_support(TrainingMethod method, Platform platform) {
  const bool method_ok =
      method == TrainingMethod::CPT || method == TrainingMethod::SFT_LORA || method == TrainingMethod::SFT_FULL;
  if (!method_ok || platform != Platform::SMHP) {
    throw ValueError(fmt::format(
        "Data mixing is only supported for [CPT, SFT_LORA, SFT_FULL] training methods on SageMaker HyperPod (SMHP); "
        "got {} on {}. Use an SMHPRuntimeManager with one of those methods, or set data_mixing_enabled=False.",
        to_string(method), to_string(platform)));
  }
}

bool is_data_mixing_key(const std::string& key) { return key == kCustomer || key == kCatalog || is_nova_field(key); }

DataMixing::DataMixing(const std::map<std::string, Value>& schema_defaults) : enabled_(true) {
  for (const auto& [key, value] : schema_defaults) {
    if (key == kCatalog) {
      dataset_catalog_ = value;
    } else if (key == kCustomer || is_nova_field(key)) {
      fields_[key] = value.is_number() ? value.as_double() : 0.0;
    }
  }
}

std::map<std::string, Value> DataMixing::get() const {
  std::map<std::string, Value> out;
  if (!enabled_) return out;
  for (const auto& [k, v] : fields_) out[k] = v;
  if (!dataset_catalog_.is_null()) out[kCatalog] = dataset_catalog_;
  return out;
}

std::map<std::string, double> DataMixing::percentages() const { return fields_; }

void DataMixing::set(const std::map<std::string, Value>& config) {
  if (!enabled_) {
    throw ValueError(
        "Data mixing is not enabled for this customizer. Set data_mixing_enabled=True in 'NovaModelCustomizer' object.");
  }
  std::map<std::string, double> next;
  for (const auto& [k, v] : fields_) next[k] = 0.0;
  std::vector<std::string> problems;
  for (const auto& [key, value] : config) {
    if (key == kCatalog) {
      core::log(core::LogLevel::kWarn, "dataset_catalog is read-only and was ignored");
      continue;
    }
    if (!next.count(key)) {
      problems.push_back(fmt::format("Invalid nova field '{}'. Valid fields are: [{}]", key, fmt::join(names_of(next), ", ")));
      continue;
    }
    if (!value.is_number()) {
      problems.push_back(fmt::format("'{}' must be a number between 0 and 100, got {}", key, value.to_yaml()));
      continue;
    }
    const double pct = value.as_double();
    if (pct < 0.0 || pct > 100.0) problems.push_back(fmt::format("'{}' must be between 0 and 100, got {}", key, pct));
    next[key] = pct;
  }
  if (problems.empty()) {
    double nova_total = 0.0;
    for (const auto& [k, v] : next) {
      if (is_nova_field(k)) nova_total += v;
    }
    const double customer = next.count(kCustomer) ? next[kCustomer] : 0.0;
    if (customer >= 100.0 && nova_total > 0.0) {
      problems.push_back(fmt::format(
          "customer_data_percent is 100, so no Nova data can be mixed in, but the nova_*_percent fields sum to {}", nova_total));
    } else if (customer < 100.0 && nova_total == 0.0) {
      problems.push_back(fmt::format(
          "customer_data_percent is {}, so the rest must come from Nova data, but every nova_*_percent field is 0", customer));
    } else if (nova_total > 0.0 && std::fabs(nova_total - 100.0) > 0.01) {
      problems.push_back(fmt::format("The nova_*_percent fields must sum to 100, got {}", nova_total));
    }
  }
  if (!problems.empty()) {
    throw ValueError(fmt::format("Invalid data mixing configuration:\n  - {}", fmt::join(problems, "\n  - ")));
  }
  fields_ = std::move(next);
}

}  // namespace nova::customizer
