#include "customizer/data_mixing.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "core/log.hpp"
#include "nova/error.hpp"
#include "recipes/recipe_filler.hpp"

namespace nova::customizer {
namespace {

constexpr const char* kCustomer = "customer_data_percent";
constexpr const char* kCatalog = "dataset_catalog";

bool is_nova_field(const std::string& key) { return key != kCustomer && key != kCatalog && is_data_mixing_key(key); }

// Numbers as Python prints them (50, 50.0, 0.5), so messages read like the reference's.
std::string py_number(const Value& v) {
  if (v.kind() == Value::Kind::Int) return std::to_string(v.as_int());
  const double d = v.as_double();
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e16) return fmt::format("{:.1f}", d);
  return fmt::format("{}", d);
}

std::string py_value(const Value& v) {
  if (v.is_null()) return "None";
  if (v.is_number()) return py_number(v);
  if (v.kind() == Value::Kind::String) return "'" + v.as_string() + "'";
  return v.to_yaml();
}

// Python's repr of a list of names and of a dict, as the reference's messages print them.
std::string py_list(const std::map<std::string, Value>& fields) {
  std::vector<std::string> names;
  for (const auto& [k, v] : fields) names.push_back("'" + k + "'");
  return fmt::format("[{}]", fmt::join(names, ", "));
}

std::string py_dict(const std::map<std::string, Value>& fields) {
  std::vector<std::string> items;
  for (const auto& [k, v] : fields) items.push_back(fmt::format("'{}': {}", k, py_value(v)));
  return fmt::format("{{{}}}", fmt::join(items, ", "));
}

// The rules after each value was checked on its own (reference rules 4-6). A mix of only
// customer data (customer 100, every Nova field 0) is accepted: the reference's sum rule
// refuses it before its own "customer 100" rule is reached, which leaves that rule and its
// README's example unusable.
void check_shares(const std::map<std::string, Value>& next, std::vector<std::string>& problems) {
  bool any_nova = false, all_int = true;
  double total = 0.0;
  for (const auto& [k, v] : next) {
    if (!is_nova_field(k) || v.is_null()) continue;
    any_nova = true;
    all_int = all_int && v.kind() == Value::Kind::Int;
    total += v.as_double();
  }
  const auto customer_it = next.find(kCustomer);
  const double customer = customer_it == next.end() || customer_it->second.is_null() ? 0.0 : customer_it->second.as_double();
  const std::string total_text = all_int ? py_number(Value(static_cast<std::int64_t>(total))) : py_number(Value(total));
  const bool only_customer = customer == 100.0 && total == 0.0;
  if (any_nova && !only_customer && std::fabs(total - 100.0) > 0.01)
    problems.push_back(fmt::format("Nova data percentages must sum to 100, got {}. Fields: {}", total_text, py_dict(next)));
  if (customer == 100.0 && total > 0.0)
    problems.push_back("Since customer_data_percent is 100 %, all nova data should sum to 0 %");
  if (customer < 100.0 && total == 0.0)
    problems.push_back(fmt::format("Since customer_data_percent is less than 100 % {}%, all nova data cannot be 0Fields: {} "
                                   "should sum to 100 %",
                                   customer_it == next.end() ? "0" : py_value(customer_it->second), py_dict(next)));
}

}  // namespace

void require_data_mixing_support(TrainingMethod method, Platform platform) {
  const bool method_ok =
      method == TrainingMethod::CPT || method == TrainingMethod::SFT_LORA || method == TrainingMethod::SFT_FULL;
  if (!method_ok || platform != Platform::SMHP) {
    throw ValueError(fmt::format(
        "Data mixing is only supported for [<TrainingMethod.CPT: 'cpt'>, <TrainingMethod.SFT_FULL: 'sft_full'>, "
        "<TrainingMethod.SFT_LORA: 'sft_lora'>] training methods on SageMaker HyperPod. Change platform to SMHP or "
        "change to a supported training method to use data mixing. (Got {} on {}; or set data_mixing_enabled=False.)",
        to_string(method), to_string(platform)));
  }
}

