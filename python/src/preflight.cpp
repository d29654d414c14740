// run_preflight: the checks `nova doctor` and train()/evaluate()/deploy() make before
// spending money, for Python (a dict per check; the Python layer makes dataclasses of them).
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "nova/preflight.hpp"

namespace nova::python {
namespace {

using OptStr = std::optional<std::string>;

py::dict run(const std::string& platform, const OptStr& model, const OptStr& method, OptStr instance_type,
             std::optional<int> instance_count, OptStr data_s3_path, OptStr output_s3_path, OptStr execution_role_arn,
             OptStr kms_key_id, OptStr cluster_name, const std::string& namespace_name, const OptStr& deploy_platform,
             OptStr endpoint_name, OptStr job_name, bool use_cache) {
  PreflightRequest r;
  r.platform = platform_from_name(platform);
  if (model) r.model = model_from_name(*model);
  if (method) r.method = method_from_name(*method);
  if (deploy_platform) r.deploy_platform = deploy_platform_from_name(*deploy_platform);
  r.instance_type = std::move(instance_type);
  r.instance_count = instance_count;
  r.data_s3_path = std::move(data_s3_path);
  r.output_s3_path = std::move(output_s3_path);
  r.execution_role_arn = std::move(execution_role_arn);
  r.kms_key_id = std::move(kms_key_id);
  r.cluster_name = std::move(cluster_name);
  r.namespace_name = namespace_name;
  r.endpoint_name = std::move(endpoint_name);
  r.job_name = std::move(job_name);
  const PreflightReport report = without_gil([&] { return run_preflight(r, use_cache); });
  py::list checks;
  for (const auto& c : report.checks) {
    py::dict d;
    d["name"] = c.name;
    d["status"] = std::string(to_string(c.status));
    d["detail"] = c.detail;
    d["fix"] = c.fix;
    checks.append(d);
  }
  py::dict out;
  out["ok"] = report.ok;
  out["cached"] = report.cached;
  out["checks"] = checks;
  return out;
}

}  // namespace

void bind_preflight(py::module_& m) {
  m.def("run_preflight", &run, py::arg("platform"), py::arg("model") = py::none(), py::arg("method") = py::none(),
        py::arg("instance_type") = py::none(), py::arg("instance_count") = py::none(),
        py::arg("data_s3_path") = py::none(), py::arg("output_s3_path") = py::none(),
        py::arg("execution_role_arn") = py::none(), py::arg("kms_key_id") = py::none(),
        py::arg("cluster_name") = py::none(), py::arg("namespace") = "kubeflow",
        py::arg("deploy_platform") = py::none(), py::arg("endpoint_name") = py::none(),
        py::arg("job_name") = py::none(), py::arg("use_cache") = true,
        "The pre-flight checks of one planned run: {'ok', 'cached', 'checks': [{'name', 'status', 'detail', 'fix'}]}.");
}

}  // namespace nova::python
