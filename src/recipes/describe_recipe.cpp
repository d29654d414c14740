// nova::describe_recipe: the public view of the recipe engine (`nova recipe show`).

#include "aws/session/session.hpp"
#include "nova/error.hpp"
#include "nova/recipe.hpp"
#include "recipes/recipe_builder.hpp"
#include "recipes/session_catalogue.hpp"

namespace nova {

RecipeInfo describe_recipe(const RecipeQuery& query) {
  std::shared_ptr<const aws::Session> session;
  std::string reason = "offline";
  if (!query.offline) {
    try {
      session = aws::Session::shared();
    } catch (const Error& e) {
      reason = e.what();
    }
  }
  std::string region = query.region.value_or(session ? session->region().region : "us-east-1");
  auto catalogue = recipes::catalogue_for_session(session, region, reason);

  recipes::RecipeRequest request;
  request.model = query.model;
  request.method = query.method;
  request.platform = query.platform;
  request.region = region;
  request.instance_type = query.instance_type;
  request.instance_count = query.instance_count;
  request.eval_task = query.eval_task;
  request.overrides = query.overrides;
  request.job_name = query.job_name;
  request.write_file = false;
  request.for_launch = false;
  const auto resolved = recipes::resolve_recipe(request, catalogue);

  RecipeInfo info{resolved.yaml, resolved.recipe_name, resolved.origin, resolved.hub_content_version, resolved.image_uri,
                  resolved.instance_type, resolved.instance_count, {}};
  for (const auto& p : resolved.parameters)
    info.parameters.push_back(RecipeParameter{p.key, p.type, p.default_value, p.min, p.max, p.allowed, p.required});
  return info;
}

}  // namespace nova
