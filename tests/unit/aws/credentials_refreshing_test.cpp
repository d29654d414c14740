#include "aws/core/credentials/refreshing_provider.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>
#include <vector>

#include "nova/error.hpp"
#include "unit/aws/credentials_test_support.hpp"

namespace nova::aws {
namespace {

using namespace std::chrono_literals;
using test::ManualClock;

// Hands out numbered credentials expiring `lifetime` after the clock's now; can be told to
// fail, or to hold the next call until released (a refresh in progress). Only that one call
// is held, so a wrapper that lets a second caller through fails the test instead of hanging.
class CountingProvider final : public CredentialsProvider {
 public:
  CountingProvider(std::shared_ptr<ManualClock> clock, std::chrono::minutes lifetime)
      : clock_(std::move(clock)), lifetime_(lifetime) {}
  Credentials get() override {
    const int n = ++calls_;
    {
      std::unique_lock lock(mutex_);
      ++entered_;
      entered_cv_.notify_all();
      if (blocking_ && !holding_) {
        holding_ = true;
        release_cv_.wait(lock, [&] { return !blocking_; });
      }
    }
    if (fail_) throw ConfigError("source down");
    Credentials c;
    c.access_key_id = "KEY" + std::to_string(n);
    c.secret_access_key = "s";
    c.source = "test";
    if (lifetime_.count() > 0) c.expiration = clock_->now() + lifetime_;
    return c;
  }
  int calls() const { return calls_; }
  void set_fail(bool f) { fail_ = f; }
  void block() {
    std::lock_guard lock(mutex_);
    blocking_ = true;
    holding_ = false;
  }
  void release() {
    std::lock_guard lock(mutex_);
    blocking_ = false;
    release_cv_.notify_all();
  }
  void wait_entered(int n) {
    std::unique_lock lock(mutex_);
    entered_cv_.wait(lock, [&] { return entered_ >= n; });
  }

 private:
  std::shared_ptr<ManualClock> clock_;
  std::chrono::minutes lifetime_;
  std::atomic<int> calls_{0};
  std::atomic<bool> fail_{false};
  std::mutex mutex_;
  std::condition_variable entered_cv_, release_cv_;
  int entered_{0};
  bool blocking_{false};
  bool holding_{false};
};

TEST(CredentialsRefreshing, NonExpiringFetchedOnce) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 0min);
  RefreshingCredentialsProvider p(inner, clock);
  EXPECT_EQ(p.get().access_key_id, "KEY1");
  clock->advance(24h * 365);
  EXPECT_EQ(p.get().access_key_id, "KEY1");
  EXPECT_EQ(inner->calls(), 1);
}

TEST(CredentialsRefreshing, RefreshesAtTheAdvisoryWindow) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 60min);
  RefreshingCredentialsProvider p(inner, clock);
  EXPECT_EQ(p.get().access_key_id, "KEY1");
  clock->advance(44min);  // 16 min left: still fresh
  EXPECT_EQ(p.get().access_key_id, "KEY1");
  clock->advance(2min);  // 14 min left: advisory refresh
  EXPECT_EQ(p.get().access_key_id, "KEY2");
  EXPECT_EQ(inner->calls(), 2);
}

TEST(CredentialsRefreshing, FailedAdvisoryRefreshKeepsValidCredentials) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 60min);
  RefreshingCredentialsProvider p(inner, clock);
  p.get();
  inner->set_fail(true);
  clock->advance(48min);  // 12 min left: advisory, not mandatory
  EXPECT_EQ(p.get().access_key_id, "KEY1");
  clock->advance(3min);  // 9 min left: mandatory, and the source is down
  EXPECT_THROW(p.get(), ConfigError);
  inner->set_fail(false);
  EXPECT_EQ(p.get().access_key_id, "KEY4");
}

TEST(CredentialsRefreshing, AlreadyExpiredCredentialsAreAnError) {
  auto clock = std::make_shared<ManualClock>();
  class Expired final : public CredentialsProvider {
   public:
    explicit Expired(std::shared_ptr<ManualClock> c) : clock_(std::move(c)) {}
    Credentials get() override {
      Credentials c;
      c.access_key_id = "OLD";
      c.source = "old";
      c.expiration = clock_->now() - 1s;
      return c;
    }
    std::shared_ptr<ManualClock> clock_;
  };
  RefreshingCredentialsProvider p(std::make_shared<Expired>(clock), clock);
  EXPECT_THROW(p.get(), ConfigError);
}

// Many threads need credentials at once while nothing usable is cached: exactly one fetch.
TEST(CredentialsRefreshing, MandatoryRefreshDoesNotStampede) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 60min);
  auto p = std::make_shared<RefreshingCredentialsProvider>(inner, clock);
  inner->block();
  std::vector<std::thread> threads;
  std::atomic<int> got_key1{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      if (p->get().access_key_id == "KEY1") ++got_key1;
    });
  }
  inner->wait_entered(1);
  std::this_thread::sleep_for(50ms);  // let the other threads reach the wait
  inner->release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(inner->calls(), 1);
  EXPECT_EQ(got_key1.load(), 16);
}

// In the advisory window one thread refreshes; the rest keep using the valid credentials
// instead of waiting.
TEST(CredentialsRefreshing, AdvisoryRefreshLetsOthersUseCachedCredentials) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 60min);
  auto p = std::make_shared<RefreshingCredentialsProvider>(inner, clock);
  p->get();
  clock->advance(47min);  // 13 min left
  inner->block();
  std::thread refresher([&] { EXPECT_EQ(p->get().access_key_id, "KEY2"); });
  inner->wait_entered(2);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(p->get().access_key_id, "KEY1");  // would deadlock if they waited
  inner->release();
  refresher.join();
  EXPECT_EQ(inner->calls(), 2);
  EXPECT_EQ(p->get().access_key_id, "KEY2");
}

// Waiters on a failed mandatory refresh get its error instead of each retrying the source.
TEST(CredentialsRefreshing, WaitersShareTheRefreshError) {
  auto clock = std::make_shared<ManualClock>();
  auto inner = std::make_shared<CountingProvider>(clock, 60min);
  auto p = std::make_shared<RefreshingCredentialsProvider>(inner, clock);
  inner->set_fail(true);
  inner->block();
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      try {
        p->get();
      } catch (const ConfigError&) {
        ++errors;
      }
    });
  }
  inner->wait_entered(1);
  std::this_thread::sleep_for(50ms);
  inner->release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 8);
  EXPECT_EQ(inner->calls(), 1);
}

}  // namespace
}  // namespace nova::aws
