#include "aws/s3/s3_client.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <pugixml.hpp>
#include <thread>

#include "aws/core/checksum/crc32.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/http/uri.hpp"
#include "aws/core/retry/ambiguous_create.hpp"
#include "aws/core/sigv4/crypto.hpp"
#include "core/atomic_file.hpp"
#include "nova/error.hpp"
#include "nova/interrupt.hpp"
#include "aws/core/protocol/page_tokens.hpp"

namespace nova::aws {
namespace {

constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
constexpr std::uint64_t kMinPart = 5ull * 1024 * 1024;
constexpr std::uint64_t kMaxPart = 5ull * 1024 * 1024 * 1024;
constexpr std::uint64_t kMaxParts = 10000;

ServiceDescriptor s3_service() { return {"S3", "s3", Protocol::kRestXml, true}; }

OperationInfo op(const char* name, bool idempotent = true) { return {name, idempotent, false, false}; }

std::string header_or_empty(const HttpResponse& r, std::string_view name) {
  const std::string* v = find_header(r.headers, name);
  return v ? *v : std::string();
}

ObjectInfo object_info(const HttpResponse& r, const char* operation) {
  ObjectInfo info;
  const std::string len = header_or_empty(r, "Content-Length");
  if (!len.empty()) {
    // libcurl refuses a malformed length on the wire; a transport that does not (a test's, a
    // proxy's) must still not throw std::invalid_argument out of here.
    const auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), info.content_length);
    if (ec != std::errc() || end != len.data() + len.size()) {
      throw ServiceError(std::string("S3 ") + operation + " answered a Content-Length that is not a byte count", "S3",
                         operation, "InvalidResponse", r.status, request_id_of(r), false);
    }
  }
  info.etag = header_or_empty(r, "ETag");
  info.content_type = header_or_empty(r, "Content-Type");
  info.last_modified = header_or_empty(r, "Last-Modified");
  info.server_side_encryption = header_or_empty(r, "x-amz-server-side-encryption");
  info.kms_key_id = header_or_empty(r, "x-amz-server-side-encryption-aws-kms-key-id");
  for (const auto& [k, v] : r.headers) {
    if (k.size() > 11 && (k.rfind("x-amz-meta-", 0) == 0 || k.rfind("X-Amz-Meta-", 0) == 0)) {
      info.metadata.emplace_back(k.substr(11), v);
    }
  }
  return info;
}

void add_write_headers(HttpRequest& r, const std::string& content_type, const Metadata& metadata,
                       const Encryption& encryption) {
  if (!content_type.empty()) set_header(r.headers, "Content-Type", content_type);
  for (const auto& [k, v] : metadata) set_header(r.headers, "x-amz-meta-" + k, v);
  if (!encryption.kms_key_id.empty()) {
    set_header(r.headers, "x-amz-server-side-encryption", "aws:kms");
    set_header(r.headers, "x-amz-server-side-encryption-aws-kms-key-id", encryption.kms_key_id);
  }
}

pugi::xml_node parse_root(pugi::xml_document& doc, const HttpResponse& r, const char* op_name) {
  if (!doc.load_buffer(r.body.data(), r.body.size())) {
    throw ServiceError(std::string("S3 ") + op_name + " returned a body that is not XML", "S3", op_name,
                       "InvalidResponse", r.status, request_id_of(r), false);
  }
  return doc.document_element();
}

