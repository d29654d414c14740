#include "results/staging_directory.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "nova/error.hpp"

namespace nova::results {

namespace fs = std::filesystem;

void fail_extraction(const std::string& source, const std::string& problem) {
  throw DataPrepError(fmt::format("Cannot extract the output archive {}: {}", source, problem));
}

fs::path safe_relative_path(const std::string& name, const std::string& source) {
  const fs::path path(name);
  if (path.empty()) fail_extraction(source, "corrupt archive: an entry has no name");
  if (path.has_root_path()) fail_extraction(source, fmt::format("entry '{}' has an absolute path", name));
  fs::path out;
  for (const auto& part : path) {
    if (part == "..") {
      fail_extraction(source, fmt::format("entry '{}' points outside the archive (a '..' component)", name));
    }
    if (part == "." || part.empty()) continue;
    out /= part;
  }
  return out;
}

StagingDirectory::StagingDirectory(const fs::path& destination, const std::string& source)
    : destination_(destination), source_(source) {
  const fs::path parent = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  std::string pattern = (parent / (destination.filename().string() + ".partial-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    fail_extraction(source, fmt::format("cannot create a directory in {}: {}", parent.string(), std::strerror(errno)));
  }
  path_ = pattern;
}

StagingDirectory::~StagingDirectory() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

void StagingDirectory::move_into_place() {
  std::error_code ec;
  fs::rename(path_, destination_, ec);
  if (ec) {
    fail_extraction(source_,
                    fmt::format("cannot move the extracted files to {}: {}", destination_.string(), ec.message()));
  }
  path_.clear();
}

}  // namespace nova::results
