// Clock-skew correction against a real moto_server: the fault decorator answers the first
// request the way AWS answers a request signed with a clock that is off (its Date header
// carries the service's time); the retry must be signed with the service's time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>

#include "aws/core/http/curl_transport.hpp"
#include "aws/core/http/fault_injecting_transport.hpp"
#include "aws/sts/sts_client.hpp"
#include "nova/error.hpp"
#include "support/moto_server.hpp"
#include "support/static_credentials.hpp"

namespace nova::aws {
namespace {

using std::chrono::minutes;
using std::chrono::system_clock;

std::string http_date(system_clock::time_point t) {
  const std::time_t tt = system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// X-Amz-Date (yyyymmddThhmmssZ) as a time point.
system_clock::time_point amz_date(const HttpRequest& r) {
  const std::string* v = find_header(r.headers, "X-Amz-Date");
  std::tm tm{};
  EXPECT_NE(v, nullptr);
  if (v == nullptr) return {};
  strptime(v->c_str(), "%Y%m%dT%H%M%SZ", &tm);
  return system_clock::from_time_t(timegm(&tm));
}

Fault skew_error(const std::string& code, system_clock::time_point server_time) {
  Fault f = Fault::query_error(403, code, "Signature expired: 20260101T000000Z is now earlier than ...");
  f.headers.emplace_back("Date", http_date(server_time));
  return f;
}

class ClockSkew : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { moto_ = new testing::MotoServer(); }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  ClientConfig config() {
    ClientConfig c;
    c.endpoint = moto_->endpoint();
    c.region = "us-east-1";
    c.transport = faults_;
    c.credentials = std::make_shared<testing::StaticCredentialsProvider>(Credentials{"AKIDTEST", "secret", "", std::nullopt, "", "test"});
    c.clock_offset = offset_;
    c.jitter = [] { return 0.0; };
    return c;
  }
  inline static testing::MotoServer* moto_ = nullptr;
  std::shared_ptr<FaultInjectingTransport> faults_ =
      std::make_shared<FaultInjectingTransport>(std::make_shared<CurlTransport>());
  std::shared_ptr<ClockOffset> offset_ = std::make_shared<ClockOffset>();
};

TEST_F(ClockSkew, TheServersDateCorrectsTheSigningTimeOnceAndEveryClientOfTheSessionKeepsIt) {
  const auto server_time = system_clock::now() + minutes(20);
  faults_->push(skew_error("SignatureDoesNotMatch", server_time));
  StsClient sts(config());
  EXPECT_EQ(sts.get_caller_identity().account, "123456789012");
  auto sent = faults_->requests();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_LT(amz_date(sent[0]), system_clock::now() + minutes(1));
  EXPECT_GT(amz_date(sent[1]), server_time - minutes(1));
  EXPECT_GT(offset_->get(), minutes(19));

  // Another client sharing the offset signs with the corrected time from its first request.
  faults_->clear();
  StsClient other(config());
  other.get_caller_identity();
  sent = faults_->requests();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_GT(amz_date(sent[0]), server_time - minutes(1));
}

TEST_F(ClockSkew, RequestTimeTooSkewedIsCorrectedEvenWithoutRetries) {
  faults_->push(skew_error("RequestTimeTooSkewed", system_clock::now() - minutes(30)));
  ClientConfig c = config();
  c.retry.max_attempts = 1;
  StsClient sts(std::move(c));
  EXPECT_NO_THROW(sts.get_caller_identity());
  EXPECT_EQ(faults_->calls(), 2);
  EXPECT_LT(offset_->get(), -minutes(29));
}

TEST_F(ClockSkew, ASignatureErrorWithoutSkewIsNotRetried) {
  faults_->push(skew_error("SignatureDoesNotMatch", system_clock::now()));
  StsClient sts(config());
  try {
    sts.get_caller_identity();
    FAIL() << "expected SignatureDoesNotMatch";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.code(), "SignatureDoesNotMatch");
  }
  EXPECT_EQ(faults_->calls(), 1);
  EXPECT_EQ(offset_->get(), std::chrono::milliseconds(0));
}

TEST_F(ClockSkew, AServerThatStaysSkewedIsCorrectedOnlyOncePerCall) {
  const auto server_time = system_clock::now() + minutes(20);
  faults_->push(skew_error("RequestTimeTooSkewed", server_time));
  faults_->push(skew_error("RequestTimeTooSkewed", server_time + minutes(20)));
  StsClient sts(config());
  EXPECT_THROW(sts.get_caller_identity(), ServiceError);
  EXPECT_EQ(faults_->calls(), 2);
}

}  // namespace
}  // namespace nova::aws
