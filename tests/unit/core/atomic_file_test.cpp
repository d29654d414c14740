// AtomicFile: readers see the old file or the whole new one; credentials are private.
#include "core/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/test_paths.hpp"

namespace nova::core {
namespace {

using nova::testing::read_file;
using nova::testing::TempDir;

mode_t mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

std::size_t entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

TEST(AtomicFile, UncommittedLeavesTheOldContentAndNoTemporaryFile) {
  TempDir dir;
  const auto target = dir.write("out.json", "old");
  {
    AtomicFile file(target.string());
    file.write("new, but never committed");
  }
  EXPECT_EQ(read_file(target), "old");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, CommitReplacesTheFileWhole) {
  TempDir dir;
  const auto target = dir.write("out.json", "old");
  AtomicFile file(target.string());
  file.write("new");
  file.commit();
  EXPECT_EQ(read_file(target), "new");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, PrivateFilesAre0600WhateverTheUmask) {
  TempDir dir;
  const mode_t old = ::umask(0);
  AtomicFile secret((dir / "token").string(), true);
  secret.write("s3cr3t");
  secret.commit();
  AtomicFile plain((dir / "plain").string());
  plain.commit();
  ::umask(old);
  EXPECT_EQ(mode_of(dir / "token"), 0600u);
  EXPECT_EQ(mode_of(dir / "plain"), 0666u);
}

}  // namespace
}  // namespace nova::core
