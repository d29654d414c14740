#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset/reader/byte_source.hpp"
#include "dataset/s3/s3_io.hpp"
#include "nova/error.hpp"

namespace nova::dataset {
namespace {

class FileByteSource final : public ByteSource {
 public:
  FileByteSource(std::string path, int fd) : path_(std::move(path)), fd_(fd) {
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~FileByteSource() override { ::close(fd_); }

  std::size_t read(char* buffer, std::size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buffer, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == EINTR) continue;
      throw DataPrepError("Cannot read '" + path_ + "': " + std::strerror(errno));
    }
  }
  const std::string& name() const override { return path_; }

 private:
  std::string path_;
  int fd_;
};

}  // namespace

std::unique_ptr<ByteSource> open_source(const std::string& path_or_uri) {
  if (is_s3_uri(path_or_uri)) return open_s3_source(path_or_uri);
  return open_file_source(path_or_uri);
}

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DataPrepError("Cannot open '" + path + "': " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw DataPrepError("Cannot open '" + path + "': it is a directory");
  }
  return std::make_unique<FileByteSource>(path, fd);
}

}  // namespace nova::dataset
