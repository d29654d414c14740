#include "aws/core/sigv4/signer.hpp"

#include <time.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <tuple>

#include "aws/core/http/uri.hpp"
#include "aws/core/sigv4/crypto.hpp"

namespace nova::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// Hop-by-hop and volatile headers that proxies may change; botocore's list.
constexpr std::array<std::string_view, 11> kExcludedHeaders = {
    "user-agent", "expect", "transfer-encoding", "connection", "keep-alive",    "proxy-authenticate",
    "proxy-authorization", "te", "trailer", "upgrade", "x-amzn-trace-id"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// Trims and collapses every whitespace run (folded multi-line values included) to one space.
std::string canonical_value(std::string_view v) {
  std::string out;
  bool pending_space = false;
  for (char c : v) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

struct TimeStrings {
  std::string amz_date;  // YYYYMMDDTHHMMSSZ
  std::string date;      // YYYYMMDD
};

TimeStrings format_time(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  std::array<char, 32> buf{};
  const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y%m%dT%H%M%SZ", &tm);
  TimeStrings out;
  out.amz_date.assign(buf.data(), n);
  out.date = out.amz_date.substr(0, 8);
  return out;
}

// Removes '.' and '..' segments and empty segments; keeps a trailing '/'.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    const std::string_view seg = path.substr(pos, next - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    pos = next + 1;
  }
  std::string out;
  for (const auto seg : segments) {
    out.push_back('/');
    out.append(seg);
  }
  const bool trailing = !path.empty() && path.back() == '/';  // botocore keeps only a literal trailing '/'
  if (out.empty() || trailing) out.push_back('/');
  return out;
}

std::string canonical_uri(const HttpRequest& request, const SigningParams& params) {
  std::string path = request.path.empty() ? std::string("/") : request.path;
  if (params.s3) return path;
  if (params.normalize_path) path = normalize_path(path);
  if (params.double_encode) path = uri_encode(path, /*keep_slash=*/true);
  return path;
}

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// Splits an encoded query and re-encodes each key and value strictly, so raw input
// (`?ሴ=bar`) and encoded input (`?%E1%88%B4=bar`) give the same canonical form.
QueryPairs canonical_query_pairs(std::string_view query) {
  QueryPairs pairs;
  std::size_t pos = 0;
  while (pos < query.size()) {
    std::size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view item = query.substr(pos, amp - pos);
    if (!item.empty()) {
      const std::size_t eq = item.find('=');
      const std::string_view key = item.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
      pairs.emplace_back(uri_encode(uri_decode(key)), uri_encode(uri_decode(value)));
    }
    pos = amp + 1;
  }
  return pairs;
}

std::string join_query(QueryPairs pairs) {
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;   // "name:value\n" lines
  std::string signed_names;  // "a;b;c"
};

CanonicalHeaders canonical_headers(const HttpRequest& request) {
  // Stable order: repeated headers keep their original order when joined with ','.
  std::vector<std::pair<std::string, std::string>> lowered;
  bool have_host = false;
  for (const auto& [name, value] : request.headers) {
    std::string n = lower(name);
    if (std::find(kExcludedHeaders.begin(), kExcludedHeaders.end(), n) != kExcludedHeaders.end()) continue;
    if (n == "authorization") continue;
    if (n == "host") have_host = true;
    lowered.emplace_back(std::move(n), canonical_value(value));
  }
  if (!have_host) lowered.emplace_back("host", request.host);
  std::stable_sort(lowered.begin(), lowered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    if (i > 0 && lowered[i].first == lowered[i - 1].first) {
      out.block.back() = ',';  // replace the previous '\n'
      out.block += lowered[i].second;
      out.block.push_back('\n');
      continue;
    }
    if (!out.signed_names.empty()) out.signed_names.push_back(';');
    out.signed_names += lowered[i].first;
    out.block += lowered[i].first;
    out.block.push_back(':');
    out.block += lowered[i].second;
    out.block.push_back('\n');
  }
  return out;
}

std::string body_hash(const HttpRequest& request, const SigningParams& params) {
  if (const std::string* h = find_header(request.headers, "x-amz-content-sha256")) return *h;
  if (!request.body.sha256_hex.empty()) return request.body.sha256_hex;
  if (request.body.streamed()) {
    // Only S3 accepts an unsigned payload; every other service gets in-memory bodies.
    return std::string(params.s3 ? kUnsignedPayload : kEmptySha256);
  }
  if (request.body.data.empty()) return std::string(kEmptySha256);
  return sha256_hex(request.body.data);
}

