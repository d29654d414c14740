#pragma once
// A fixed-credentials provider for tests (the real chain is in src/aws/core/credentials).

#include <atomic>

#include "aws/core/credentials/credentials.hpp"

namespace nova::testing {

class StaticCredentialsProvider final : public aws::CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(aws::Credentials creds) : creds_(std::move(creds)) {}
  aws::Credentials get() override {
    ++calls_;
    return creds_;
  }
  int calls() const { return calls_.load(); }

 private:
  aws::Credentials creds_;
  std::atomic<int> calls_{0};
};

}  // namespace nova::testing
