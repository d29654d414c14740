#include "customizer/infra_checks.hpp"

#include "nova/runtime.hpp"

namespace nova::customizer {

std::vector<std::string> check_hyperpod_infrastructure(const SMHPRuntimeManager& manager) {
  std::vector<std::string> problems;
  for (const auto& check : manager.check_infrastructure())
    if (!check.ready) problems.push_back(check.detail);
  return problems;
}

}  // namespace nova::customizer
