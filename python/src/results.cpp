// Job results. Times cross as Python isoformat strings (the dump format's), statuses as
// JobStatus names; network and archive work runs with the GIL released.
#include <pybind11/iostream.h>
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.hpp"
#include "nova/job_logs.hpp"
#include "nova/results.hpp"

namespace nova::python {
namespace {

using Redirected = py::call_guard<py::scoped_ostream_redirect, EngineCall>;
using RedirectedStderr = py::call_guard<py::scoped_estream_redirect, EngineCall>;
using Released = py::call_guard<EngineCall>;
using TimePoint = BaseJobResult::TimePoint;

TimePoint time_of(const std::string& iso) { return parse_python_isoformat(iso); }

std::optional<Model> optional_model(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  return model_from_name(*name);
}

py::tuple job_status(BaseJobResult& r) {
  std::pair<JobStatus, std::string> status;
  {
    EngineCall release;
    status = r.get_job_status();
  }
  return py::make_tuple(std::string(to_string(status.first)), status.second);
}

py::dict metrics_dict(const EvaluationMetrics& m) {
  py::dict d;
  d["status"] = std::string(to_string(m.status));
  d["raw_status"] = m.raw_status;
  d["message"] = m.message;
  d["json"] = m.json;
  d["results_file"] = m.results_file ? py::object(py::str(m.results_file->string())) : py::object(py::none());
  return d;
}

py::dict inference_dict(const InferenceResults& r) {
  py::dict d;
  d["status"] = std::string(to_string(r.status));
  d["raw_status"] = r.raw_status;
  d["message"] = r.message;
  d["json"] = r.to_json("inference_results");
  d["saved_to"] = r.saved_to ? py::object(py::str(*r.saved_to)) : py::object(py::none());
  return d;
}

template <typename R>
std::string show_text(R& result) {
  std::ostringstream out;
  EngineCall release;
  result.show(out);
  return out.str();
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<BaseJobResult, std::shared_ptr<BaseJobResult>>(m, "BaseJobResult")
      .def_property_readonly("job_id", &BaseJobResult::job_id)
      .def_property_readonly("started_time_iso",
                             [](const BaseJobResult& r) { return to_python_isoformat(r.started_time()); })
      .def_property_readonly("platform", [](const BaseJobResult& r) { return std::string(to_string(r.platform())); })
      .def_property_readonly("class_name", [](const BaseJobResult& r) { return std::string(r.class_name()); })
      .def("get_job_status", &job_status)
      .def(
          "dump",
          [](const BaseJobResult& r, const std::optional<std::string>& file_path,
             const std::optional<std::string>& file_name) { return r.dump(file_path, file_name).string(); },
          py::arg("file_path") = py::none(), py::arg("file_name") = py::none(), Redirected())
      .def_static(
          "load", [](const std::string& path) { return std::shared_ptr<BaseJobResult>(BaseJobResult::load(path)); },
          py::arg("file_path"), Released());

  py::class_<TrainingResult, BaseJobResult, std::shared_ptr<TrainingResult>>(m, "TrainingResult")
      .def_property_readonly("method", [](const TrainingResult& r) { return std::string(to_string(r.method())); })
      .def_property_readonly("checkpoint_s3_path",
                             [](const TrainingResult& r) { return r.model_artifacts().checkpoint_s3_path; })
      .def_property_readonly("output_s3_path",
                             [](const TrainingResult& r) { return r.model_artifacts().output_s3_path; })
      .def_property_readonly("model_type", [](const TrainingResult& r) -> std::optional<std::string> {
        if (!r.model_type()) return std::nullopt;
        return std::string(to_string(*r.model_type()));
      });

  py::class_<SMTJTrainingResult, TrainingResult, std::shared_ptr<SMTJTrainingResult>>(m, "SMTJTrainingResult")
      .def(py::init([](std::string job_id, const std::string& started, const std::string& method,
                       std::optional<std::string> checkpoint, std::optional<std::string> output,
                       const std::optional<std::string>& model_type) {
             return std::make_shared<SMTJTrainingResult>(std::move(job_id), time_of(started), method_from_name(method),
                                                         ModelArtifacts{std::move(checkpoint), std::move(output)},
                                                         optional_model(model_type));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("method"), py::arg("checkpoint_s3_path"),
           py::arg("output_s3_path"), py::arg("model_type") = py::none());

  py::class_<SMHPTrainingResult, TrainingResult, std::shared_ptr<SMHPTrainingResult>>(m, "SMHPTrainingResult")
      .def(py::init([](std::string job_id, const std::string& started, const std::string& method,
                       std::optional<std::string> checkpoint, std::optional<std::string> output,
                       std::string cluster_name, const std::optional<std::string>& model_type, std::string ns) {
             return std::make_shared<SMHPTrainingResult>(std::move(job_id), time_of(started), method_from_name(method),
                                                         ModelArtifacts{std::move(checkpoint), std::move(output)},
                                                         std::move(cluster_name), optional_model(model_type),
                                                         std::move(ns));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("method"), py::arg("checkpoint_s3_path"),
           py::arg("output_s3_path"), py::arg("cluster_name"), py::arg("model_type") = py::none(),
           py::arg("namespace") = "kubeflow")
      .def_property_readonly("cluster_name", &SMHPTrainingResult::cluster_name)
      .def_property_readonly("namespace", &SMHPTrainingResult::namespace_name);

  py::class_<EvaluationResult, BaseJobResult, std::shared_ptr<EvaluationResult>>(m, "EvaluationResult")
      .def_property_readonly("eval_task",
                             [](const EvaluationResult& r) { return std::string(to_string(r.eval_task())); })
      .def_property_readonly("eval_output_path", &EvaluationResult::eval_output_path)
      .def(
          "get",
          [](EvaluationResult& r) {
            EvaluationMetrics metrics;
            {
              EngineCall release;
              metrics = r.get();
            }
            return metrics_dict(metrics);
          })
      .def("show_text", &show_text<EvaluationResult>)
      .def("upload_tensorboard_results", &EvaluationResult::upload_tensorboard_results,
           py::arg("tensorboard_s3_path") = py::none(), RedirectedStderr())
      .def("clean", &EvaluationResult::clean, Released())
      .def("cache_directory", [](const EvaluationResult& r) { return r.cache_directory().string(); });

  py::class_<SMTJEvaluationResult, EvaluationResult, std::shared_ptr<SMTJEvaluationResult>>(m, "SMTJEvaluationResult")
      .def(py::init([](std::string job_id, const std::string& started, const std::string& task, std::string output) {
             return std::make_shared<SMTJEvaluationResult>(std::move(job_id), time_of(started), task_from_name(task),
                                                           std::move(output));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("eval_task"), py::arg("eval_output_path"));

  py::class_<SMHPEvaluationResult, EvaluationResult, std::shared_ptr<SMHPEvaluationResult>>(m, "SMHPEvaluationResult")
      .def(py::init([](std::string job_id, const std::string& started, const std::string& task, std::string output,
                       std::string cluster_name, std::string ns) {
             return std::make_shared<SMHPEvaluationResult>(std::move(job_id), time_of(started), task_from_name(task),
                                                           std::move(output), std::move(cluster_name), std::move(ns));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("eval_task"), py::arg("eval_output_path"),
           py::arg("cluster_name"), py::arg("namespace") = "kubeflow")
      .def_property_readonly("cluster_name", &SMHPEvaluationResult::cluster_name)
      .def_property_readonly("namespace", &SMHPEvaluationResult::namespace_name);

  // The base carries every method; SMTJ and SMHP differ only in where the output and the
  // status come from.
  py::class_<BatchInferenceResult, BaseJobResult, std::shared_ptr<BatchInferenceResult>>(m, "BatchInferenceResult")
      .def_property_readonly("inference_output_path", &BatchInferenceResult::inference_output_path)
      .def(
          "get",
          [](BatchInferenceResult& r, const std::optional<std::string>& s3_path) {
            InferenceResults results;
            {
              EngineCall release;
              results = r.get(s3_path);
            }
            return inference_dict(results);
          },
          py::arg("s3_path") = py::none())
      .def("show_text", &show_text<BatchInferenceResult>)
      .def("clean", &BatchInferenceResult::clean, Released())
      .def("cache_directory", [](const BatchInferenceResult& r) { return r.cache_directory().string(); });

  py::class_<SMTJBatchInferenceResult, BatchInferenceResult, std::shared_ptr<SMTJBatchInferenceResult>>(
      m, "SMTJBatchInferenceResult")
      .def(py::init([](std::string job_id, const std::string& started, std::string output) {
             return std::make_shared<SMTJBatchInferenceResult>(std::move(job_id), time_of(started), std::move(output));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("inference_output_path"));

  py::class_<SMHPBatchInferenceResult, BatchInferenceResult, std::shared_ptr<SMHPBatchInferenceResult>>(
      m, "SMHPBatchInferenceResult")
      .def(py::init([](std::string job_id, const std::string& started, std::string output, std::string cluster_name,
                       std::string ns) {
             return std::make_shared<SMHPBatchInferenceResult>(std::move(job_id), time_of(started), std::move(output),
                                                               std::move(cluster_name), std::move(ns));
           }),
           py::arg("job_id"), py::arg("started_time"), py::arg("inference_output_path"), py::arg("cluster_name"),
           py::arg("namespace") = "kubeflow")
      .def_property_readonly("cluster_name", &SMHPBatchInferenceResult::cluster_name)
      .def_property_readonly("namespace", &SMHPBatchInferenceResult::namespace_name);

  m.def("log_monitor_for", &log_monitor_for, py::arg("result"));
  m.def("to_python_isoformat_now", [] { return to_python_isoformat(std::chrono::system_clock::now()); });
}

}  // namespace nova::python
