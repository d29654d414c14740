#include "terminal.hpp"

#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace nova::cli {
namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

}  // namespace

bool live_terminal(int fd) {
  if (::isatty(fd) == 0 || env_set("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

}  // namespace nova::cli
