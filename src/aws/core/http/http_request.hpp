#pragma once
// An HTTP exchange as the AWS layer sees it. Bodies can be streamed both ways so an S3
// object never has to sit in memory.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nova::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; nullptr when absent.
const std::string* find_header(const Headers& headers, std::string_view name);
void set_header(Headers& headers, std::string name, std::string value);  // replaces any same-named header

// A request body: in memory, or pulled from a replayable stream.
struct RequestBody {
  std::string data;  // used when `read` is empty
  // Streamed body: fills up to n bytes, returns 0 at the end. `rewind` restarts it for a retry.
  std::function<std::size_t(char*, std::size_t)> read;
  std::function<bool()> rewind;
  std::uint64_t length{0};           // for streamed bodies
  std::string sha256_hex;            // precomputed payload hash (empty: compute from `data`)
  bool streamed() const { return static_cast<bool>(read); }
  std::uint64_t size() const { return streamed() ? length : data.size(); }
};

struct HttpRequest {
  std::string method;  // "GET", "PUT", ...
  std::string scheme;  // "https" or "http"
  std::string host;    // host[:port] exactly as sent in the Host header
  std::string path;    // already percent-encoded wire path, starting with '/'
  std::string query;   // already encoded, without '?', may be empty
  Headers headers;
  RequestBody body;

  std::string url() const;
};

struct HttpResponse {
  int status{0};
  Headers headers;
  std::string body;  // empty when the body went to a sink
};

// Receives a response body as it arrives (streamed downloads). Returning false aborts.
using BodySink = std::function<bool(std::string_view chunk)>;

}  // namespace nova::aws
