#include "runtime/hyperpod_settings.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <mutex>
#include <string_view>

#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view hyperpod_data_paths[];
extern const std::string_view hyperpod_data_contents[];
extern const std::size_t hyperpod_data_count;
}  // namespace nova::embedded

namespace nova::runtime {
namespace {

const std::string_view* embedded_file(std::string_view path) {
  for (std::size_t i = 0; i < embedded::hyperpod_data_count; ++i)
    if (embedded::hyperpod_data_paths[i] == path) return &embedded::hyperpod_data_contents[i];
  return nullptr;
}

}  // namespace

const HyperPodSettings& hyperpod_settings() {
  static const HyperPodSettings settings = [] {
    const auto j = nlohmann::json::parse(*embedded_file("settings.json"));
    HyperPodSettings s;
    s.job_label = j.at("job_label").get<std::string>();
    s.name_prefix_max_length = j.at("name_prefix_max_length").get<std::size_t>();
    s.rft_name_prefix_max_length = j.at("rft_name_prefix_max_length").get<std::size_t>();
    s.name_suffix_length = j.at("name_suffix_length").get<std::size_t>();
    s.init_container_repository = j.at("init_container_repository").get<std::string>();
    s.init_container_accounts = j.at("init_container_accounts").get<std::map<std::string, std::string>>();
    s.rft_image_accounts = j.at("rft_image_accounts").get<std::map<std::string, std::string>>();
    s.rft_images = j.at("rft_images").get<std::map<std::string, std::string>>();
    for (const auto& [type, d] : j.at("devices").items()) s.devices[type] = {d.at("gpus").get<int>(), d.at("efa").get<int>()};
    s.rft_config_maps = j.at("rft_config_maps").get<std::map<std::string, std::string>>();
    for (const auto& r : j.at("resources")) s.resources.emplace_back(r.at(0).get<std::string>(), r.at(1).get<std::string>());
    return s;
  }();
  return settings;
}

const std::string& builtin_hyperpod_template(const std::string& kind) {
  static std::map<std::string, std::string> cache;
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(kind); it != cache.end()) return it->second;
  const auto* text = embedded_file("templates/" + kind + ".yaml");
  if (!text) throw ValueError(fmt::format("No built-in HyperPod template '{}' (training, evaluation, rft)", kind));
  return cache.emplace(kind, std::string(*text)).first->second;
}

}  // namespace nova::runtime
