// Success bodies of the AWS operations the SDK reads (rest-xml S3, query IAM/STS, json
// SageMaker/Logs, rest-json Bedrock): a transport answers every request with the fuzz input,
// and the real service clients parse it. A malformed answer must become a nova::Error.
#include "aws/bedrock/bedrock_client.hpp"
#include "aws/core/credentials/credentials_util.hpp"
#include "aws/core/http/http_transport.hpp"
#include "aws/iam/iam_client.hpp"
#include "aws/logs/logs_client.hpp"
#include "aws/s3/s3_client.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/sts/sts_client.hpp"
#include "fuzz_support.hpp"

namespace {

class AnswerTransport final : public nova::aws::HttpTransport {
 public:
  AnswerTransport(int status, std::string body) : status_(status), body_(std::move(body)) {}
  nova::aws::TransportResult send(const nova::aws::HttpRequest&, const nova::aws::BodySink* sink) override {
    nova::aws::HttpResponse response;
    response.status = status_;
    response.headers.emplace_back("content-length", std::to_string(body_.size()));
    if (sink && status_ < 300) (*sink)(body_);
    else response.body = body_;
    return {response, std::nullopt};
  }

 private:
  int status_;
  std::string body_;
};

nova::aws::ClientConfig config_for(int status, const std::string& body) {
  nova::aws::ClientConfig config;
  config.endpoint = "http://127.0.0.1:1";
  config.region = "us-east-1";
  config.credentials = std::make_shared<nova::aws::StaticCredentialsProvider>(nova::aws::Credentials{"AKID", "secret", "", {}, "", "fuzz"});
  config.transport = std::make_shared<AnswerTransport>(status, body);
  config.retry.max_attempts = 1;
  config.jitter = [] { return 0.0; };
  return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using nova::fuzz::refusing;
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& body = input.rest;
  const int status = (selector & 0x80) ? 400 : 200;
  const auto config = config_for(status, body);
  switch (selector % 12) {
    case 0: refusing([&] { nova::aws::S3Client(config).list_objects_v2({.bucket = "b"}); }); break;
    case 1: refusing([&] { nova::aws::S3Client(config).list_multipart_uploads("b"); }); break;
    case 2: refusing([&] { nova::aws::S3Client(config).create_multipart_upload("b", "k", {}); }); break;
    case 3: refusing([&] { nova::aws::S3Client(config).delete_objects("b", {"k1", "k2"}); }); break;
    case 4: refusing([&] { nova::aws::IamClient(config).get_role("r"); }); break;
    case 5: refusing([&] { nova::aws::IamClient(config).list_attached_role_policies("r"); }); break;
    case 6: refusing([&] { nova::aws::StsClient(config).get_caller_identity(); }); break;
    case 7: refusing([&] { nova::aws::SageMakerClient(config).describe_training_job("j"); }); break;
    case 8: refusing([&] { nova::aws::SageMakerClient(config).describe_cluster("c"); }); break;
    case 9: refusing([&] { nova::aws::LogsClient(config).describe_log_streams({.log_group_name = "g"}); }); break;
    case 10: refusing([&] { nova::aws::BedrockClient(config).get_custom_model("m"); }); break;
    default: refusing([&] { nova::aws::SageMakerClient(config).list_training_jobs({}); }); break;
  }
  return 0;
}
