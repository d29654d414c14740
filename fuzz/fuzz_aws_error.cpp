// Error responses of the four AWS protocols (and S3's 200-with-<Error>): whatever the body,
// parsing yields a code, never a crash.
#include "aws/core/protocol/protocol.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& body = input.rest;
  nova::aws::HttpResponse response;
  static const int statuses[] = {400, 403, 404, 409, 429, 500, 503, 200};
  response.status = statuses[selector % 8];
  response.body = body;
  if (selector & 8) response.headers.emplace_back("x-amzn-ErrorType", body.substr(0, 64));
  for (auto protocol : {nova::aws::Protocol::kJson11, nova::aws::Protocol::kRestJson, nova::aws::Protocol::kRestXml,
                        nova::aws::Protocol::kQuery}) {
    const auto error = nova::aws::parse_error(protocol, response);
    if (error.code.empty()) __builtin_trap();  // every error has a code, derived from the status if need be
  }
  (void)nova::aws::xml_error_in_body(response);
  return 0;
}
