#include "deploy/create_once.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace nova::deploy {
namespace {

ValueError conflict_error(const std::string& what, const std::string& conflict) {
  return ValueError(fmt::format("{} already exists and is not the one this deploy asked for: {}; delete it or choose "
                                "another name",
                                what, conflict));
}

}  // namespace

bool outcome_unknown(const ServiceError& error) {
  if (error.code() == "NetworkError" || error.http_status() >= 500) return true;
  if (error.code() == "EntityAlreadyExists" || error.code() == "ResourceInUse") return true;
  return error.code() == "ValidationException" &&
         core::ascii_lower(error.what()).find("already exist") != std::string::npos;
}

std::string create_once(const std::string& what, const std::function<std::string()>& create,
                        const std::function<std::optional<ExistingResource>()>& look, int attempts) {
  for (int attempt = 1;; ++attempt) {
    try {
      return create();
    } catch (const ServiceError& e) {
      if (!outcome_unknown(e)) throw;
      if (const auto found = look()) {
        if (found->conflict.empty()) return found->arn;
        throw conflict_error(what, found->conflict);
      }
      if (attempt >= attempts) throw;
    }
  }
}

std::string find_or_create(const std::string& what, const std::function<std::string()>& create,
                           const std::function<std::optional<ExistingResource>()>& look) {
  if (const auto found = look()) {
    if (found->conflict.empty()) return found->arn;
    throw conflict_error(what, found->conflict);
  }
  return create_once(what, create, look);
}

}  // namespace nova::deploy
