#include "aws/core/sigv4/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace nova::aws {
namespace {

// EVP failures only happen on allocation failure or a broken OpenSSL build.
void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL failure: ") + what);
}

std::string digest(const EVP_MD* md, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  check(EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr), "EVP_Digest");
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

std::string sha256(std::string_view data) { return digest(EVP_sha256(), data); }
std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }
std::string md5(std::string_view data) { return digest(EVP_md5(), data); }
std::string sha1_hex(std::string_view data) { return to_hex(digest(EVP_sha1(), data)); }

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  const unsigned char* res =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out.data(), &len);
  if (res == nullptr) throw std::runtime_error("OpenSSL failure: HMAC");
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string random_uuid() {
  std::array<unsigned char, 16> b{};
  check(RAND_bytes(b.data(), static_cast<int>(b.size())), "RAND_bytes");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  const std::string hex = to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

struct Sha256::Impl {
  EVP_MD_CTX* ctx{EVP_MD_CTX_new()};
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  if (impl_->ctx == nullptr) throw std::runtime_error("OpenSSL failure: EVP_MD_CTX_new");
  check(EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  check(EVP_DigestUpdate(impl_->ctx, data.data(), data.size()), "EVP_DigestUpdate");
}

std::string Sha256::hex_digest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  check(EVP_DigestFinal_ex(impl_->ctx, out.data(), &len), "EVP_DigestFinal_ex");
  return to_hex(std::string_view(reinterpret_cast<const char*>(out.data()), len));
}

}  // namespace nova::aws
