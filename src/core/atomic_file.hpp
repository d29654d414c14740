#pragma once
// Writes a file so that readers see either the old content or the whole new content:
// data goes to a temporary file beside the target, is flushed, and is renamed into
// place on commit(). Destroying an uncommitted AtomicFile removes the temporary file,
// so a failed run leaves nothing half-written.

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace nova::core {

class AtomicFile {
 public:
  // Creates parent directories. `private_mode` creates the file 0600 (credentials, tokens).
  // Throws std::runtime_error on failure.
  explicit AtomicFile(std::string target, bool private_mode = false);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view data);
  // Flushes, fsyncs and renames over the target. Throws std::runtime_error.
  void commit();

  const std::string& target() const noexcept { return target_; }

 private:
  std::string target_;
  std::string temp_;
  // The stream's buffer (setvbuf): owned here, released only after fclose.
  std::unique_ptr<char[]> buffer_;
  std::FILE* file_{nullptr};
  bool committed_{false};
};

}  // namespace nova::core
