#include "aws/core/credentials/refreshing_provider.hpp"

#include "nova/error.hpp"

namespace nova::aws {

RefreshingCredentialsProvider::RefreshingCredentialsProvider(std::shared_ptr<CredentialsProvider> inner,
                                                             std::shared_ptr<const Clock> clock, RefreshWindows windows)
    : inner_(std::move(inner)), clock_(std::move(clock)), windows_(windows) {}

bool RefreshingCredentialsProvider::fresh(std::chrono::system_clock::time_point now) const {
  return cached_ && (!cached_->expiration || now < *cached_->expiration - windows_.advisory);
}

bool RefreshingCredentialsProvider::usable(std::chrono::system_clock::time_point now) const {
  return cached_ && (!cached_->expiration || now < *cached_->expiration - windows_.mandatory);
}

Credentials RefreshingCredentialsProvider::get() {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = clock_->now();
    if (fresh(now)) return *cached_;
    if (refreshing_) {
      // Someone else is refreshing: use what we have while it is still valid, else wait.
      if (usable(now)) return *cached_;
      const auto waited_for = generation_;
      refreshed_.wait(lock, [&] { return generation_ != waited_for; });
      const auto after = clock_->now();
      if (usable(after)) return *cached_;
      if (last_error_) std::rethrow_exception(last_error_);
      // The refresh we waited for succeeded: take its result even inside the mandatory window.
      if (cached_ && (!cached_->expiration || after < *cached_->expiration)) return *cached_;
      continue;
    }

    refreshing_ = true;
    lock.unlock();
    std::optional<Credentials> fetched;
    std::exception_ptr error;
    try {
      fetched = inner_->get();
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    refreshing_ = false;
    ++generation_;
    last_error_ = error;
    const auto after = clock_->now();
    if (fetched) {
      if (fetched->expiration && after >= *fetched->expiration) {
        last_error_ = std::make_exception_ptr(
            ConfigError("credentials from " + fetched->source + " were refreshed but had already expired"));
      } else {
        cached_ = std::move(fetched);
      }
    }
    refreshed_.notify_all();
    if (last_error_) {
      // An advisory refresh that failed leaves the still-valid credentials in use.
      if (usable(after)) return *cached_;
      std::rethrow_exception(last_error_);
    }
    // Freshly fetched credentials are returned even inside the mandatory window: they are the
    // newest the source has, and they are not expired.
    return *cached_;
  }
}

}  // namespace nova::aws
