// Runtime managers. execute() takes the Python JobConfig dataclass (any object with its
// fields) and runs with the GIL released.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "nova/runtime.hpp"

namespace nova::python {
namespace {

std::optional<std::string> optional_attr(const py::handle& o, const char* name) {
  if (!py::hasattr(o, name)) return std::nullopt;
  py::object v = o.attr(name);
  if (v.is_none()) return std::nullopt;
  return py::str(v).cast<std::string>();
}

JobConfig to_job_config(const py::handle& o) {
  JobConfig c;
  c.job_name = py::str(o.attr("job_name")).cast<std::string>();
  c.image_uri = py::str(o.attr("image_uri")).cast<std::string>();
  c.recipe_path = py::str(o.attr("recipe_path")).cast<std::string>();
  c.output_s3_path = optional_attr(o, "output_s3_path");
  c.data_s3_path = optional_attr(o, "data_s3_path");
  c.input_s3_data_type = optional_attr(o, "input_s3_data_type");
  c.mlflow_tracking_uri = optional_attr(o, "mlflow_tracking_uri");
  c.mlflow_experiment_name = optional_attr(o, "mlflow_experiment_name");
  c.mlflow_run_name = optional_attr(o, "mlflow_run_name");
  c.model_name_or_path = optional_attr(o, "model_name_or_path");
  return c;
}

std::string execute(RuntimeManager& manager, const py::object& job_config) {
  JobConfig config = to_job_config(job_config);
  py::gil_scoped_release release;
  return manager.execute(config);
}

}  // namespace

void bind_runtime(py::module_& m) {
  py::class_<RuntimeManager, std::shared_ptr<RuntimeManager>>(m, "RuntimeManager")
      .def_property_readonly("instance_type", &RuntimeManager::instance_type)
      .def_property("instance_count", &RuntimeManager::instance_count, &RuntimeManager::set_instance_count)
      .def_property_readonly("kms_key_id", &RuntimeManager::kms_key_id)
      .def_property_readonly("platform",
                             [](const RuntimeManager& r) { return std::string(to_string(r.platform())); })
      .def("execute", &execute, py::arg("job_config"))
      .def("cleanup", &RuntimeManager::cleanup, py::arg("job_name"), py::call_guard<py::gil_scoped_release>());

  py::class_<SMTJRuntimeManager, RuntimeManager, std::shared_ptr<SMTJRuntimeManager>>(m, "SMTJRuntimeManager")
      .def(py::init([](std::string instance_type, int instance_count, std::optional<std::string> execution_role,
                       std::optional<std::string> kms_key_id, bool encrypt,
                       std::optional<std::vector<std::string>> subnets,
                       std::optional<std::vector<std::string>> security_group_ids) {
             return std::make_shared<SMTJRuntimeManager>(std::move(instance_type), instance_count,
                                                         std::move(execution_role), std::move(kms_key_id), encrypt,
                                                         std::move(subnets), std::move(security_group_ids));
           }),
           py::arg("instance_type"), py::arg("instance_count"), py::arg("execution_role") = py::none(),
           py::arg("kms_key_id") = py::none(), py::arg("encrypt_inter_container_traffic") = false,
           py::arg("subnets") = py::none(), py::arg("security_group_ids") = py::none())
      .def_property_readonly("execution_role", &SMTJRuntimeManager::execution_role)
      .def_property_readonly("encrypt_inter_container_traffic",
                             &SMTJRuntimeManager::encrypt_inter_container_traffic)
      .def_property_readonly("subnets", &SMTJRuntimeManager::subnets)
      .def_property_readonly("security_group_ids", &SMTJRuntimeManager::security_group_ids);

  py::class_<SMHPRuntimeManager, RuntimeManager, std::shared_ptr<SMHPRuntimeManager>>(m, "SMHPRuntimeManager")
      .def(py::init<std::string, int, std::string, std::string, std::optional<std::string>>(),
           py::arg("instance_type"), py::arg("instance_count"), py::arg("cluster_name"), py::arg("namespace"),
           py::arg("kms_key_id") = py::none())
      .def_property_readonly("cluster_name", &SMHPRuntimeManager::cluster_name)
      .def_property_readonly("namespace", &SMHPRuntimeManager::namespace_name);

  m.def("unique_job_name", &unique_job_name, py::arg("job_name"));
}

}  // namespace nova::python
