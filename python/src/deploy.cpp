// deploy(): NovaModelCustomizer::deploy and DeploymentResult. The import wait polls AWS;
// each poll returns to Python to check for Ctrl-C.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "nova/customizer.hpp"
#include "nova/deploy.hpp"
#include "nova/results.hpp"

namespace nova::python {
namespace {

DeployPlatform deploy_platform_from_name(const std::string& name) {
  for (auto p : {DeployPlatform::BEDROCK_OD, DeployPlatform::BEDROCK_PT, DeployPlatform::SAGEMAKER})
    if (to_string(p) == name) return p;
  throw ValueError("Unknown DeployPlatform '" + name + "'. Valid values: BEDROCK_OD, BEDROCK_PT, SAGEMAKER");
}

DeploymentResult deploy(NovaModelCustomizer& c, std::optional<std::string> model_artifact_path,
                        const std::string& platform, std::optional<int> pt_units,
                        std::optional<std::string> endpoint_name, std::shared_ptr<TrainingResult> job_result,
                        std::string role_name) {
  DeployOptions o;
  o.model_artifact_path = std::move(model_artifact_path);
  o.deploy_platform = deploy_platform_from_name(platform);
  o.pt_units = pt_units;
  o.endpoint_name = std::move(endpoint_name);
  o.job_result = std::move(job_result);
  o.bedrock_execution_role_name = std::move(role_name);
  o.wait.progress = [](const DeployWaitProgress&) { check_signals(); };
  py::gil_scoped_release release;
  return c.deploy(o);
}

py::dict endpoint_dict(const EndpointInfo& e) {
  py::dict d;
  d["platform"] = std::string(to_string(e.platform));
  d["endpoint_name"] = e.endpoint_name;
  d["uri"] = e.uri;
  d["model_artifact_path"] = e.model_artifact_path;
  return d;
}

}  // namespace

void bind_deploy(py::module_& m) {
  py::class_<DeploymentResult>(m, "DeploymentResult")
      .def_property_readonly("endpoint", [](const DeploymentResult& r) { return endpoint_dict(r.endpoint()); })
      .def_property_readonly("created_at_iso",
                             [](const DeploymentResult& r) { return to_python_isoformat(r.created_at()); })
      .def("status", &DeploymentResult::status, py::call_guard<py::gil_scoped_release>())
      .def("to_json", &DeploymentResult::to_json, py::arg("status") = py::none())
      .def(
          "dump",
          [](const DeploymentResult& r, const std::optional<std::string>& file_path,
             const std::optional<std::string>& file_name) { return r.dump(file_path, file_name).string(); },
          py::arg("file_path") = py::none(), py::arg("file_name") = py::none())
      .def_static("load", &DeploymentResult::load, py::arg("file_path"));
  m.def("deploy", &deploy, py::arg("customizer"), py::arg("model_artifact_path"), py::arg("deploy_platform"),
        py::arg("pt_units"), py::arg("endpoint_name"), py::arg("job_result"), py::arg("bedrock_execution_role_name"));
}

}  // namespace nova::python
