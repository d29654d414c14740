// Deployments: NovaModelCustomizer::deploy, DeploymentResult (status, wait, dump, load),
// finding, listing and deleting deployments, and invoking them. Endpoints cross the boundary
// as dicts with EndpointInfo's fields. Waits run without the GIL as EngineCalls: Ctrl-C
// interrupts them through the engine's interrupt.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>

#include "bindings.hpp"
#include "nova/customizer.hpp"
#include "nova/deploy.hpp"
#include "nova/invoke.hpp"
#include "nova/results.hpp"

namespace nova::python {
namespace {

std::chrono::milliseconds to_ms(double seconds, const char* what) {
  if (!(seconds > 0)) throw ValueError(std::string(what) + " must be > 0 seconds, got " + std::to_string(seconds));
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

DeployWaitOptions wait_options(double poll_seconds, std::optional<double> timeout_seconds) {
  DeployWaitOptions w;
  w.poll_interval = to_ms(poll_seconds, "poll_seconds");
  if (timeout_seconds) w.timeout = to_ms(*timeout_seconds, "timeout_seconds");
  return w;
}

DeploymentResult deploy(NovaModelCustomizer& c, std::optional<std::string> model_artifact_path,
                        const std::string& platform, std::optional<int> pt_units,
                        std::optional<std::string> endpoint_name, std::shared_ptr<TrainingResult> job_result,
                        std::string role_name, std::optional<std::string> instance_type,
                        std::optional<int> context_length, std::optional<int> max_concurrency,
                        bool wait_for_deployment, double poll_seconds) {
  DeployOptions o;
  o.model_artifact_path = std::move(model_artifact_path);
  o.deploy_platform = deploy_platform_from_name(platform);
  o.pt_units = pt_units;
  o.endpoint_name = std::move(endpoint_name);
  o.job_result = std::move(job_result);
  o.bedrock_execution_role_name = std::move(role_name);
  if (instance_type) o.instance_type = std::move(*instance_type);
  o.context_length = context_length;
  o.max_concurrency = max_concurrency;
  o.wait_for_deployment = wait_for_deployment;
  o.wait = wait_options(poll_seconds, std::nullopt);
  EngineCall release;
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

EndpointInfo endpoint_from(const py::dict& d) {
  const auto field = [&](const char* key) -> std::string {
    if (!d.contains(key) || d[key].is_none())
      throw ValueError(std::string("endpoint: missing '") + key +
                       "' (an EndpointInfo has platform, endpoint_name, uri, model_artifact_path)");
    return py::str(d[key]).cast<std::string>();
  };
  EndpointInfo e;
  e.platform = deploy_platform_from_name(field("platform"));
  e.endpoint_name = field("endpoint_name");
  e.uri = field("uri");
  e.model_artifact_path = d.contains("model_artifact_path") && !d["model_artifact_path"].is_none()
                              ? py::str(d["model_artifact_path"]).cast<std::string>()
                              : std::string();
  return e;
}

py::dict lineage_dict(const DeploymentLineage& l) {
  py::dict d;
  d["training_job"] = l.training_job ? py::object(py::str(*l.training_job)) : py::object(py::none());
  d["checkpoint"] = l.checkpoint;
  d["model_arn"] = l.model_arn;
  d["deployment_arn"] = l.deployment_arn;
  return d;
}

py::dict summary_dict(const DeploymentSummary& s) {
  py::dict d;
  d["endpoint"] = endpoint_dict(s.endpoint);
  d["status"] = s.status;
  d["created_at"] = s.created_at;
  d["lineage"] = lineage_dict(s.lineage);
  return d;
}

std::vector<ChatMessage> messages_from(const py::handle& messages) {
  std::vector<ChatMessage> out;
  if (py::isinstance<py::str>(messages)) {
    out.push_back({"user", messages.cast<std::string>()});
    return out;
  }
  for (const auto& m : messages) {
    if (!py::isinstance<py::dict>(m))
      throw ValueError("messages: each message is a dict {'role': 'user' | 'assistant', 'content': text}");
    const auto d = m.cast<py::dict>();
    const char* text_key = d.contains("content") ? "content" : "text";
    if (!d.contains("role") || !d.contains(text_key))
      throw ValueError("messages: each message needs 'role' and 'content' (e.g. {'role': 'user', 'content': 'Hi'})");
    out.push_back({py::str(d["role"]).cast<std::string>(), py::str(d[text_key]).cast<std::string>()});
  }
  return out;
}

InferenceConfig inference_config(std::optional<std::string> system, std::optional<int> max_tokens,
                                 std::optional<double> temperature, std::optional<double> top_p,
                                 std::optional<std::vector<std::string>> stop_sequences) {
  InferenceConfig c;
  c.system = std::move(system);
  c.max_tokens = max_tokens;
  c.temperature = temperature;
  c.top_p = top_p;
  if (stop_sequences) c.stop_sequences = std::move(*stop_sequences);
  return c;
}

py::dict invoke_dict(const InvokeResult& r) {
  py::dict d;
  d["text"] = r.text;
  d["stop_reason"] = r.stop_reason;
  d["input_tokens"] = r.usage.input_tokens;
  d["output_tokens"] = r.usage.output_tokens;
  d["total_tokens"] = r.usage.total_tokens;
  d["request_id"] = r.request_id;
  return d;
}

py::dict invoke_py(const py::dict& endpoint, const py::object& messages, std::optional<std::string> system,
                   std::optional<int> max_tokens, std::optional<double> temperature, std::optional<double> top_p,
                   std::optional<std::vector<std::string>> stop_sequences, const std::optional<py::function>& on_text) {
  const EndpointInfo e = endpoint_from(endpoint);
  const std::vector<ChatMessage> m = messages_from(messages);
  const InferenceConfig c = inference_config(std::move(system), max_tokens, temperature, top_p,
                                             std::move(stop_sequences));
  InvokeResult r;
  {
    EngineCall release;
    if (on_text) {
      r = nova::invoke_stream(e, m, [&](std::string_view text) {
        py::gil_scoped_acquire gil;
        (*on_text)(py::str(text.data(), text.size()));
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      }, c);
    } else {
      r = nova::invoke(e, m, c);
    }
  }
  return invoke_dict(r);
}

}  // namespace

void bind_deploy(py::module_& m) {
  py::class_<DeploymentResult>(m, "DeploymentResult")
      .def_property_readonly("endpoint", [](const DeploymentResult& r) { return endpoint_dict(r.endpoint()); })
      .def_property_readonly("created_at_iso",
                             [](const DeploymentResult& r) { return to_python_isoformat(r.created_at()); })
      .def_property_readonly("lineage", [](const DeploymentResult& r) { return lineage_dict(r.lineage()); })
      .def("status", &DeploymentResult::status, py::call_guard<EngineCall>())
      .def(
          "wait",
          [](const DeploymentResult& r, double poll_seconds, std::optional<double> timeout_seconds) {
            const DeployWaitOptions w = wait_options(poll_seconds, timeout_seconds);
            EngineCall release;
            return r.wait(w);
          },
          py::arg("poll_seconds") = 60.0, py::arg("timeout_seconds") = py::none())
      .def("to_json", &DeploymentResult::to_json, py::arg("status") = py::none())
      .def(
          "dump",
          [](const DeploymentResult& r, const std::optional<std::string>& file_path,
             const std::optional<std::string>& file_name) { return r.dump(file_path, file_name).string(); },
          py::arg("file_path") = py::none(), py::arg("file_name") = py::none())
      .def_static("load", &DeploymentResult::load, py::arg("file_path"))
      .def_static("from_json", &DeploymentResult::from_json, py::arg("json"));
  m.def("deploy", &deploy, py::arg("customizer"), py::arg("model_artifact_path"), py::arg("deploy_platform"),
        py::arg("pt_units"), py::arg("endpoint_name"), py::arg("job_result"), py::arg("bedrock_execution_role_name"),
        py::arg("instance_type") = py::none(), py::arg("context_length") = py::none(),
        py::arg("max_concurrency") = py::none(), py::arg("wait_for_deployment") = false,
        py::arg("poll_seconds") = 60.0);
  m.def(
      "find_deployment",
      [](const std::string& name_or_arn) {
        return endpoint_dict(without_gil([&] { return find_deployment(name_or_arn); }));
      },
      py::arg("name_or_arn"));
  m.def(
      "describe_deployment",
      [](const std::string& name_or_arn) {
        return summary_dict(without_gil([&] { return describe_deployment(name_or_arn); }));
      },
      py::arg("name_or_arn"));
  m.def("list_deployments", [] {
    py::list out;
    for (const auto& s : without_gil([] { return list_deployments(); })) out.append(summary_dict(s));
    return out;
  });
  m.def(
      "delete_deployment",
      [](const py::dict& endpoint, double poll_seconds, std::optional<double> timeout_seconds) {
        const EndpointInfo e = endpoint_from(endpoint);
        const DeployWaitOptions w = wait_options(poll_seconds, timeout_seconds);
        EngineCall release;
        delete_deployment(e, w);
      },
      py::arg("endpoint"), py::arg("poll_seconds") = 60.0, py::arg("timeout_seconds") = py::none());
  m.def("invoke", &invoke_py, py::arg("endpoint"), py::arg("messages"), py::arg("system") = py::none(),
        py::arg("max_tokens") = py::none(), py::arg("temperature") = py::none(), py::arg("top_p") = py::none(),
        py::arg("stop_sequences") = py::none(), py::arg("on_text") = py::none());
}

}  // namespace nova::python
