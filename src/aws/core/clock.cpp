#include "aws/core/clock.hpp"

#include <ctime>
#include <string>
#include <thread>
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

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  std::tm tm{};
  const std::string s(text);
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace nova::aws
