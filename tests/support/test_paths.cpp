#include "support/test_paths.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <stdlib.h>

namespace nova::testing {

std::filesystem::path fixture(const std::string& relative) { return std::filesystem::path(NOVA_FIXTURES_DIR) / relative; }

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "nova-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  const auto p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace nova::testing