bool is_data_mixing_key(const std::string& key) { return recipes::is_data_mixing_key(key); }

DataMixing::DataMixing(const std::map<std::string, Value>& schema_defaults, const std::string& recipe_name)
    : enabled_(true) {
  for (const auto& [key, value] : schema_defaults) {
    if (key == kCatalog) {
      dataset_catalog_ = value;
    } else if (is_data_mixing_key(key)) {
      // The recipe holds floats; the template's defaults are whole numbers, shown as such.
      const bool whole = value.is_number() && value.as_double() == std::floor(value.as_double()) &&
                         std::fabs(value.as_double()) < 1e15;
      // Plain branches, not a nested conditional: GCC 12 at -O2 reports the conditional's Value
      // temporaries as maybe-uninitialized.
      if (!value.is_number()) {
        fields_[key] = Value(0);
      } else if (whole) {
        fields_[key] = Value(static_cast<std::int64_t>(value.as_double()));
      } else {
        fields_[key] = value;
      }
    }
  }
  if (fields_.empty()) {
    throw ValueError(fmt::format(
        "Data mixing is enabled, but the recipe {} has no data-mixing fields (customer_data_percent, nova_*_percent). "
        "Mixing needs a Nova Forge recipe (a name containing 'text_with_datamix'), which the SageMaker Public Hub "
        "lists for accounts with a Nova Forge subscription; the built-in catalogue has none. Subscribe to Nova Forge "
        "(https://docs.aws.amazon.com/sagemaker/latest/dg/nova-forge.html) or set data_mixing_enabled=False.",
        recipe_name));
  }
}

std::map<std::string, Value> DataMixing::get() const {
  std::map<std::string, Value> out;
  if (!enabled_) return out;
  out = fields_;
  if (!dataset_catalog_.is_null()) out[kCatalog] = dataset_catalog_;
  return out;
}

std::map<std::string, double> DataMixing::percentages() const {
  std::map<std::string, double> out;
  for (const auto& [k, v] : fields_) out[k] = v.is_null() ? 0.0 : v.as_double();
  return out;
}

void DataMixing::set(const std::map<std::string, Value>& config) {
  if (!enabled_) {
    throw ValueError(
        "Data mixing is not enabled for this customizer. Set data_mixing = True in 'NovaModelCustomizer' object "
        "(the data_mixing_enabled=True argument).");
  }
  std::map<std::string, Value> next;
  for (const auto& [k, v] : fields_) next[k] = Value(0);
  std::vector<std::string> problems;
  bool values_ok = true;
  for (const auto& [key, value] : config) {
    if (key == kCatalog) {
      core::log(core::LogLevel::kWarn,
                "dataset_catalog cannot be set in data mixing configuration. Ignoring value: " + py_value(value));
      continue;
    }
    if (!next.count(key)) {
      problems.push_back(fmt::format("Invalid nova field '{}'. Valid fields are: {}", key, py_list(fields_)));
      values_ok = false;
      continue;
    }
    next[key] = value;
    if (value.is_null()) continue;
    if (!value.is_number()) {
      problems.push_back(fmt::format("{} must be a number between 0 and 100, got {}", key, py_value(value)));
      values_ok = false;
    } else if (value.as_double() < 0.0 || value.as_double() > 100.0) {
      problems.push_back(fmt::format("{} must be between 0 and 100, got {}", key, py_number(value)));
      values_ok = false;
    }
  }
  if (values_ok) check_shares(next, problems);
  if (!problems.empty()) {
    throw ValueError(fmt::format("Invalid data mixing configuration:\n  - {}", fmt::join(problems, "\n  - ")));
  }
  fields_ = std::move(next);
  core::log(core::LogLevel::kInfo,
            "Setting other data mixing fields to 0. Data mixing configuration set to: " + py_dict(fields_));
}

}  // namespace nova::customizer
