#include "results/output_archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "aws/s3/s3_uri.hpp"
#include "aws/s3/transfer_progress.hpp"
#include "core/atomic_file.hpp"
#include "nova/error.hpp"
#include "results/staging_directory.hpp"

namespace nova::results {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadBlock = 64 * 1024;

[[noreturn]] void fail(const std::string& uri, const std::string& problem) { fail_extraction(uri, problem); }

// A file descriptor written in full or not at all.
void write_all(int fd, const char* data, std::size_t size, const std::string& uri, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(uri, fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// A temporary file beside `near`, removed when this goes away.
class TempFile {
 public:
  TempFile(const fs::path& near, const std::string& uri) {
    std::error_code ec;
    fs::create_directories(near, ec);
    std::string pattern = (near / ".nova-archive-XXXXXX").string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) fail(uri, fmt::format("cannot create a temporary file in {}: {}", near.string(), std::strerror(errno)));
    path_ = pattern;
  }
  ~TempFile() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  int fd_{-1};
  std::string path_;
};

constexpr std::uint64_t kProgressStep = 1024 * 1024;

// The S3 object streamed into a temporary file beside `near`.
class DownloadedArchive {
 public:
  DownloadedArchive(aws::S3Client& s3, const std::string& uri, const fs::path& near)
      : where_(object_of(uri)), file_(near, uri) {
    std::uint64_t received = 0;
    std::uint64_t reported = 0;
    const aws::BodySink sink = [&](std::string_view chunk) {
      write_all(file_.fd(), chunk.data(), chunk.size(), uri, file_.path());
      received += chunk.size();
      if (received - reported >= kProgressStep) {  // a line per MiB, not per network read
        reported = received;
        aws::report_transfer_progress(uri, false, received, 0, false);
      }
      return true;
    };
    const aws::ObjectInfo info = s3.get_object(where_.bucket, where_.key, sink);
    aws::report_transfer_progress(uri, false, received, received, true);
    if (info.content_length != 0 && received != info.content_length) {
      fail(uri, fmt::format("the download ended after {} of {} bytes", received, info.content_length));
    }
  }

  // The file from its start.
  int rewound_fd(const std::string& uri) const {
    if (::lseek(file_.fd(), 0, SEEK_SET) < 0) fail(uri, std::strerror(errno));
    return file_.fd();
  }

 private:
  static aws::S3Uri object_of(const std::string& uri) {
    aws::S3Uri where = aws::parse_s3_uri(uri);
    if (where.key.empty()) {
      throw ValueError(fmt::format("'{}' names a bucket, not an archive object: expected s3://bucket/key", uri));
    }
    return where;
  }

  aws::S3Uri where_;
  TempFile file_;
};

// libarchive reading a tar (any compression) from a file descriptor, block by block.
class ArchiveReader {
 public:
  ArchiveReader(int fd, std::string uri) : archive_(archive_read_new()), uri_(std::move(uri)) {
    if (archive_ == nullptr) fail(uri_, "libarchive could not start");
    archive_read_support_filter_all(archive_);
    archive_read_support_format_tar(archive_);
    if (archive_read_open_fd(archive_, fd, kReadBlock) != ARCHIVE_OK) fail(uri_, reason());
  }
  ~ArchiveReader() { archive_read_free(archive_); }
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // The next entry, or nullptr at the end of the archive.
  archive_entry* next() {
    archive_entry* entry = nullptr;
    const int rc = archive_read_next_header(archive_, &entry);
    if (rc == ARCHIVE_EOF) return nullptr;
    if (rc < ARCHIVE_WARN) fail(uri_, reason());
    return entry;
  }

  // Calls `on_block(data, size)` for the current entry's content.
  template <typename OnBlock>
  void each_block(const char* name, OnBlock&& on_block) {
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
      const int rc = archive_read_data_block(archive_, &block, &size, &offset);
      if (rc == ARCHIVE_EOF) return;
      if (rc < ARCHIVE_WARN) fail(uri_, fmt::format("{} (in entry '{}')", reason(), name));
      on_block(static_cast<const char*>(block), size);
    }
  }

 private:
  std::string reason() const {
    const char* text = archive_error_string(archive_);
    return fmt::format("corrupt or truncated archive: {}", text != nullptr ? text : "unreadable data");
  }

  struct archive* archive_;
  std::string uri_;
};

bool is_link_or_special(archive_entry* entry) {
  return archive_entry_hardlink(entry) != nullptr ||
         (archive_entry_filetype(entry) != AE_IFREG && archive_entry_filetype(entry) != AE_IFDIR);
}

void write_entry(ArchiveReader& reader, const char* name, const fs::path& target, const std::string& uri,
                 ExtractedArchive& summary) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) fail(uri, fmt::format("cannot create {}: {}", target.parent_path().string(), ec.message()));
  // O_NOFOLLOW: nothing in the fresh directory is a link, and this keeps it so.
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(uri, fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  try {
    reader.each_block(name, [&](const char* data, std::size_t size) {
      write_all(fd, data, size, uri, target);
      summary.bytes += size;
    });
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail(uri, fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  ++summary.files;
}

void require_free_destination(const fs::path& destination) {
  std::error_code ec;
  if (!fs::exists(destination, ec)) return;
  if (fs::is_directory(destination, ec) && fs::is_empty(destination, ec)) return;
  throw ValueError(fmt::format("Cannot extract into {}: it already exists and is not an empty directory; choose a new "
                               "directory or remove it",
                               destination.string()));
}

}  // namespace

ExtractedArchive extract_output_archive(aws::S3Client& s3, const std::string& uri, const fs::path& destination) {
  require_free_destination(destination);
  StagingDirectory staging(destination, uri);
  ExtractedArchive summary;
  {
    DownloadedArchive download(s3, uri, staging.path().parent_path());
    ArchiveReader reader(download.rewound_fd(uri), uri);
    while (archive_entry* entry = reader.next()) {
      const char* name = archive_entry_pathname(entry);
      const fs::path relative = safe_relative_path(name != nullptr ? name : "", uri);
      if (is_link_or_special(entry)) {
        summary.skipped.emplace_back(name);
        continue;
      }
      if (relative.empty()) continue;  // the root itself
      const fs::path target = staging.path() / relative;
      if (archive_entry_filetype(entry) == AE_IFDIR) {
        std::error_code ec;
        fs::create_directories(target, ec);
        if (ec) fail(uri, fmt::format("cannot create {}: {}", target.string(), ec.message()));
        continue;
      }
      write_entry(reader, name, target, uri, summary);
    }
  }
  staging.move_into_place();
  return summary;
}

std::optional<std::string> extract_first_member_ending_with(aws::S3Client& s3, const std::string& uri,
                                                            const std::string& suffix, const fs::path& file) {
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  DownloadedArchive download(s3, uri, parent);
  ArchiveReader reader(download.rewound_fd(uri), uri);
  while (archive_entry* entry = reader.next()) {
    const std::string name = archive_entry_pathname(entry) != nullptr ? archive_entry_pathname(entry) : "";
    if (is_link_or_special(entry) || archive_entry_filetype(entry) != AE_IFREG) continue;
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    try {
      core::AtomicFile out(file.string());
      reader.each_block(name.c_str(), [&](const char* data, std::size_t size) { out.write({data, size}); });
      out.commit();
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const Error*>(&e) != nullptr) throw;
      fail(uri, fmt::format("cannot write {}: {}", file.string(), e.what()));
    }
    return name;
  }
  return std::nullopt;
}

}  // namespace nova::results
