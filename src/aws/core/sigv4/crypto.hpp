#pragma once
// SHA-256, HMAC-SHA256, the digests AWS names files and headers with, and random bytes
// (OpenSSL EVP underneath; no OpenSSL types here so callers do not pull OpenSSL headers in).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace nova::aws {

// Lower-case hex of arbitrary bytes.
std::string to_hex(std::string_view bytes);
// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
// Lower-case hex SHA-256 digest.
std::string sha256_hex(std::string_view data);
// Raw 32-byte HMAC-SHA256.
std::string hmac_sha256(std::string_view key, std::string_view data);
// Base64 of raw bytes (Content-MD5 and checksum headers).
std::string base64(std::string_view bytes);
// Raw 16-byte MD5 (Content-MD5 only; not for security).
std::string md5(std::string_view data);
// Lower-case hex SHA-1 (file names of the IAM Identity Center token cache; not for security).
std::string sha1_hex(std::string_view data);
// A random UUID v4 in canonical form (amz-sdk-invocation-id).
std::string random_uuid();

// Incremental SHA-256 for streamed bodies.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex_digest();  // finishes the hash; the object must not be updated afterwards

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nova::aws
