#include "aws/core/http/http_request.hpp"

#include <strings.h>

namespace nova::aws {

const std::string* find_header(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && ::strncasecmp(k.data(), name.data(), name.size()) == 0) return &v;
  }
  return nullptr;
}

void set_header(Headers& headers, std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& h) {
    return h.first.size() == name.size() && ::strncasecmp(h.first.data(), name.data(), name.size()) == 0;
  });
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpRequest::url() const {
  std::string out = scheme + "://" + host + path;
  if (!query.empty()) out += "?" + query;
  return out;
}

}  // namespace nova::aws
