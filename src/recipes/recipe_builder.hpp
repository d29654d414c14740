#pragma once
// The recipe engine's entry: a request -> a resolved, validated recipe (and its file).
//   catalogue (hub | cache | built-in) -> select entry -> template + override schema
//   -> fill (overrides > recipe file > SDK values > defaults) -> validate -> YAML -> file

#include "recipes/catalogue.hpp"
#include "recipes/recipe_request.hpp"

namespace nova::recipes {

// @throws ValueError for every misconfiguration (method, platform, instance type or count,
// overrides), naming what is wrong and what would be valid.
ResolvedRecipe resolve_recipe(const RecipeRequest& request, Catalogue& catalogue, const RecipeHooks& hooks = {});

}  // namespace nova::recipes
