#pragma once
// Fills a recipe template (launch.md 3.4, 3.5): SDK values into the schema, then the walk
// over the template's leaves matching keys by leaf name (overrides > the user's recipe
// file > SDK values > template defaults), then the final recipe and instance count.
// Unlike the reference SDK, an override that names no recipe leaf and no schema entry is
// an error that suggests the closest valid keys.

#include <string>
#include <utility>
#include <vector>

#include "recipes/override_schema.hpp"
#include "recipes/recipe_request.hpp"
#include "recipes/recipe_selector.hpp"
#include "recipes/recipe_tree.hpp"

namespace nova::recipes {

struct FillInput {
  RecipeNode template_tree;
  OverrideSchema schema;
  RecipeEntry entry;
  std::string instance_type;
  int instance_count{1};
  std::vector<std::pair<std::string, Value>> input_recipe_leaves;  // from recipe_path, first occurrence of each key
};

struct FilledRecipe {
  RecipeNode recipe;
  OverrideSchema schema;
  int instance_count{1};
};

// @throws ValueError for an override that cannot apply (unknown key, not overridable).
FilledRecipe fill_recipe(FillInput input, const RecipeRequest& request, const RecipeHooks& hooks);

// Keys whose value comes from the SDK, never from an override.
bool is_data_mixing_key(const std::string& key);

}  // namespace nova::recipes
