#pragma once
// HyperPod job names, by the recipes launcher's rule: the recipe's run name cut to 47
// characters + "-" + 5 random [a-z0-9]. Unlike the launcher, the result is always a valid
// Kubernetes name (DNS-1123 label): upper case is lowered and '_' becomes '-' (as helm does
// for the release), anything else is refused.

#include <cstddef>
#include <string>
#include <string_view>

namespace nova::runtime {

// `prefix_max_length` 0: the settings' name_prefix_max_length (RFT jobs pass the shorter
// rft_name_prefix_max_length, as their objects' names are longer).
// @throws ValueError naming the characters Kubernetes refuses and what would be valid.
std::string hyperpod_job_name_with(std::string_view run_name, std::string_view suffix,
                                   std::size_t prefix_max_length = 0);
// With a random suffix.
std::string hyperpod_job_name(std::string_view run_name, std::size_t prefix_max_length = 0);

// The recipe YAML with `run.name` set to `name` (the ConfigMap carries the suffixed name, as
// the launcher's saved recipe does); other lines untouched.
std::string with_run_name(const std::string& recipe_yaml, const std::string& name);

}  // namespace nova::runtime
