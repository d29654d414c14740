#pragma once
// Shared helpers of the recipe tests: an offline catalogue over the built-in data and a
// counting "hub" that serves the built-in documents as if they came from the hub.

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "nova/error.hpp"
#include "recipes/builtin_catalogue.hpp"
#include "recipes/catalogue.hpp"
#include "recipes/recipe_builder.hpp"

namespace nova::testing {

class CountingHub : public recipes::CatalogueSource {
 public:
  explicit CountingHub(std::string version = "1.0.20") : version_(std::move(version)) {}
  recipes::HubContent hub_content(const std::string& name) override {
    ++documents;
    if (fail) throw std::runtime_error("connection refused");
    auto content = builtin_.hub_content(name);
    content.version = version_;
    // Template URIs as the hub names them, so reads go through this source (and the cache).
    for (auto at = content.document.find(kBuiltin); at != std::string::npos; at = content.document.find(kBuiltin))
      content.document.replace(at, kBuiltin.size(), kHub);
    return content;
  }
  std::string read(const std::string& uri) override {
    ++reads;
    if (fail) throw std::runtime_error("connection refused");
    return builtin_.read(std::string(kBuiltin) + uri.substr(kHub.size()));
  }
  int documents{0};
  int reads{0};
  bool fail{false};

 private:
  static constexpr std::string_view kBuiltin = "builtin://";
  static constexpr std::string_view kHub = "s3://counting-hub/";
  std::string version_;
  recipes::BuiltinCatalogue builtin_;
};

inline recipes::Catalogue offline_catalogue(const std::string& region = "us-east-1") {
  return recipes::Catalogue(nullptr, recipes::CatalogueOptions{region, {}}, "offline test");
}

inline recipes::RecipeRequest request_for(Model model, TrainingMethod method, Platform platform) {
  recipes::RecipeRequest r;
  r.model = model;
  r.method = method;
  r.platform = platform;
  r.job_name = "golden-job";
  r.data_s3_path = method == TrainingMethod::EVALUATION ? "" : "s3://nova-test-bucket/data/train.jsonl";
  r.output_s3_path = "s3://nova-test-bucket/output";
  r.write_file = false;
  return r;
}

// The message of the ValueError resolving `request` offline throws, or "no error".
inline std::string resolve_error(const recipes::RecipeRequest& request) {
  auto catalogue = offline_catalogue();
  try {
    recipes::resolve_recipe(request, catalogue);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace nova::testing
