#include "deploy/sagemaker_endpoint_table.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "nova/error.hpp"

namespace nova::embedded {
extern const std::string_view sagemaker_inference_table;
}

namespace nova::deploy {
namespace {

struct Table {
  std::string repository, tag;
  std::map<std::string, std::string> accounts;  // region -> ECR account
  InferenceDefaults defaults;
  std::map<std::string, std::map<std::string, std::vector<InferenceTier>>> tiers;  // model name -> instance -> tiers
};

const Table& table() {
  static const Table t = [] {
    const auto doc = nlohmann::json::parse(embedded::sagemaker_inference_table);
    Table out;
    const auto& image = doc.at("image");
    out.repository = image.at("repository").get<std::string>();
    out.tag = image.at("tag").get<std::string>();
    out.accounts = image.at("accounts").get<std::map<std::string, std::string>>();
    const auto& d = doc.at("defaults");
    out.defaults = {d.at("context_length").get<int>(), d.at("max_concurrency").get<int>(),
                    d.at("instance_type").get<std::string>()};
    for (const auto& [model, instances] : doc.at("tiers").items()) {
      if (!parse_model(model)) throw std::logic_error("data/sagemaker_inference.json names an unknown model " + model);
      for (const auto& [instance, tiers] : instances.items()) {
        for (const auto& pair : tiers) {
          out.tiers[model][instance].push_back({pair.at(0).get<int>(), pair.at(1).get<int>()});
        }
      }
    }
    return out;
  }();
  return t;
}

std::string tier_list(const std::vector<InferenceTier>& tiers) {
  std::string out;
  for (const InferenceTier& t : tiers) {
    out += fmt::format("{}(context_length <= {}, max_concurrency <= {})", out.empty() ? "" : ", ", t.max_context_length,
                       t.max_concurrency);
  }
  return out;
}

template <typename Map>
std::string key_list(const Map& map) {
  std::string out;
  for (const auto& entry : map) out += (out.empty() ? "" : ", ") + entry.first;
  return out;
}

}  // namespace

const InferenceDefaults& sagemaker_inference_defaults() { return table().defaults; }

std::string sagemaker_inference_image(const std::string& region) {
  const Table& t = table();
  const auto it = t.accounts.find(region);
  if (it == t.accounts.end()) {
    throw ValueError(fmt::format("region '{}' has no Nova SageMaker inference image; supported regions: {}", region,
                                 key_list(t.accounts)));
  }
  return fmt::format("{}.dkr.ecr.{}.amazonaws.com/{}:{}", it->second, region, t.repository, t.tag);
}

const std::vector<InferenceTier>& sagemaker_inference_tiers(Model model, const std::string& instance_type) {
  const std::string name(to_string(model));
  const auto& by_model = table().tiers;
  const auto m = by_model.find(name);
  if (m == by_model.end()) {
    throw ValueError(fmt::format("{} cannot be deployed to a SageMaker endpoint; models that can: {}", name,
                                 key_list(by_model)));
  }
  const auto it = m->second.find(instance_type);
  if (it == m->second.end()) {
    throw ValueError(fmt::format("instance type '{}' does not serve {} on SageMaker; supported instance types: {}",
                                 instance_type, name, key_list(m->second)));
  }
  return it->second;
}

void check_sagemaker_inference_tier(Model model, const std::string& instance_type, int context_length,
                                    int max_concurrency) {
  if (context_length <= 0) {
    throw ValueError(fmt::format("context_length must be a positive integer, not {}", context_length));
  }
  if (max_concurrency <= 0) {
    throw ValueError(fmt::format("max_concurrency must be a positive integer, not {}", max_concurrency));
  }
  const auto& tiers = sagemaker_inference_tiers(model, instance_type);
  for (const InferenceTier& t : tiers) {
    if (context_length <= t.max_context_length && max_concurrency <= t.max_concurrency) return;
  }
  throw ValueError(fmt::format(
      "CONTEXT_LENGTH={} and MAX_CONCURRENCY={} is not a supported configuration for {} on {}; allowed tiers: {}",
      context_length, max_concurrency, to_string(model), instance_type, tier_list(tiers)));
}

}  // namespace nova::deploy
