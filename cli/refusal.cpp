#include "refusal.hpp"

#include <iostream>

#include "cli_support.hpp"
#include "nova/error.hpp"

namespace nova::cli {

void exit_1_when_refused(const std::function<void()>& body) {
  try {
    body();
  } catch (const ValueError& e) {
    std::cerr << "nova: " << e.what() << '\n';
    throw Exit{kExitFailed};
  }
}

}  // namespace nova::cli