// A file opened for pread by several threads at once.
struct FileHandle {
  int fd{-1};
  explicit FileHandle(const std::filesystem::path& p) : fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~FileHandle() {
    if (fd >= 0) ::close(fd);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
};

// x-amz-checksum-crc32 and <ChecksumCRC32>: the CRC's four bytes, big-endian, in base64.
std::string crc32_base64(std::uint32_t crc) {
  const std::string bytes{static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
                          static_cast<char>(crc)};
  return base64(bytes);
}

struct PartBody {
  RequestBody body;
  std::string checksum_crc32;
};

// A part streamed from the file with pread: never held in memory. The range is read once to
// hash and checksum it (the signature needs the payload hash) and again while it is sent.
PartBody file_range_body(int fd, std::uint64_t offset, std::uint64_t length) {
  Sha256 hash;
  std::uint32_t crc = 0;
  std::string buf(std::min<std::uint64_t>(length, 1u << 20), '\0');
  for (std::uint64_t done = 0; done < length;) {
    const ssize_t n = ::pread(fd, buf.data(), std::min<std::uint64_t>(buf.size(), length - done),
                              static_cast<off_t>(offset + done));
    if (n < 0) throw DataPrepError("reading the upload source failed");
    if (n == 0) throw DataPrepError("the upload source shrank while it was being uploaded");
    const std::string_view chunk(buf.data(), static_cast<std::size_t>(n));
    hash.update(chunk);
    crc = crc32(chunk, crc);
    done += static_cast<std::uint64_t>(n);
  }
  auto pos = std::make_shared<std::uint64_t>(0);
  RequestBody b;
  b.length = length;
  b.sha256_hex = hash.hex_digest();
  // Called from the transport (a C callback): a read error ends the body short, which fails
  // the request instead of throwing through libcurl.
  b.read = [fd, offset, length, pos](char* out, std::size_t n) -> std::size_t {
    const std::uint64_t want = std::min<std::uint64_t>(n, length - *pos);
    if (want == 0) return 0;
    const ssize_t got = ::pread(fd, out, want, static_cast<off_t>(offset + *pos));
    if (got <= 0) return 0;
    *pos += static_cast<std::uint64_t>(got);
    return static_cast<std::size_t>(got);
  };
  b.rewind = [pos] {
    *pos = 0;
    return true;
  };
  return {std::move(b), crc32_base64(crc)};
}

// A part held once in memory and streamed from there: every retry attempt (and the copy the
// client makes per attempt) shares the one buffer instead of copying 8+ MiB.
PartBody shared_body(std::string data) {
  const std::string checksum = crc32_base64(crc32(data));
  auto buf = std::make_shared<const std::string>(std::move(data));
  auto pos = std::make_shared<std::size_t>(0);
  RequestBody b;
  b.length = buf->size();
  b.sha256_hex = sha256_hex(*buf);
  b.read = [buf, pos](char* out, std::size_t n) {
    const std::size_t k = std::min(n, buf->size() - *pos);
    std::memcpy(out, buf->data() + *pos, k);
    *pos += k;
    return k;
  };
  b.rewind = [pos] {
    *pos = 0;
    return true;
  };
  return {std::move(b), checksum};
}

}  // namespace

RequestBody body_from_string(std::string data) {
  RequestBody b;
  b.data = std::move(data);
  return b;
}

RequestBody body_from_file(const std::filesystem::path& path) {
  auto file = std::shared_ptr<std::FILE>(std::fopen(path.c_str(), "rb"), [](std::FILE* f) {
    if (f) std::fclose(f);
  });
  if (!file) throw ValueError("cannot open '" + path.string() + "' for upload");
  RequestBody b;
  std::error_code ec;
  b.length = std::filesystem::file_size(path, ec);
  if (ec) throw ValueError("cannot read the size of '" + path.string() + "'");
  b.read = [file](char* out, std::size_t n) { return std::fread(out, 1, n, file.get()); };
  b.rewind = [file] { return std::fseek(file.get(), 0, SEEK_SET) == 0; };
  return b;
}

S3Client::S3Client(ClientConfig config) : client_(s3_service(), std::move(config)) {}

HttpRequest S3Client::object_request(std::string method, const std::string& bucket, const std::string& key,
                                     std::string query) const {
  std::string path = "/" + uri_encode(bucket);
  if (!key.empty()) path += "/" + uri_encode(key, /*keep_slash=*/true);
  return client_.new_request(std::move(method), path, std::move(query));
}

PutObjectResult S3Client::put_object(const PutObjectRequest& request) {
  HttpRequest r = object_request("PUT", request.bucket, request.key);
  r.body = request.body;
  add_write_headers(r, request.content_type, request.metadata, request.encryption);
  const HttpResponse resp = client_.invoke(op("PutObject"), r);
  return {header_or_empty(resp, "ETag"), header_or_empty(resp, "x-amz-version-id")};
}

