#include "recipes/session_catalogue.hpp"

#include "aws/session/session.hpp"
#include "recipes/hub_catalogue.hpp"

namespace nova::recipes {

std::shared_ptr<CatalogueSource> hub_for_session(const aws::Session& session) {
  return std::make_shared<HubCatalogue>(
      aws_hub_backend(session.client_config("sagemaker"), session.client_config("s3"), session.client_config("sts"),
                      session.endpoint("s3").custom));
}

Catalogue catalogue_for_session(std::shared_ptr<const aws::Session> session, CatalogueOptions options,
                                std::string why_no_session) {
  std::shared_ptr<CatalogueSource> hub;
  if (session) {
    hub = hub_for_session(*session);
    why_no_session.clear();
  }
  return Catalogue(std::move(hub), std::move(options), std::move(why_no_session));
}

Catalogue catalogue_for_session(std::shared_ptr<const aws::Session> session, std::string region, std::string why_no_session) {
  return catalogue_for_session(std::move(session), CatalogueOptions{std::move(region), default_cache_dir()},
                               std::move(why_no_session));
}

}  // namespace nova::recipes
