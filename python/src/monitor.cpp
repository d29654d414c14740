// MLflowMonitor and CloudWatchLogMonitor. Log reads release the GIL; follow() returns to
// Python between polls so Ctrl-C stops it.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.hpp"
#include "nova/job_logs.hpp"
#include "nova/logs.hpp"
#include "nova/monitor.hpp"

namespace nova::python {
namespace {

py::dict event_dict(const JobLogEvent& e) {
  py::dict d;
  d["timestamp"] = e.timestamp_ms;
  d["message"] = e.message;
  d["ingestionTime"] = e.ingestion_time_ms;
  d["logStreamName"] = e.log_stream;
  return d;
}

std::optional<std::int64_t> optional_time(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_log_time(*text);
}

py::list get_logs(CloudWatchLogMonitor& monitor, std::optional<std::size_t> limit, bool start_from_head,
                  const std::optional<std::string>& end_time, const std::optional<std::string>& start_time) {
  std::vector<JobLogEvent> events;
  {
    EngineCall release;
    events = monitor.get_logs(limit, start_from_head, optional_time(end_time), optional_time(start_time));
  }
  py::list out;
  for (const auto& e : events) out.append(event_dict(e));
  return out;
}

std::string show_logs_text(CloudWatchLogMonitor& monitor, std::optional<std::size_t> limit, bool start_from_head,
                           const std::optional<std::string>& end_time, const std::optional<std::string>& start_time) {
  std::ostringstream out;
  EngineCall release;
  monitor.show_logs(out, limit, start_from_head, optional_time(end_time), optional_time(start_time));
  return out.str();
}

// Streams events to `on_event` until `stop()` is true; Ctrl-C ends the engine's sleep
// between polls (an EngineCall) with KeyboardInterrupt.
void follow(CloudWatchLogMonitor& monitor, const py::function& on_event, const py::function& stop,
            double poll_seconds) {
  LogFollowOptions options;
  options.poll_interval = std::chrono::milliseconds(static_cast<std::int64_t>(poll_seconds * 1000));
  EngineCall release;
  monitor.follow(
      [&](const JobLogEvent& e) {
        py::gil_scoped_acquire gil;
        on_event(event_dict(e));
      },
      [&] {
        py::gil_scoped_acquire gil;
        return stop().cast<bool>();
      },
      options);
}

}  // namespace

void bind_monitor(py::module_& m) {
  py::class_<MLflowMonitor, std::shared_ptr<MLflowMonitor>>(m, "MLflowMonitor")
      .def(py::init([](std::optional<std::string> uri, std::optional<std::string> experiment,
                       std::optional<std::string> run, bool offline) {
             EngineCall release;
             return std::make_shared<MLflowMonitor>(std::move(uri), std::move(experiment), std::move(run),
                                                    offline ? MLflowValidation::kOffline : MLflowValidation::kOnline);
           }),
           py::arg("tracking_uri") = py::none(), py::arg("experiment_name") = py::none(),
           py::arg("run_name") = py::none(), py::arg("offline") = false)
      .def_property_readonly("tracking_uri", &MLflowMonitor::tracking_uri)
      .def_property_readonly("experiment_name", &MLflowMonitor::experiment_name)
      .def_property_readonly("run_name", &MLflowMonitor::run_name)
      .def("to_dict", [](const MLflowMonitor& monitor) {
        py::dict d;  // insertion order is the recipe's
        for (const auto& [k, v] : monitor.to_dict()) d[py::str(k)] = v;
        return d;
      });

  py::class_<CloudWatchLogMonitor>(m, "CloudWatchLogMonitor")
      .def(py::init([](std::string job_id, const std::string& platform, std::optional<std::int64_t> started_ms,
                       std::optional<std::string> cluster_name, std::string k8s_namespace) {
             return CloudWatchLogMonitor(std::move(job_id), platform_from_name(platform), started_ms,
                                         std::move(cluster_name), std::move(k8s_namespace));
           }),
           py::arg("job_id"), py::arg("platform"), py::arg("started_time_ms") = py::none(),
           py::arg("cluster_name") = py::none(), py::arg("namespace") = "kubeflow")
      .def_property_readonly("job_id", &CloudWatchLogMonitor::job_id)
      .def_property_readonly("platform",
                             [](const CloudWatchLogMonitor& c) { return std::string(to_string(c.platform())); })
      .def_property_readonly("cluster_name", &CloudWatchLogMonitor::cluster_name)
      .def_property_readonly("namespace", &CloudWatchLogMonitor::k8s_namespace)
      .def("get_logs", &get_logs, py::arg("limit") = py::none(), py::arg("start_from_head") = false,
           py::arg("end_time") = py::none(), py::arg("start_time") = py::none())
      .def("show_logs_text", &show_logs_text, py::arg("limit") = py::none(), py::arg("start_from_head") = false,
           py::arg("end_time") = py::none(), py::arg("start_time") = py::none())
      .def("follow", &follow, py::arg("on_event"), py::arg("stop"), py::arg("poll_seconds") = 5.0);

  m.def("parse_log_time", &parse_log_time, py::arg("text"));
}

}  // namespace nova::python