ObjectInfo S3Client::get_object(const std::string& bucket, const std::string& key, const BodySink& sink,
                                const std::string& range) {
  // A body cut off midway (a reset, a truncated answer) cannot be replayed into the sink, so
  // the rest is asked for with a ranged GET from the next byte (the client's own retries only
  // cover failures before the first byte arrived).
  constexpr int kMaxResumes = 5;
  std::uint64_t first = 0;
  std::string last;  // the range's end ("" for the object's end)
  if (!range.empty()) {
    unsigned long long a = 0;
    char tail[32] = {};
    if (std::sscanf(range.c_str(), "bytes=%llu-%31s", &a, tail) < 1) {
      throw ValueError("S3 GetObject: range '" + range + "' is not bytes=FIRST-[LAST]");
    }
    first = a;
    last = tail;
  }
  std::uint64_t got = 0;
  const BodySink counting = [&](std::string_view chunk) {
    got += chunk.size();
    return sink(chunk);
  };
  for (int resume = 0;; ++resume) {
    HttpRequest r = object_request("GET", bucket, key);
    if (resume == 0) {
      if (!range.empty()) set_header(r.headers, "Range", range);
    } else {
      set_header(r.headers, "Range", "bytes=" + std::to_string(first + got) + "-" + last);
    }
    try {
      ObjectInfo info = object_info(client_.invoke(op("GetObject"), r, &counting), "GetObject");
      if (resume > 0) info.content_length = got;  // the whole body, across the attempts
      return info;
    } catch (const ServiceError& e) {
      if (got == 0 || !e.retryable() || resume >= kMaxResumes) throw;
    }
  }
}

ObjectInfo S3Client::head_object(const std::string& bucket, const std::string& key) {
  return object_info(client_.invoke(op("HeadObject"), object_request("HEAD", bucket, key)), "HeadObject");
}

ListObjectsV2Result S3Client::list_objects_v2(const ListObjectsV2Request& request) {
  QueryParams q{{"list-type", "2"}};
  if (!request.prefix.empty()) q.emplace_back("prefix", request.prefix);
  if (!request.delimiter.empty()) q.emplace_back("delimiter", request.delimiter);
  if (!request.continuation_token.empty()) q.emplace_back("continuation-token", request.continuation_token);
  if (!request.start_after.empty()) q.emplace_back("start-after", request.start_after);
  if (request.max_keys > 0) q.emplace_back("max-keys", std::to_string(request.max_keys));
  const HttpResponse resp = client_.invoke(op("ListObjectsV2"), object_request("GET", request.bucket, "", build_query(q)));
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, resp, "ListObjectsV2");
  ListObjectsV2Result out;
  out.is_truncated = std::string_view(root.child_value("IsTruncated")) == "true";
  out.next_continuation_token = root.child_value("NextContinuationToken");
  out.key_count = root.child("KeyCount").text().as_int();
  for (pugi::xml_node c = root.child("Contents"); c; c = c.next_sibling("Contents")) {
    ObjectSummary s;
    s.key = c.child_value("Key");
    s.size = c.child("Size").text().as_ullong();
    s.etag = c.child_value("ETag");
    s.last_modified = c.child_value("LastModified");
    s.storage_class = c.child_value("StorageClass");
    out.contents.push_back(std::move(s));
  }
  for (pugi::xml_node p = root.child("CommonPrefixes"); p; p = p.next_sibling("CommonPrefixes")) {
    out.common_prefixes.emplace_back(p.child_value("Prefix"));
  }
  return out;
}

std::uint64_t S3Client::list_all_objects(ListObjectsV2Request request,
                                         const std::function<void(const ObjectSummary&)>& on_object) {
  std::uint64_t count = 0;
  PageTokens tokens("S3", "ListObjectsV2");
  for (;;) {
    const ListObjectsV2Result page = list_objects_v2(request);
    for (const auto& o : page.contents) {
      on_object(o);
      ++count;
    }
    if (!page.is_truncated || page.next_continuation_token.empty()) return count;
    tokens.advance(page.next_continuation_token);
    request.continuation_token = page.next_continuation_token;
  }
}

void S3Client::delete_object(const std::string& bucket, const std::string& key) {
  (void)client_.invoke(op("DeleteObject"), object_request("DELETE", bucket, key));
}

