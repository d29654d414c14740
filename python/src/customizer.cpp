// NovaModelCustomizer: arguments converted with the GIL held, the work done without it.
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.hpp"
#include "nova/customizer.hpp"
#include "nova/monitor.hpp"
#include "nova/results.hpp"
#include "nova/runtime.hpp"

namespace nova::python {
namespace {

using OptStr = std::optional<std::string>;
using OptDict = std::optional<py::dict>;

std::unique_ptr<NovaModelCustomizer> make_customizer(const std::string& model, const std::string& method,
                                                     std::shared_ptr<RuntimeManager> infra, OptStr data_s3_path,
                                                     OptStr output_s3_path, OptStr model_path,
                                                     std::optional<std::map<std::string, bool>> validation_config,
                                                     OptStr generated_recipe_dir,
                                                     std::shared_ptr<MLflowMonitor> mlflow_monitor,
                                                     const std::string& deployment_mode, bool data_mixing_enabled) {
  if (!infra) throw ValueError("infra: a runtime manager (SMTJRuntimeManager or SMHPRuntimeManager) is required");
  CustomizerOptions options;
  options.data_s3_path = std::move(data_s3_path);
  options.output_s3_path = std::move(output_s3_path);
  options.model_path = std::move(model_path);
  if (validation_config) options.validation_config = *validation_config;
  options.generated_recipe_dir = std::move(generated_recipe_dir);
  options.mlflow_monitor = std::move(mlflow_monitor);
  options.deployment_mode = deployment_mode_from_name(deployment_mode);
  options.data_mixing_enabled = data_mixing_enabled;
  auto m = model_from_name(model);
  auto t = method_from_name(method);
  EngineCall release;
  return std::make_unique<NovaModelCustomizer>(m, t, std::move(infra), std::move(options));
}

std::shared_ptr<TrainingResult> train(NovaModelCustomizer& c, std::string job_name, OptStr recipe_path,
                                      const OptDict& overrides, OptStr rft_lambda_arn,
                                      OptStr validation_data_s3_path, bool dry_run) {
  TrainOptions o;
  o.job_name = std::move(job_name);
  o.recipe_path = std::move(recipe_path);
  o.overrides = to_value_map(overrides);
  o.rft_lambda_arn = std::move(rft_lambda_arn);
  o.validation_data_s3_path = std::move(validation_data_s3_path);
  o.dry_run = dry_run;
  EngineCall release;
  return c.train(o);
}

std::shared_ptr<EvaluationResult> evaluate(NovaModelCustomizer& c, std::string job_name, const std::string& eval_task,
                                           OptStr model_path, OptStr subtask, OptStr data_s3_path,
                                           OptStr recipe_path, const OptDict& overrides, const OptDict& processor,
                                           const OptDict& rl_env, bool dry_run,
                                           std::shared_ptr<TrainingResult> job_result) {
  EvaluateOptions o;
  o.job_name = std::move(job_name);
  o.eval_task = task_from_name(eval_task);
  o.model_path = std::move(model_path);
  o.subtask = std::move(subtask);
  o.data_s3_path = std::move(data_s3_path);
  o.recipe_path = std::move(recipe_path);
  o.overrides = to_value_map(overrides);
  o.processor = to_value_map(processor);
  o.rl_env = to_value_map(rl_env);
  o.dry_run = dry_run;
  o.job_result = std::move(job_result);
  EngineCall release;
  return c.evaluate(o);
}

std::shared_ptr<BatchInferenceResult> batch_inference(NovaModelCustomizer& c, std::string job_name,
                                                      std::string input_path, std::string output_s3_path,
                                                      OptStr model_path, OptStr recipe_path, const OptDict& overrides,
                                                      bool dry_run) {
  BatchInferenceOptions o;
  o.job_name = std::move(job_name);
  o.input_path = std::move(input_path);
  o.output_s3_path = std::move(output_s3_path);
  o.model_path = std::move(model_path);
  o.recipe_path = std::move(recipe_path);
  o.overrides = to_value_map(overrides);
  o.dry_run = dry_run;
  EngineCall release;
  return c.batch_inference(o);
}

std::string logs_text(const NovaModelCustomizer& c, std::optional<std::size_t> limit, bool start_from_head,
                      const OptStr& end_time) {
  std::ostringstream out;
  EngineCall release;
  c.get_logs(out, limit, start_from_head, end_time);
  return out.str();
}

py::dict data_mixing_config(const NovaModelCustomizer& c) {
  py::dict d;
  for (const auto& [k, v] : c.get_data_mixing_config()) d[py::str(k)] = from_value(v);
  return d;
}

}  // namespace

void bind_customizer(py::module_& m) {
  py::class_<NovaModelCustomizer>(m, "NovaModelCustomizer")
      .def(py::init(&make_customizer), py::arg("model"), py::arg("method"), py::arg("infra"),
           py::arg("data_s3_path") = py::none(), py::arg("output_s3_path") = py::none(),
           py::arg("model_path") = py::none(), py::arg("validation_config") = py::none(),
           py::arg("generated_recipe_dir") = py::none(), py::arg("mlflow_monitor") = py::none(),
           py::arg("deployment_mode") = "FAIL_IF_EXISTS", py::arg("data_mixing_enabled") = false)
      .def_property_readonly("region", &NovaModelCustomizer::region)
      .def_property_readonly("output_s3_path", &NovaModelCustomizer::output_s3_path)
      .def_property_readonly("data_s3_path", &NovaModelCustomizer::data_s3_path)
      .def_property_readonly("model_path", &NovaModelCustomizer::model_path)
      .def_property_readonly("validation_config", &NovaModelCustomizer::validation_config)
      .def_property_readonly("job_id", &NovaModelCustomizer::job_id)
      .def("get_data_mixing_config", &data_mixing_config)
      .def(
          "set_data_mixing_config",
          [](NovaModelCustomizer& c, const py::dict& config) {
            auto values = to_value_map(config);
            EngineCall release;
            c.set_data_mixing_config(values);
          },
          py::arg("config"))
      // The reference's property setters: checked as at construction, the data mix reset.
      .def(
          "set_model",
          [](NovaModelCustomizer& c, const std::string& model) {
            const Model chosen = model_from_name(model);
            EngineCall release;
            c.set_model(chosen);
          },
          py::arg("model"))
      .def(
          "set_method",
          [](NovaModelCustomizer& c, const std::string& method) {
            const TrainingMethod t = method_from_name(method);
            EngineCall release;
            c.set_method(t);
          },
          py::arg("method"))
      .def(
          "set_infra",
          [](NovaModelCustomizer& c, std::shared_ptr<RuntimeManager> infra) {
            EngineCall release;
            c.set_infra(std::move(infra));
          },
          py::arg("infra"))
      .def("train", &train, py::arg("job_name"), py::arg("recipe_path") = py::none(),
           py::arg("overrides") = py::none(), py::arg("rft_lambda_arn") = py::none(),
           py::arg("validation_data_s3_path") = py::none(), py::arg("dry_run") = false)
      .def("evaluate", &evaluate, py::arg("job_name"), py::arg("eval_task"), py::arg("model_path") = py::none(),
           py::arg("subtask") = py::none(), py::arg("data_s3_path") = py::none(),
           py::arg("recipe_path") = py::none(), py::arg("overrides") = py::none(),
           py::arg("processor") = py::none(), py::arg("rl_env") = py::none(), py::arg("dry_run") = false,
           py::arg("job_result") = py::none())
      .def("batch_inference", &batch_inference, py::arg("job_name"), py::arg("input_path"),
           py::arg("output_s3_path"), py::arg("model_path") = py::none(), py::arg("recipe_path") = py::none(),
           py::arg("overrides") = py::none(), py::arg("dry_run") = false)
      .def("logs_text", &logs_text, py::arg("limit") = py::none(), py::arg("start_from_head") = false,
           py::arg("end_time") = py::none());
}

}  // namespace nova::python
