#pragma once
// A paginated listing must move forward. A server (or a proxy in between) that hands back
// a token it already gave would make "every page" loop forever, as the fuzzer showed with
// IAM's Marker; botocore refuses a repeated token too.

#include <set>
#include <string>

#include "nova/error.hpp"

namespace nova::aws {

class PageTokens {
 public:
  PageTokens(std::string service, std::string operation)
      : service_(std::move(service)), operation_(std::move(operation)) {}

  // Records the token that asks for the next page. Throws ServiceError (code
  // "PaginationLoop") when the same token came before.
  void advance(const std::string& token) {
    if (!seen_.insert(token).second) {
      throw ServiceError(service_ + " " + operation_ + " returned a pagination token it had already returned: the "
                             "listing would never end (a misbehaving endpoint or proxy?)",
                         service_, operation_, "PaginationLoop", 0, "", false);
    }
  }

 private:
  std::string service_, operation_;
  std::set<std::string> seen_;
};

}  // namespace nova::aws
