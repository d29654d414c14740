#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace nova::core {
namespace {
std::runtime_error io_error(std::string_view what, const std::string& path) {
  return std::runtime_error(std::string(what) + " '" + path + "': " + std::strerror(errno));
}
}  // namespace

AtomicFile::AtomicFile(std::string target, bool private_mode) : target_(std::move(target)) {
  namespace fs = std::filesystem;
  const fs::path target_path(target_);
  if (target_path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(target_path.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create directory '" + target_path.parent_path().string() + "': " + ec.message());
  }
  temp_ = target_ + ".tmp-XXXXXX";
  // mkstemp creates the file 0600; widen it afterwards unless the content is private.
  int fd = ::mkstemp(temp_.data());
  if (fd < 0) throw io_error("cannot create temporary file for", target_);
  if (!private_mode) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    ::close(fd);
    ::unlink(temp_.c_str());
    throw io_error("cannot open temporary file for", target_);
  }
  // glibc ignores the size when setvbuf gets no buffer and writes in 4 KiB pieces: a
  // gigabyte-sized output took 300,000 write calls. Hand it a real 1 MiB buffer.
  constexpr std::size_t kBufferSize = std::size_t{1} << 20;
  buffer_ = std::make_unique_for_overwrite<char[]>(kBufferSize);
  std::setvbuf(file_, buffer_.get(), _IOFBF, kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::write(std::string_view data) {
  if (data.empty()) return;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) throw io_error("cannot write", temp_);
}

void AtomicFile::commit() {
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) throw io_error("cannot flush", temp_);
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    throw io_error("cannot close", temp_);
  }
  file_ = nullptr;
  if (::rename(temp_.c_str(), target_.c_str()) != 0) throw io_error("cannot rename into", target_);
  committed_ = true;
}

}  // namespace nova::core
