// SigV4 signatures per second for a typical request: an S3 PutObject with a precomputed
// payload hash and a session token, and an STS query-protocol POST (body hashed).
#include <benchmark/benchmark.h>

#include "aws/core/sigv4/signer.hpp"

namespace {

using namespace nova::aws;

Credentials creds() {
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.session_token = std::string(400, 'T');
  return c;
}

void BM_SignS3PutObject(benchmark::State& state) {
  const Credentials c = creds();
  SigningParams p{"us-east-1", "s3", std::chrono::system_clock::now(), true, false, false, true};
  HttpRequest base;
  base.method = "PUT";
  base.scheme = "https";
  base.host = "s3.us-east-1.amazonaws.com";
  base.path = "/my-bucket/datasets/train/part-00001.jsonl";
  base.query = "partNumber=3&uploadId=VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA";
  base.headers = {{"Content-Type", "application/json"}, {"Content-Length", "8388608"}};
  base.body.sha256_hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  for (auto _ : state) {
    HttpRequest r = base;
    benchmark::DoNotOptimize(sign_request(r, c, p));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignS3PutObject);

void BM_SignStsQuery(benchmark::State& state) {
  const Credentials c = creds();
  SigningParams p{"us-east-1", "sts", std::chrono::system_clock::now(), false, true, true, false};
  HttpRequest base;
  base.method = "POST";
  base.scheme = "https";
  base.host = "sts.us-east-1.amazonaws.com";
  base.path = "/";
  base.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  base.body.data = "Action=GetCallerIdentity&Version=2011-06-15";
  for (auto _ : state) {
    HttpRequest r = base;
    benchmark::DoNotOptimize(sign_request(r, c, p));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignStsQuery);

}  // namespace

BENCHMARK_MAIN();
