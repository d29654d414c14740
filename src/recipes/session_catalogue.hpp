#pragma once
// The one way a session gets its recipe catalogue: the SageMaker Public Hub through the
// session's SageMaker, S3 and STS clients, the disk cache at default_cache_dir(), and the
// built-in catalogue behind both.

#include <memory>
#include <string>

#include "recipes/catalogue.hpp"

namespace nova::aws {
class Session;
}

namespace nova::recipes {

// The live hub (SageMaker Public Hub, S3 for its files, STS for `{customer_id}`) through
// the session's clients.
std::shared_ptr<CatalogueSource> hub_for_session(const aws::Session& session);

// A null `session` (offline, or no AWS configuration) gives the cache and the built-in
// catalogue only; origins then say `why_no_session`.
Catalogue catalogue_for_session(std::shared_ptr<const aws::Session> session, CatalogueOptions options,
                                std::string why_no_session = "offline");
// The same with the default options for `region` (default cache directory, 24 h TTL).
Catalogue catalogue_for_session(std::shared_ptr<const aws::Session> session, std::string region,
                                std::string why_no_session = "offline");

}  // namespace nova::recipes
