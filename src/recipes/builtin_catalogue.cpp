#include "recipes/builtin_catalogue.hpp"

#include <cstddef>
#include <stdexcept>

#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view recipes_data_paths[];
extern const std::string_view recipes_data_contents[];
extern const std::size_t recipes_data_count;
}  // namespace nova::embedded

namespace nova::recipes {
namespace {

const std::string_view* find_file(std::string_view path) {
  for (std::size_t i = 0; i < embedded::recipes_data_count; ++i)
    if (embedded::recipes_data_paths[i] == path) return &embedded::recipes_data_contents[i];
  return nullptr;
}

}  // namespace

std::string_view builtin_file(std::string_view path) {
  if (const auto* content = find_file(path)) return *content;
  throw std::out_of_range("data/recipes/" + std::string(path) + " is not embedded in this build");
}

bool has_builtin_file(std::string_view path) { return find_file(path) != nullptr; }

std::vector<std::string> builtin_files(std::string_view prefix) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < embedded::recipes_data_count; ++i)
    if (embedded::recipes_data_paths[i].substr(0, prefix.size()) == prefix) out.emplace_back(embedded::recipes_data_paths[i]);
  return out;
}

HubContent BuiltinCatalogue::hub_content(const std::string& hub_content_name) {
  const auto* doc = find_file("hub/" + hub_content_name + ".json");
  if (!doc) throw ValueError("the built-in catalogue has no hub content named '" + hub_content_name + "'");
  return HubContent{hub_content_name, std::string(kBuiltinVersion), std::string(*doc)};
}

std::string BuiltinCatalogue::read(const std::string& uri) {
  if (uri.rfind(kBuiltinScheme, 0) != 0)
    throw ValueError("the built-in catalogue cannot read '" + uri + "' (only " + std::string(kBuiltinScheme) + " URIs)");
  const auto* content = find_file(std::string_view(uri).substr(kBuiltinScheme.size()));
  if (!content) throw ValueError("the built-in catalogue has no file " + uri);
  return std::string(*content);
}

}  // namespace nova::recipes
