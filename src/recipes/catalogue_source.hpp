#pragma once
// Where recipes come from: a hub content document (the model's recipe collection) and the
// text behind the template URIs it names. Implemented by the SageMaker Public Hub
// (HubCatalogue) and the built-in catalogue embedded from data/recipes (BuiltinCatalogue).

#include <string>

namespace nova::recipes {

struct HubContent {
  std::string name;      // hub content name, e.g. "nova-textgeneration-lite-v2"
  std::string version;   // hub content version, e.g. "1.0.20"; "built-in" for the embedded one
  std::string document;  // the HubContentDocument JSON (holds "RecipeCollection")
};

class CatalogueSource {
 public:
  virtual ~CatalogueSource() = default;
  // @throws on failure (nova::ServiceError from AWS, nova::ValueError for unknown names).
  virtual HubContent hub_content(const std::string& hub_content_name) = 0;
  // The text of a template or override-parameter file named by a recipe entry.
  virtual std::string read(const std::string& uri) = 0;
};

}  // namespace nova::recipes
