#pragma once
// Picks one recipe entry of a hub content document (launch.md 3.1.2): subscription
// filter, method -> technique, platform, data-mixing preference, eval task, LoRA vs full,
// instance type. Errors name what is wrong and what the catalogue does offer.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "recipes/recipe_request.hpp"

namespace nova::recipes {

struct RecipeEntry {
  std::string name;
  std::string display_name;
  int instance_count{1};
  std::vector<std::string> supported_instance_types;
  std::string template_uri;
  std::string override_params_uri;
  std::string image_uri;       // SMTJ image, or the built-in SMHP image
  bool hyperpod_payload{false};  // template is a k8s payload to extract the recipe from
  bool local{false};           // SDK-local evaluation template (llm_judge, rubric, rft_eval)
};

// "ml.p5.48xlarge" for "p5.48xlarge" and "ml.p5.48xlarge".
std::string normalise_instance_type(const std::string& type);

// @throws ValueError when nothing matches.
RecipeEntry select_recipe(const std::string& document_json, const RecipeRequest& request);

// Every entry of the document as (name, has SMTJ, has SMHP) — for listings and golden tests.
struct CatalogueListing {
  std::string name;
  std::string display_name;
  std::string technique;  // CustomizationTechnique ("" for evaluation)
  std::string type;       // "FineTuning" | "Evaluation"
  bool peft{false};
  bool smtj{false}, smhp{false};
};
std::vector<CatalogueListing> list_recipes(const std::string& document_json);

}  // namespace nova::recipes
