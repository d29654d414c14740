#pragma once
// A gzip-compressed tar built in memory with libarchive's writer: the output archives
// (output.tar.gz) tests put where a finished job leaves them. Header-only: the unit and
// integration executables both use it.

#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

namespace nova::testing {

struct TarEntry {
  TarEntry(std::string n, std::string c, unsigned t = AE_IFREG, std::string l = {})
      : name(std::move(n)), content(std::move(c)), type(t), link(std::move(l)) {}
  std::string name;
  std::string content;
  unsigned type;
  std::string link;  // symlink target, or the hard link's original
};

inline TarEntry tar_dir(std::string name) { return TarEntry(std::move(name), "", AE_IFDIR); }

namespace detail {
inline la_ssize_t append_to_string(struct archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}
}  // namespace detail

inline std::string tar_gz(const std::vector<TarEntry>& entries) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_in_last_block(a, 1);  // no zero padding after the gzip stream
  archive_write_open(a, &out, nullptr, detail::append_to_string, nullptr);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    if (e.type == AE_IFREG && !e.link.empty()) {
      archive_entry_set_hardlink(entry, e.link.c_str());
    } else {
      archive_entry_set_filetype(entry, e.type);
    }
    if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.link.c_str());
    if (e.type == AE_IFCHR) archive_entry_set_rdev(entry, 0x0103);
    archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_size(entry, e.type == AE_IFREG && e.link.empty() ? static_cast<la_int64_t>(e.content.size()) : 0);
    archive_write_header(a, entry);
    if (!e.content.empty()) archive_write_data(a, e.content.data(), e.content.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

}  // namespace nova::testing
