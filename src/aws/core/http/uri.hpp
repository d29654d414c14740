#pragma once
// Percent-encoding as AWS uses it: only A-Z a-z 0-9 - _ . ~ stay literal (RFC 3986
// unreserved), every other byte becomes %XX with upper-case hex.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nova::aws {

// Strict encoding; with keep_slash, '/' also stays literal (object keys, URI paths).
std::string uri_encode(std::string_view s, bool keep_slash = false);
// Decodes %XX sequences ('+' stays '+'); malformed escapes are kept verbatim.
std::string uri_decode(std::string_view s);

// Builds an encoded query string from raw (unencoded) pairs, in the given order. A pair
// whose value is empty renders as `key=` (S3 markers such as `uploads=`).
std::string build_query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace nova::aws
