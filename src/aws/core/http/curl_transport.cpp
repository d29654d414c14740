#include "aws/core/http/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "nova/interrupt.hpp"

namespace nova::aws {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

TransportErrorKind classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportErrorKind::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportErrorKind::kTimeout;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportErrorKind::kReset;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return TransportErrorKind::kTls;
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
    case CURLE_READ_ERROR:
      return TransportErrorKind::kAborted;
    default:
      return TransportErrorKind::kOther;
  }
}

// State of one exchange, reached from libcurl's C callbacks.
struct Exchange {
  const HttpRequest* request{nullptr};
  const BodySink* sink{nullptr};
  CURL* handle{nullptr};
  std::size_t body_offset{0};  // in-memory body position
  HttpResponse response;
  bool sink_failed{false};
  bool read_failed{false};
  bool interrupted{false};
};

// userdata is null for a transfer that must not be cut.
int interrupt_cb(void* userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  if (userdata == nullptr || interrupt_signal() == 0) return 0;
  static_cast<Exchange*>(userdata)->interrupted = true;
  return 1;
}

std::size_t read_cb(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto* ex = static_cast<Exchange*>(userdata);
  const std::size_t cap = size * nitems;
  const RequestBody& body = ex->request->body;
  if (body.streamed()) {
    try {
      return body.read(buffer, cap);
    } catch (...) {
      ex->read_failed = true;
      return CURL_READFUNC_ABORT;
    }
  }
  const std::size_t n = std::min(cap, body.data.size() - ex->body_offset);
  std::memcpy(buffer, body.data.data() + ex->body_offset, n);
  ex->body_offset += n;
  return n;
}

int seek_cb(void* userdata, curl_off_t offset, int origin) {
  auto* ex = static_cast<Exchange*>(userdata);
  if (origin != SEEK_SET || offset != 0) return CURL_SEEKFUNC_CANTSEEK;
  const RequestBody& body = ex->request->body;
  if (body.streamed()) return body.rewind && body.rewind() ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_CANTSEEK;
  ex->body_offset = 0;
  return CURL_SEEKFUNC_OK;
}

std::size_t header_cb(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto* ex = static_cast<Exchange*>(userdata);
  const std::size_t n = size * nitems;
  std::string_view line(buffer, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    ex->response.headers.clear();  // a new status line (100 Continue, then the real one)
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  ex->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return n;
}

std::size_t write_cb(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto* ex = static_cast<Exchange*>(userdata);
  const std::size_t n = size * nitems;
  long status = 0;
  curl_easy_getinfo(ex->handle, CURLINFO_RESPONSE_CODE, &status);
  if (ex->sink != nullptr && *ex->sink && status >= 200 && status < 300) {
    bool ok = false;
    try {
      ok = (*ex->sink)(std::string_view(buffer, n));
    } catch (...) {
      ok = false;  // never let an exception cross libcurl's C frames
    }
    if (!ok) {
      ex->sink_failed = true;
      return 0;  // aborts the transfer
    }
    return n;
  }
  ex->response.body.append(buffer, n);
  return n;
}

}  // namespace

struct CurlTransport::Impl {
  TransportOptions options;
  std::mutex mutex;
  std::vector<CURL*> idle;
  std::atomic<long> connections{0};

  CURL* acquire() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }
  void release(CURL* h) {
    std::lock_guard lock(mutex);
    if (idle.size() < 64) {
      idle.push_back(h);
    } else {
      curl_easy_cleanup(h);
    }
  }
};

CurlTransport::CurlTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->options = std::move(options);
  if (impl_->options.ca_bundle.empty() && impl_->options.ca_pem.empty()) {
    if (const char* ca = std::getenv("AWS_CA_BUNDLE"); ca != nullptr) impl_->options.ca_bundle = ca;
  }
}

CurlTransport::~CurlTransport() {
  for (CURL* h : impl_->idle) curl_easy_cleanup(h);
}

long CurlTransport::connections_opened() const { return impl_->connections.load(); }

TransportResult CurlTransport::send(const HttpRequest& request, const BodySink* sink) {
  check_interrupt();
  CURL* h = impl_->acquire();
  if (h == nullptr) return {std::nullopt, TransportError{TransportErrorKind::kOther, "curl_easy_init failed"}};
  // reset() clears options but keeps the handle's connection cache: that is the reuse.
  curl_easy_reset(h);
  Exchange ex;
  ex.request = &request;
  ex.sink = sink;
  ex.handle = h;

  const std::string url = request.url();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!impl_->options.ca_pem.empty()) {
    curl_blob blob{impl_->options.ca_pem.data(), impl_->options.ca_pem.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // only this CA, not the system directory
  } else if (!impl_->options.ca_bundle.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, impl_->options.ca_bundle.c_str());
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->options.connect_timeout.count()));
  // Read timeout: abort when fewer than 1 byte/s flows for read_timeout (second granularity).
  const long read_secs = std::max<long>(1, static_cast<long>((impl_->options.read_timeout.count() + 999) / 1000));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, read_secs);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, find_header(request.headers, kFreshConnectionHeader) ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  // S3 keys may hold "." and ".." segments: send the path exactly as built and signed.
  curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
  // Ctrl-C: curl calls this about once a second even on a silent connection; a transfer
  // begun under DeferInterrupts (a create, an abort) is let finish.
  const bool interruptible = !DeferInterrupts::active();
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, interrupt_cb);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, interruptible ? &ex : nullptr);

  const bool has_body = request.body.streamed() || !request.body.data.empty() || request.method == "PUT" ||
                        request.method == "POST";
  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (has_body) {
    // UPLOAD streams the body through read_cb with a Content-Length; CUSTOMREQUEST then
    // sets the real method (POST, PUT, DELETE...).
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &ex);
    curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, seek_cb);
    curl_easy_setopt(h, CURLOPT_SEEKDATA, &ex);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    if (name == kFreshConnectionHeader) continue;
    // "Name;" is curl's way to send a header with an empty value.
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    headers = curl_slist_append(headers, line.c_str());
  }
  // No 100-continue round trip; no Accept header we did not sign or ask for.
  headers = curl_slist_append(headers, "Expect:");
  headers = curl_slist_append(headers, "Accept:");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  long connects = 0;
  curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
  impl_->connections += connects;

  TransportResult result;
  if (rc != CURLE_OK) {
    TransportErrorKind kind = classify(rc);
    std::string message = curl_easy_strerror(rc);
    if (ex.sink_failed) {
      kind = TransportErrorKind::kAborted;
      message = "the response body consumer stopped the download";
    } else if (ex.read_failed) {
      kind = TransportErrorKind::kAborted;
      message = "reading the request body failed";
    }
    // A handle whose transfer failed midway may hold a broken connection: drop it.
    curl_easy_cleanup(h);
    if (ex.interrupted) throw InterruptedError(interrupt_signal());
    result.error = TransportError{kind, message};
    return result;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  ex.response.status = static_cast<int>(status);
  impl_->release(h);
  result.response = std::move(ex.response);
  return result;
}

}  // namespace nova::aws
