#pragma once
// Checks a filled recipe against its override schema and the request (launch.md 5.4):
// RFT lambda, evaluation task/subtask/BYOD rules, and for every schema key its presence,
// type (an int where a float is expected fails), enum ("" always allowed) and range.
// Every problem is collected; one ValueError lists them all.

#include "recipes/override_schema.hpp"
#include "recipes/recipe_request.hpp"
#include "recipes/recipe_tree.hpp"

namespace nova::recipes {

void validate_recipe(const RecipeNode& recipe, const OverrideSchema& schema, const RecipeRequest& request,
                     const std::string& instance_type);

}  // namespace nova::recipes
