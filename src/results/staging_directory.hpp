#pragma once
// A fresh directory beside a destination, filled and then renamed into place, so readers see
// either nothing or the whole content. Removed (with what it holds) unless released.

#include <filesystem>
#include <string>

namespace nova::results {

class StagingDirectory {
 public:
  // @throws DataPrepError naming `source` (the URI being fetched) when it cannot be created
  StagingDirectory(const std::filesystem::path& destination, const std::string& source);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Renames the staged directory to `destination`; it is no longer removed.
  // @throws DataPrepError naming `source`
  void move_into_place();

 private:
  std::filesystem::path destination_;
  std::string source_;
  std::filesystem::path path_;
};

// An entry's path relative to the extraction root; empty for the root itself ("./").
// Absolute paths and `..` components could write outside the root: they are refused with
// DataPrepError naming `source`.
std::filesystem::path safe_relative_path(const std::string& name, const std::string& source);

// Fails with DataPrepError "Cannot extract the output archive <source>: <problem>".
[[noreturn]] void fail_extraction(const std::string& source, const std::string& problem);

}  // namespace nova::results