DeleteObjectsResult S3Client::delete_objects(const std::string& bucket, const std::vector<std::string>& keys) {
  std::string xml = std::string("<Delete xmlns=\"") + kS3Namespace + "\"><Quiet>false</Quiet>";
  for (const auto& k : keys) xml += "<Object><Key>" + xml_escape(k) + "</Key></Object>";
  xml += "</Delete>";
  HttpRequest r = object_request("POST", bucket, "", "delete=");
  set_header(r.headers, "Content-MD5", base64(md5(xml)));  // required by DeleteObjects
  frame_rest_xml(r, std::move(xml));
  const HttpResponse resp = client_.invoke(op("DeleteObjects"), r);
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, resp, "DeleteObjects");
  DeleteObjectsResult out;
  for (pugi::xml_node d = root.child("Deleted"); d; d = d.next_sibling("Deleted")) out.deleted.emplace_back(d.child_value("Key"));
  for (pugi::xml_node e = root.child("Error"); e; e = e.next_sibling("Error")) {
    out.errors.emplace_back(e.child_value("Key"), e.child_value("Code"));
  }
  return out;
}

std::string S3Client::head_bucket(const std::string& bucket) {
  const HttpResponse resp = client_.invoke(op("HeadBucket"), object_request("HEAD", bucket, ""));
  return header_or_empty(resp, "x-amz-bucket-region");
}

std::string S3Client::head_bucket(const std::string& bucket, const std::string& expected_bucket_owner) {
  HttpRequest r = object_request("HEAD", bucket, "");
  if (!expected_bucket_owner.empty()) set_header(r.headers, "x-amz-expected-bucket-owner", expected_bucket_owner);
  const HttpResponse resp = client_.invoke(op("HeadBucket"), r);
  return header_or_empty(resp, "x-amz-bucket-region");
}

void S3Client::create_bucket(const std::string& bucket) { create_bucket(bucket, client_.config().region); }

void S3Client::create_bucket(const std::string& bucket, const std::string& region) {
  HttpRequest r = object_request("PUT", bucket, "");
  // us-east-1 is the default location and refuses an explicit LocationConstraint.
  if (!region.empty() && region != "us-east-1") {
    frame_rest_xml(r, std::string("<CreateBucketConfiguration xmlns=\"") + kS3Namespace + "\"><LocationConstraint>" +
                          xml_escape(region) + "</LocationConstraint></CreateBucketConfiguration>");
  }
  // Not idempotent (a second create can answer BucketAlreadyOwnedByYou): never retried.
  (void)client_.invoke(op("CreateBucket", /*idempotent=*/false), r);
}

void S3Client::put_bucket_encryption(const std::string& bucket, const std::string& kms_key_arn) {
  if (kms_key_arn.empty()) throw ValueError("put_bucket_encryption needs a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");
  HttpRequest r = object_request("PUT", bucket, "", "encryption=");
  const std::string xml = std::string("<ServerSideEncryptionConfiguration xmlns=\"") + kS3Namespace +
                          "\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
                          "<KMSMasterKeyID>" + xml_escape(kms_key_arn) +
                          "</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>";
  set_header(r.headers, "Content-MD5", base64(md5(xml)));  // the API requires a checksum
  frame_rest_xml(r, xml);
  (void)client_.invoke(op("PutBucketEncryption"), r);
}

std::string S3Client::create_multipart_upload(const std::string& bucket, const std::string& key,
                                              const TransferOptions& options) {
  // Not blindly retried: a second upload would be an orphan. After a lost answer the key's
  // in-progress upload is looked up and used: the newest (by Initiated) when there are
  // several. Even an older orphan is safe to adopt: Complete keeps only the parts it lists,
  // all written by this call, and the orphan is gone afterwards.
  AmbiguousCreate spec;
  spec.what = "the multipart upload of s3://" + bucket + "/" + key;
  spec.check_hint = "aws s3api list-multipart-uploads --bucket " + bucket + " --prefix " + key;
  spec.create = [&] {
    HttpRequest r = object_request("POST", bucket, key, "uploads=");
    add_write_headers(r, options.content_type, options.metadata, options.encryption);
    set_header(r.headers, "x-amz-checksum-algorithm", "CRC32");
    const HttpResponse resp = client_.invoke(op("CreateMultipartUpload", /*idempotent=*/false), r);
    pugi::xml_document doc;
    std::string id = parse_root(doc, resp, "CreateMultipartUpload").child_value("UploadId");
    if (id.empty()) {
      throw ServiceError("S3 CreateMultipartUpload returned no UploadId", "S3", "CreateMultipartUpload",
                         "InvalidResponse", resp.status, request_id_of(resp), false);
    }
    return id;
  };
  spec.find = [&]() -> std::optional<std::string> {
    std::optional<std::pair<std::chrono::system_clock::time_point, std::string>> newest;
    for (const auto& u : list_multipart_uploads(bucket, key)) {
      // Ours was created with CRC32; parts with a checksum would be refused by another one.
      if (u.key != key || u.checksum_algorithm != "CRC32") continue;
      const auto initiated = parse_iso8601(u.initiated).value_or(std::chrono::system_clock::time_point{});
      if (!newest || initiated >= newest->first) newest = std::make_pair(initiated, u.upload_id);
    }
    if (!newest) return std::nullopt;
    return newest->second;
  };
  spec.clock = client_.config().clock;
  spec.jitter = client_.config().jitter;
  spec.max_attempts = client_.config().retry.max_attempts;
  return create_exactly_once(spec);
}

