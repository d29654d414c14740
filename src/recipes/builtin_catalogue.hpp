#pragma once
// The built-in catalogue: hub-shaped documents and templates embedded from data/recipes at
// build time. Used when the SageMaker Public Hub cannot be reached (and by tests). Its
// template URIs are `builtin://<path under data/recipes>`.

#include <string>
#include <string_view>
#include <vector>

#include "recipes/catalogue_source.hpp"

namespace nova::recipes {

inline constexpr std::string_view kBuiltinScheme = "builtin://";
inline constexpr std::string_view kBuiltinVersion = "built-in";

class BuiltinCatalogue : public CatalogueSource {
 public:
  HubContent hub_content(const std::string& hub_content_name) override;
  std::string read(const std::string& uri) override;
};

// A file under data/recipes ("eval_tasks.json", "local/rft_eval_two.yaml").
// @throws std::out_of_range when the build embedded no such file.
std::string_view builtin_file(std::string_view path);
bool has_builtin_file(std::string_view path);
// Every embedded path starting with `prefix`.
std::vector<std::string> builtin_files(std::string_view prefix);

}  // namespace nova::recipes
