#include "aws/core/clock.hpp"

#include "nova/interrupt.hpp"

namespace nova::aws {
namespace {
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  // Backoffs and polls are where a command waits longest: Ctrl-C must end them.
  void sleep_for(std::chrono::milliseconds d) const override { sleep_interruptibly(d); }
};
}  // namespace

std::shared_ptr<const Clock> system_clock() {
  static const auto clock = std::make_shared<const SystemClock>();
  return clock;
}

}  // namespace nova::aws
