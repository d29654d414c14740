#pragma once
// The catalogue a recipe is resolved from, with its fallback policy:
//   fresh disk cache (younger than the TTL: no network at all) -> hub -> stale cache -> built-in.
// The origin of every document is recorded for the user ("hub 1.0.20", "cache 1.0.20",
// "built-in catalogue (hub unreachable: <reason>)").
// A hub that failed for a content name is not asked again by the same Catalogue: a
// customizer resolves several times per train(), and one warning says it all.
//
// Cache layout (no secrets, plain 0644 files written atomically):
//   <dir>/<region>/<hub content name>/latest.json            {"version", "fetched_at"}
//   <dir>/<region>/<hub content name>/<version>/document.json
//   <dir>/<region>/<hub content name>/<version>/files/<escaped template URI>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "recipes/builtin_catalogue.hpp"
#include "recipes/catalogue_source.hpp"

namespace nova::recipes {

struct CatalogueOptions {
  std::string region;
  std::filesystem::path cache_dir;  // empty: no disk cache
  std::chrono::seconds ttl{std::chrono::hours(24)};
  std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
};

// $NOVA_CACHE_DIR, else $XDG_CACHE_HOME/nova-sdk, else ~/.cache/nova-sdk (empty if no home).
std::filesystem::path default_cache_dir();

struct LoadedCatalogue {
  HubContent content;
  std::string origin;
  bool builtin{false};
};

class Catalogue {
 public:
  // `hub` may be null (no AWS access); `hub_unavailable_reason` then says why.
  Catalogue(std::shared_ptr<CatalogueSource> hub, CatalogueOptions options, std::string hub_unavailable_reason = {});

  LoadedCatalogue load(const std::string& hub_content_name);
  // The text behind `uri` of a recipe in `from`: built-in file, cached copy, or the hub (then cached).
  std::string read(const LoadedCatalogue& from, const std::string& uri);

  const CatalogueOptions& options() const { return options_; }

 private:
  std::filesystem::path content_dir(const std::string& name) const;
  void store(const HubContent& content);
  // The hub's document for `name`, or nothing and `why_not`. A name the hub failed for is
  // not asked again.
  std::optional<HubContent> ask_hub(const std::string& name, std::string& why_not);

  std::shared_ptr<CatalogueSource> hub_;
  CatalogueOptions options_;
  std::string hub_unavailable_reason_;
  std::map<std::string, std::string> hub_failures_;  // hub content name -> reason
  BuiltinCatalogue builtin_;
};

}  // namespace nova::recipes
