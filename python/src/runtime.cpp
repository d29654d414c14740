// Runtime managers. execute() takes the Python JobConfig dataclass (any object with its
// fields) and runs with the GIL released.
#include <pybind11/functional.h>
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
  EngineCall release;
  return manager.execute(config);
}

py::dict smtj_plan(const SMTJRuntimeManager& manager, const py::object& job_config) {
  const JobConfig config = to_job_config(job_config);
  const SMTJJobPlan plan = without_gil([&] { return manager.plan(config); });
  py::dict d;
  d["job_name"] = plan.job_name;
  d["role_arn"] = plan.role_arn;
  d["creates_default_role"] = plan.creates_default_role;
  d["recipe_s3_uri"] = plan.recipe_s3_uri;
  d["request_json"] = plan.request_json;
  return d;
}

py::dict smhp_plan(const SMHPRuntimeManager& manager, const py::object& job_config) {
  const JobConfig config = to_job_config(job_config);
  const SMHPJobPlan plan = without_gil([&] { return manager.plan(config); });
  py::dict d;
  d["job_name"] = plan.job_name;
  d["namespace"] = plan.namespace_name;
  d["template_origin"] = plan.template_origin;
  d["objects"] = plan.objects;
  d["objects_yaml"] = plan.objects_yaml;
  return d;
}

py::list check_infrastructure(const SMHPRuntimeManager& manager, bool check_instances) {
  const auto checks = without_gil([&] { return manager.check_infrastructure(check_instances); });
  py::list out;
  for (const auto& c : checks) {
    py::dict d;
    d["name"] = c.name;
    d["ready"] = c.ready;
    d["detail"] = c.detail;
    out.append(d);
  }
  return out;
}

// With on_chunk: each piece of log text goes to it (a false return stops a follow); without:
// the whole text is returned. Ctrl-C stops a follow at the next chunk.
py::object pod_logs(const SMHPRuntimeManager& manager, const std::string& job_name, bool follow,
                    const std::optional<py::function>& on_chunk) {
  std::string collected;
  {
    EngineCall release;
    manager.pod_logs(
        job_name,
        [&](std::string_view chunk) {
          if (!on_chunk) {
            collected.append(chunk);
            return true;
          }
          py::gil_scoped_acquire gil;
          py::object more = (*on_chunk)(py::str(chunk.data(), chunk.size()));
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
          return more.is_none() || more.cast<bool>();
        },
        follow);
  }
  if (on_chunk) return py::none();
  return py::str(collected);
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
      .def("cleanup", &RuntimeManager::cleanup, py::arg("job_name"), py::call_guard<EngineCall>());

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
      .def_property_readonly("security_group_ids", &SMTJRuntimeManager::security_group_ids)
      .def("plan", &smtj_plan, py::arg("job_config"));

  py::class_<SMHPRuntimeManager, RuntimeManager, std::shared_ptr<SMHPRuntimeManager>>(m, "SMHPRuntimeManager")
      .def(py::init<std::string, int, std::string, std::string, std::optional<std::string>>(),
           py::arg("instance_type"), py::arg("instance_count"), py::arg("cluster_name"), py::arg("namespace"),
           py::arg("kms_key_id") = py::none())
      .def_property_readonly("cluster_name", &SMHPRuntimeManager::cluster_name)
      .def_property_readonly("namespace", &SMHPRuntimeManager::namespace_name)
      .def("plan", &smhp_plan, py::arg("job_config"))
      .def("check_infrastructure", &check_infrastructure, py::arg("check_instances") = true)
      .def("pod_logs", &pod_logs, py::arg("job_name"), py::arg("follow") = false, py::arg("on_chunk") = py::none());

  m.def("unique_job_name", &unique_job_name, py::arg("job_name"));
}

}  // namespace nova::python
