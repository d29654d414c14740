#include "aws/core/clock.hpp"

#include <thread>

namespace nova::aws {
namespace {
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(std::chrono::milliseconds d) const override { std::this_thread::sleep_for(d); }
};
}  // namespace

std::shared_ptr<const Clock> system_clock() {
  static const auto clock = std::make_shared<const SystemClock>();
  return clock;
}

}  // namespace nova::aws
