#pragma once
// Helpers shared by the credentials tests: a settable clock and a recording STS assumer
// (a test double of our own StsRoleAssumer interface, not of AWS).

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "aws/core/clock.hpp"
#include "aws/core/credentials/sts_assumer.hpp"
#include "support/test_clock.hpp"

namespace nova::aws::test {

using ManualClock = nova::testing::ManualClock;

// Records each call and answers with credentials derived from the request.
class RecordingAssumer final : public StsRoleAssumer {
 public:
  explicit RecordingAssumer(std::shared_ptr<const Clock> clock) : clock_(std::move(clock)) {}
  struct Call {
    std::string kind;  // "assume_role" or "web_identity"
    std::string role_arn;
    std::string source_access_key;  // assume_role only
    std::string token;              // web identity only
    std::string session_name;
    std::string external_id;
  };
  Credentials assume_role(const Credentials& source, const AssumeRoleParams& params) override {
    std::lock_guard lock(mutex_);
    calls_.push_back({"assume_role", params.role_arn, source.access_key_id, "", params.role_session_name,
                      params.external_id});
    return issue("ASIA-" + params.role_arn);
  }
  Credentials assume_role_with_web_identity(const WebIdentityParams& params) override {
    std::lock_guard lock(mutex_);
    calls_.push_back({"web_identity", params.role_arn, "", params.web_identity_token, params.role_session_name, ""});
    return issue("ASIA-WEB-" + std::to_string(calls_.size()));
  }
  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  Credentials issue(std::string key) const {
    Credentials c;
    c.access_key_id = std::move(key);
    c.secret_access_key = "assumed-secret";
    c.session_token = "assumed-token";
    c.expiration = clock_->now() + std::chrono::hours(1);
    return c;
  }
  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
};

}  // namespace nova::aws::test
