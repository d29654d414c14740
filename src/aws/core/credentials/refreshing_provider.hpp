#pragma once
// Caches another provider's credentials and refreshes them before they expire.
//
// Windows (botocore's): inside the advisory window (default 15 min before expiry) one caller
// refreshes while the others keep using the still-valid credentials, and a failed advisory
// refresh is ignored; inside the mandatory window (default 10 min) every caller needs new
// credentials, but still only one refreshes and the others wait for its result (or its error).
// Credentials without an expiration are fetched once.
//
// @par Thread Safety  get() may be called from any number of threads.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/credentials.hpp"

namespace nova::aws {

struct RefreshWindows {
  std::chrono::seconds advisory{15 * 60};
  std::chrono::seconds mandatory{10 * 60};
};

class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  RefreshingCredentialsProvider(std::shared_ptr<CredentialsProvider> inner,
                                std::shared_ptr<const Clock> clock = system_clock(), RefreshWindows windows = {});
  // Throws whatever the inner provider throws when no usable credentials are cached, and
  // nova::ConfigError when freshly fetched credentials have already expired.
  Credentials get() override;

 private:
  bool fresh(std::chrono::system_clock::time_point now) const;   // outside the advisory window
  bool usable(std::chrono::system_clock::time_point now) const;  // outside the mandatory window

  std::shared_ptr<CredentialsProvider> inner_;
  std::shared_ptr<const Clock> clock_;
  RefreshWindows windows_;
  std::mutex mutex_;
  std::condition_variable refreshed_;
  std::optional<Credentials> cached_;
  bool refreshing_{false};
  std::uint64_t generation_{0};   // completed refreshes
  std::exception_ptr last_error_;  // error of the last completed refresh, if it failed
};

}  // namespace nova::aws