// The signing key is derived from the secret by four HMACs; it only changes daily, so it is
// cached per (secret, day, region, service). The secret enters the key as its SHA-256 so
// the cache never holds a copy of the secret itself.
std::string signing_key(const Credentials& credentials, const std::string& date, const SigningParams& params) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  static std::mutex mutex;
  static std::map<Key, std::string> cache;
  Key key{sha256(credentials.secret_access_key), date, params.region, params.service};
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  const std::string k_date = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  const std::string k_region = hmac_sha256(k_date, params.region);
  const std::string k_service = hmac_sha256(k_region, params.service);
  std::string k_signing = hmac_sha256(k_service, "aws4_request");
  std::lock_guard lock(mutex);
  if (cache.size() >= 64) cache.clear();  // bounded: many keys only with many identities or days
  cache.emplace(std::move(key), k_signing);
  return k_signing;
}

struct Computed {
  SigningProducts products;
  std::string scope;
  std::string signed_headers;
};

Computed compute(const HttpRequest& request, const Credentials& credentials, const SigningParams& params,
                 const TimeStrings& ts, const std::string& canonical_query, const std::string& payload_hash) {
  Computed c;
  c.scope = ts.date + "/" + params.region + "/" + params.service + "/aws4_request";
  const CanonicalHeaders headers = canonical_headers(request);
  c.signed_headers = headers.signed_names;
  c.products.canonical_request = request.method + "\n" + canonical_uri(request, params) + "\n" + canonical_query +
                                 "\n" + headers.block + "\n" + headers.signed_names + "\n" + payload_hash;
  c.products.string_to_sign = std::string(kAlgorithm) + "\n" + ts.amz_date + "\n" + c.scope + "\n" +
                              sha256_hex(c.products.canonical_request);
  c.products.signature = to_hex(hmac_sha256(signing_key(credentials, ts.date, params), c.products.string_to_sign));
  return c;
}

}  // namespace

SigningProducts sign_request(HttpRequest& request, const Credentials& credentials, const SigningParams& params) {
  const TimeStrings ts = format_time(params.time);
  // A retry signs the same request again: drop what the previous attempt added.
  for (const char* name : {"Authorization", "X-Amz-Date", "X-Amz-Security-Token"}) {
    std::erase_if(request.headers, [&](const auto& h) { return lower(h.first) == lower(name); });
  }
  set_header(request.headers, "X-Amz-Date", ts.amz_date);
  if (!credentials.session_token.empty()) set_header(request.headers, "X-Amz-Security-Token", credentials.session_token);
  const std::string payload_hash = body_hash(request, params);
  if ((params.s3 || params.sign_body_header) && find_header(request.headers, "x-amz-content-sha256") == nullptr) {
    set_header(request.headers, "X-Amz-Content-SHA256", payload_hash);
  }
  Computed c = compute(request, credentials, params, ts, join_query(canonical_query_pairs(request.query)), payload_hash);
  c.products.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" + c.scope +
                             ", SignedHeaders=" + c.signed_headers + ", Signature=" + c.products.signature;
  set_header(request.headers, "Authorization", c.products.authorization);
  return c.products;
}

std::string presign_url(const HttpRequest& request, const Credentials& credentials, const SigningParams& params,
                        std::chrono::seconds expires, SigningProducts* products) {
  const TimeStrings ts = format_time(params.time);
  const std::string scope = ts.date + "/" + params.region + "/" + params.service + "/aws4_request";
  HttpRequest unsigned_request = request;
  std::erase_if(unsigned_request.headers, [](const auto& h) {
    const std::string n = lower(h.first);
    return n == "authorization" || n == "x-amz-date" || n == "x-amz-security-token" || n == "x-amz-content-sha256";
  });
  const CanonicalHeaders headers = canonical_headers(unsigned_request);
  QueryPairs pairs = canonical_query_pairs(request.query);
  const auto add = [&](std::string_view k, std::string_view v) { pairs.emplace_back(uri_encode(k), uri_encode(v)); };
  add("X-Amz-Algorithm", kAlgorithm);
  add("X-Amz-Credential", credentials.access_key_id + "/" + scope);
  add("X-Amz-Date", ts.amz_date);
  add("X-Amz-Expires", std::to_string(expires.count()));
  add("X-Amz-SignedHeaders", headers.signed_names);
  if (!credentials.session_token.empty()) add("X-Amz-Security-Token", credentials.session_token);
  const std::string query = join_query(pairs);
  const std::string payload_hash = params.s3 ? std::string(kUnsignedPayload) : body_hash(unsigned_request, params);
  Computed c = compute(unsigned_request, credentials, params, ts, query, payload_hash);
  if (products != nullptr) *products = c.products;
  return request.scheme + "://" + request.host + (request.path.empty() ? "/" : request.path) + "?" + query +
         "&X-Amz-Signature=" + c.products.signature;
}

}  // namespace nova::aws
