#pragma once
// Data mixing (HyperPod CPT/SFT with Nova's own data): the percentages the recipe's schema
// offers and the rules a configuration must satisfy before it reaches the recipe. Rules and
// messages are the reference's (hyperpod.md 5.3); every broken rule is reported, not the first.

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
  // key of the recipe's override schema with its default. `recipe_name` names the recipe in
  // the error when it offers no mixing field. @throws ValueError when it offers none.
  DataMixing(const std::map<std::string, Value>& schema_defaults, const std::string& recipe_name);

  bool enabled() const { return enabled_; }
  // The fields as set (integers stay integers) and `dataset_catalog` (read-only); {} when not enabled.
  std::map<std::string, Value> get() const;
  // Every known field is reset to 0, then `config` applied (null leaves a Nova field out of the
  // sum, as the reference's None). `dataset_catalog` is ignored with a warning.
  // @throws ValueError naming each broken rule (fields unchanged then).
  void set(const std::map<std::string, Value>& config);
  // The percentages for the recipe (customer_data_percent, nova_*_percent), as floats.
  std::map<std::string, double> percentages() const;

 private:
  bool enabled_{false};
  std::map<std::string, Value> fields_;
  Value dataset_catalog_;
};

// True for the keys data mixing owns (refused as overrides: only set_data_mixing_config counts).
bool is_data_mixing_key(const std::string& key);

}  // namespace nova::customizer