UploadedPart S3Client::upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                   int part_number, std::string data) {
  PartBody part = shared_body(std::move(data));
  return send_part(bucket, key, upload_id, part_number, std::move(part.body), std::move(part.checksum_crc32));
}

UploadedPart S3Client::send_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                 int part_number, RequestBody body, std::string checksum_crc32) {
  HttpRequest r = object_request("PUT", bucket, key,
                                 build_query({{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}}));
  r.body = std::move(body);
  set_header(r.headers, "x-amz-sdk-checksum-algorithm", "CRC32");
  set_header(r.headers, "x-amz-checksum-crc32", checksum_crc32);
  const HttpResponse resp = client_.invoke(op("UploadPart"), r);
  std::string etag = header_or_empty(resp, "ETag");
  if (etag.empty()) {
    throw ServiceError("S3 UploadPart returned no ETag", "S3", "UploadPart", "InvalidResponse", resp.status,
                       request_id_of(resp), false);
  }
  return {std::move(etag), std::move(checksum_crc32)};
}

std::string S3Client::complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                const std::string& upload_id, const std::vector<UploadedPart>& parts) {
  std::string xml = std::string("<CompleteMultipartUpload xmlns=\"") + kS3Namespace + "\">";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    xml += "<Part><ETag>" + xml_escape(parts[i].etag) + "</ETag><ChecksumCRC32>" + xml_escape(parts[i].checksum_crc32) +
           "</ChecksumCRC32><PartNumber>" + std::to_string(i + 1) + "</PartNumber></Part>";
  }
  xml += "</CompleteMultipartUpload>";
  HttpRequest r = object_request("POST", bucket, key, build_query({{"uploadId", upload_id}}));
  frame_rest_xml(r, std::move(xml));
  const OperationInfo info = op("CompleteMultipartUpload");
  HttpResponse resp;
  try {
    resp = client_.invoke(info, r);
  } catch (const ServiceError& e) {
    // A retry after an answer that was lost finds the upload gone: it was completed. The object
    // is ours when its ETag is the one these parts make (MD5 of the parts' MD5s, "-<count>").
    if (e.code() != "NoSuchUpload") throw;
    std::string digests;
    for (const UploadedPart& part : parts) {
      const std::string& etag = part.etag;
      if (etag.size() != 34 || etag.front() != '"' || etag.find_first_not_of("0123456789abcdef", 1) != 33) throw;
      for (std::size_t i = 1; i < 33; i += 2) {
        digests.push_back(static_cast<char>(std::stoi(etag.substr(i, 2), nullptr, 16)));
      }
    }
    const std::string expected = "\"" + to_hex(md5(digests)) + "-" + std::to_string(parts.size()) + "\"";
    try {
      if (head_object(bucket, key).etag == expected) return expected;
    } catch (const ServiceError&) {
      // No object either: report the original error.
    }
    throw;
  }
  // S3 may answer 200 with an <Error> body here.
  if (auto err = xml_error_in_body(resp)) client_.raise(info, *err);
  pugi::xml_document doc;
  // moto's root is ...Response where AWS's is ...Result: read the child, not the root name.
  return parse_root(doc, resp, "CompleteMultipartUpload").child_value("ETag");
}

void S3Client::abort_multipart_upload(const std::string& bucket, const std::string& key, const std::string& upload_id) {
  (void)client_.invoke(op("AbortMultipartUpload"),
                       object_request("DELETE", bucket, key, build_query({{"uploadId", upload_id}})));
}

