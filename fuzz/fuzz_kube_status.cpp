// Kubernetes answers: error Status bodies (any status code, any body) and PyTorchJob objects
// whose conditions give the job status.
#include <nlohmann/json.hpp>

#include "aws/kubernetes/kube_status.hpp"
#include "fuzz_support.hpp"
#include "results/smhp_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = nova::fuzz::split_selector(data, size);
  const std::uint8_t selector = input.selector;
  const std::string& body = input.rest;
  static const int statuses[] = {400, 401, 403, 404, 409, 422, 429, 500};
  nova::aws::HttpResponse response;
  response.status = statuses[selector % 8];
  response.body = body;
  static const char* paths[] = {"/apis/kubeflow.org/v1/namespaces/kubeflow/pytorchjobs/x",
                                "/api/v1/namespaces/default/configmaps", "/api/v1/namespaces/ns/pods/p/log", "/"};
  (void)nova::aws::kubernetes::kube_error("get", paths[(selector >> 3) % 4], response, "cluster").what();
  const auto job = nlohmann::json::parse(body, nullptr, false);
  if (!job.is_discarded()) nova::fuzz::refusing([&] { (void)nova::results::hyperpod_job_status(job); });
  return 0;
}
