#pragma once
// Exports live hub content into the layout of data/recipes, so the built-in catalogue can
// be refreshed from the SageMaker Public Hub (`nova recipe export`, docs/recipes.md):
//   hub/<hub content name>.json   the document, URIs rewritten to builtin:// and
//                                 images to builtin-image://<repository>:<tag>
//   templates/<file>, overrides/<file>   the files it names (HyperPod payloads reduced to
//                                 the recipe they carry, as the built-in catalogue stores them)
//   export.json                   region, versions, image accounts seen, entries skipped

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "recipes/catalogue_source.hpp"

namespace nova::recipes {

struct ExportedContent {
  std::string hub_content_name;
  std::string version;
  int recipes{0};
  std::vector<std::string> skipped;  // "<recipe name>: <reason>"
};

struct CatalogueExport {
  std::vector<ExportedContent> contents;
  std::map<std::string, std::string> image_accounts;  // region -> ECR account of the images
  std::vector<std::string> files;                     // written, relative to the output directory
};

// @throws on a hub content that cannot be described; an entry whose files cannot be read
// is skipped and reported instead (Forge recipes need a subscription).
CatalogueExport export_catalogue(CatalogueSource& hub, const std::vector<std::string>& hub_content_names,
                                 const std::string& region, const std::filesystem::path& out_dir);

}  // namespace nova::recipes
