// nova::export_recipe_catalogue: the live hub into the built-in catalogue's layout (`nova recipe export`).

#include "aws/session/session.hpp"
#include "aws/session/session_for.hpp"
#include "nova/error.hpp"
#include "nova/recipe.hpp"
#include "recipes/catalogue_export.hpp"
#include "recipes/session_catalogue.hpp"

namespace nova {

RecipeExportReport export_recipe_catalogue(const RecipeExportOptions& options) {
  if (options.out_dir.empty()) throw ValueError("out_dir is required: the directory the catalogue is written to");
  const auto session = aws::session_for(options.aws);
  const auto hub = recipes::hub_for_session(*session);
  std::vector<std::string> names;
  const auto models = options.models.empty()
                          ? std::vector<Model>{Model::NOVA_MICRO, Model::NOVA_LITE, Model::NOVA_LITE_2, Model::NOVA_PRO}
                          : options.models;
  for (const auto model : models) names.push_back(model_info(model).hub_content_name);

  const std::string region = session->region().region;
  auto exported = recipes::export_catalogue(*hub, names, region, options.out_dir);
  RecipeExportReport report{region, {}, std::move(exported.image_accounts), std::move(exported.files)};
  for (auto& c : exported.contents)
    report.contents.push_back(RecipeExportContent{c.hub_content_name, c.version, c.recipes, std::move(c.skipped)});
  return report;
}

}  // namespace nova