std::vector<MultipartUploadSummary> S3Client::list_multipart_uploads(const std::string& bucket,
                                                                    const std::string& prefix) {
  std::vector<MultipartUploadSummary> out;
  std::string key_marker, upload_id_marker;
  PageTokens markers("S3", "ListMultipartUploads");
  for (;;) {
    QueryParams q{{"uploads", ""}};
    if (!prefix.empty()) q.emplace_back("prefix", prefix);
    if (!key_marker.empty()) q.emplace_back("key-marker", key_marker);
    if (!upload_id_marker.empty()) q.emplace_back("upload-id-marker", upload_id_marker);
    const HttpResponse resp = client_.invoke(op("ListMultipartUploads"), object_request("GET", bucket, "", build_query(q)));
    pugi::xml_document doc;
    const pugi::xml_node root = parse_root(doc, resp, "ListMultipartUploads");
    for (pugi::xml_node u = root.child("Upload"); u; u = u.next_sibling("Upload")) {
      out.push_back({u.child_value("Key"), u.child_value("UploadId"), u.child_value("Initiated"),
                     u.child_value("ChecksumAlgorithm")});
    }
    key_marker = root.child_value("NextKeyMarker");
    upload_id_marker = root.child_value("NextUploadIdMarker");
    if (std::string_view(root.child_value("IsTruncated")) != "true" || (key_marker.empty() && upload_id_marker.empty())) {
      return out;
    }
    markers.advance(key_marker + '\n' + upload_id_marker);
  }
}

UploadResult S3Client::upload_file(const std::string& bucket, const std::string& key, const std::filesystem::path& file,
                                   const TransferOptions& options) {
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) throw ValueError("cannot read '" + file.string() + "': " + ec.message());
  std::uint64_t part_size = std::clamp(options.part_size, kMinPart, kMaxPart);
  if (size <= part_size) {
    PutObjectRequest put{bucket, key, body_from_file(file), options.content_type, options.metadata, options.encryption};
    return {put_object(put).etag, size, 0};
  }
  // Keep within S3's 10,000-part limit by growing the part size when the file is huge.
  if ((size + part_size - 1) / part_size > kMaxParts) part_size = (size + kMaxParts - 1) / kMaxParts;
  const int parts = static_cast<int>((size + part_size - 1) / part_size);

  FileHandle fh(file);
  if (fh.fd < 0) throw ValueError("cannot open '" + file.string() + "' for upload");
  // Not cut by Ctrl-C: an upload created without us learning its id could never be aborted.
  const std::string upload_id = [&] {
    const DeferInterrupts defer;
    return create_multipart_upload(bucket, key, options);
  }();

  std::vector<UploadedPart> uploaded(static_cast<std::size_t>(parts));
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  // Parts stream from the file: memory does not depend on the part size or the parallelism.
  const auto worker = [&] {
    for (;;) {
      const int index = next.fetch_add(1);
      if (index >= parts || failed.load()) return;
      try {
        const std::uint64_t offset = static_cast<std::uint64_t>(index) * part_size;
        PartBody part = file_range_body(fh.fd, offset, std::min(part_size, size - offset));
        uploaded[static_cast<std::size_t>(index)] =
            send_part(bucket, key, upload_id, index + 1, std::move(part.body), std::move(part.checksum_crc32));
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true);
        return;
      }
    }
  };
  const int workers = std::clamp(options.max_parallel_parts, 1, parts);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(workers));
  for (int i = 0; i < workers; ++i) threads.emplace_back(worker);
  for (auto& t : threads) t.join();

  std::string etag;
  if (!first_error) {
    try {
      etag = complete_multipart_upload(bucket, key, upload_id, uploaded);
    } catch (...) {
      first_error = std::current_exception();
    }
  }
  if (first_error) {
    try {
      const DeferInterrupts defer;  // an interrupt is the likely first error: the abort must still go out
      abort_multipart_upload(bucket, key, upload_id);
    } catch (...) {
      // The original failure matters more; the abort error would hide it.
    }
    std::rethrow_exception(first_error);
  }
  return {etag, size, parts};
}

ObjectInfo S3Client::download_file(const std::string& bucket, const std::string& key, const std::filesystem::path& file) {
  core::AtomicFile out(file.string());
  const BodySink sink = [&](std::string_view chunk) {
    out.write(chunk);
    return true;
  };
  ObjectInfo info = get_object(bucket, key, sink);
  out.commit();
  return info;
}

}  // namespace nova::aws
