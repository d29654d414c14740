#pragma once
// The recipe engine as the customizer uses it: one catalogue (hub, disk cache, built-in)
// for the session's region, and the S3 hooks the engine needs (recipe files on S3, model
// checkpoints that must exist).

#include <memory>
#include <string>

#include "recipes/catalogue.hpp"
#include "recipes/recipe_request.hpp"

namespace nova::aws {
class Session;
}

namespace nova::customizer {

class RecipeAccess {
 public:
  RecipeAccess(std::shared_ptr<const aws::Session> session, std::string region);
  // @throws ValueError for every misconfiguration the engine finds.
  recipes::ResolvedRecipe resolve(const recipes::RecipeRequest& request);

 private:
  std::shared_ptr<const aws::Session> session_;
  recipes::Catalogue catalogue_;
  recipes::RecipeHooks hooks_;
};

}  // namespace nova::customizer
