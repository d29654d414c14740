#include "recipes/catalogue_tables.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "nova/error.hpp"
#include "recipes/builtin_catalogue.hpp"

namespace nova::recipes {
namespace {

const std::map<std::string, EvalTaskInfo>& task_table() {
  static const auto table = [] {
    std::map<std::string, EvalTaskInfo> out;
    const auto doc = nlohmann::json::parse(builtin_file("eval_tasks.json"));
    for (const auto& [name, row] : doc.at("tasks").items())
      out[name] = EvalTaskInfo{row.at("strategy").get<std::string>(), row.at("metric").get<std::string>(),
                               row.at("subtasks").get<std::vector<std::string>>(), row.at("byod").get<bool>(),
                               row.value("local_template", std::string())};
    return out;
  }();
  return table;
}

const nlohmann::json& images() {
  static const auto doc = nlohmann::json::parse(builtin_file("images.json"));
  return doc;
}

std::string account_for(const std::string& region) {
  const auto& accounts = images().at("accounts");
  if (!accounts.contains(region)) {
    std::string known;
    for (const auto& [r, _] : accounts.items()) known += (known.empty() ? "" : ", ") + r;
    throw ValueError("Region '" + region + "' has no Nova training images. Supported regions: " + known);
  }
  return accounts.at(region).get<std::string>();
}

}  // namespace

const EvalTaskInfo& eval_task_info(EvaluationTask task) {
  const auto it = task_table().find(std::string(value_of(task)));
  if (it == task_table().end())
    throw std::logic_error("data/recipes/eval_tasks.json lacks the task " + std::string(value_of(task)));
  return it->second;
}

std::vector<std::string> byod_eval_tasks() {
  std::vector<std::string> out;
  for (const auto& [name, info] : task_table())
    if (info.byod) out.push_back(name);
  return out;
}

std::string resolve_builtin_image(const std::string& image, const std::string& region) {
  static const std::string kScheme = "builtin-image://";
  if (image.rfind(kScheme, 0) != 0) return image;
  const auto known = images().at("images_known_in").get<std::vector<std::string>>();
  if (std::find(known.begin(), known.end(), region) == known.end()) {
    std::string list;
    for (const auto& r : known) list += (list.empty() ? "" : ", ") + r;
    throw ValueError("The built-in recipe catalogue does not know the Nova training images for region '" + region +
                     "' (it knows them for " + list + "); they come from the SageMaker Public Hub, which could not be "
                     "reached. Retry when the hub is reachable, or pass image_uri explicitly.");
  }
  return account_for(region) + ".dkr.ecr." + region + ".amazonaws.com/" + image.substr(kScheme.size());
}

std::string local_eval_image(const std::string& region, Platform platform, Version version) {
  const auto& tags = images().at("local_eval_tags").at(std::string(to_string(platform)));
  return account_for(region) + ".dkr.ecr." + region + ".amazonaws.com/" +
         images().at("local_eval_repository").get<std::string>() + ":" +
         tags.at(version == Version::TWO ? "TWO" : "ONE").get<std::string>();
}

}  // namespace nova::recipes

namespace nova::recipes {

std::vector<std::string> supported_regions() {
  std::vector<std::string> regions;
  for (const auto& [region, account] : images().at("accounts").items()) regions.push_back(region);
  return regions;
}

}  // namespace nova::recipes
