#pragma once
// Data mixing (HyperPod CPT/SFT with Nova's own data): the percentages the recipe's schema
// offers and the rules a configuration must satisfy before it reaches the recipe.

#include <map>
#include <string>

#include "nova/enums.hpp"
#include "nova/value.hpp"

namespace nova::customizer {

// @throws ValueError unless `platform` is SMHP and `method` is CPT, SFT_LORA or SFT_FULL.
void require_data_mixing_support(TrainingMethod method, Platform platform);

class DataMixing {
 public:
  DataMixing() = default;
  // `schema_defaults`: every `nova_*_percent`, `customer_data_percent` and `dataset_catalog`
  // key of the recipe's override schema with its default.
  explicit DataMixing(const std::map<std::string, Value>& schema_defaults);

  bool enabled() const { return enabled_; }
  // The fields and `dataset_catalog` (read-only); {} when not enabled.
  std::map<std::string, Value> get() const;
  // Every known field is reset to 0, then `config` applied. `dataset_catalog` is ignored
  // with a warning. @throws ValueError naming each broken rule (fields unchanged then).
  void set(const std::map<std::string, Value>& config);
  // The percentages for the recipe (customer_data_percent, nova_*_percent).
  std::map<std::string, double> percentages() const;

 private:
  bool enabled_{false};
  std::map<std::string, double> fields_;
  Value dataset_catalog_;
};

// True for the keys data mixing owns (refused as overrides: only set_data_mixing_config counts).
bool is_data_mixing_key(const std::string& key);

}  // namespace nova::customizer
