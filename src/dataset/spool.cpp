#include "dataset/spool.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include "nova/error.hpp"

namespace nova::dataset {

Spool::Spool() {
  std::string pattern = (std::filesystem::temp_directory_path() / "nova-spool-XXXXXX").string();
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) throw DataPrepError(std::string("Cannot create a temporary spool file: ") + std::strerror(errno));
  ::unlink(pattern.c_str());  // anonymous: disappears with the last descriptor
}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

void Spool::append(std::string_view record_json, std::uint64_t line) {
  entries_.push_back(Entry{written_ + pending_.size(), static_cast<std::uint32_t>(record_json.size()), line});
  pending_.append(record_json);
  pending_.push_back('\n');
  if (pending_.size() >= (std::size_t{1} << 20)) flush();
}

void Spool::flush() {
  std::size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw DataPrepError(std::string("Cannot write the temporary spool file: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  written_ += pending_.size();
  pending_.clear();
}

void Spool::finish_writing() { flush(); }

void Spool::read(std::size_t i, std::string& out, std::size_t padding) const {
  const Entry& e = entries_[i];
  out.resize(e.length + padding);
  std::size_t done = 0;
  while (done < e.length) {
    const ssize_t n = ::pread(fd_, out.data() + done, e.length - done, static_cast<off_t>(e.offset + done));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      throw DataPrepError("Cannot read the temporary spool file");
    }
    done += static_cast<std::size_t>(n);
  }
  out.resize(e.length);
}

}  // namespace nova::dataset
