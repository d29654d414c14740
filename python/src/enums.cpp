// The specification's enums as (name, value) tables for the Python layer's enum.Enum
// classes, the model table, and name -> C++ enum conversion for the other bindings.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "nova/error.hpp"
#include "nova/results.hpp"

namespace nova::python {
namespace {

template <typename E>
std::vector<E> all_of(int count) {
  std::vector<E> out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<E>(i));
  return out;
}

template <typename E>
E from_name(std::string_view kind, std::string_view name, const std::vector<E>& all) {
  std::string valid;
  for (E e : all) {
    if (to_string(e) == name) return e;
    valid += fmt::format("{}{}", valid.empty() ? "" : ", ", to_string(e));
  }
  throw ValueError(fmt::format("Unknown {} '{}'. Valid values: {}", kind, name, valid));
}

const auto kPlatforms = all_of<Platform>(2);
const auto kDeployPlatforms = all_of<DeployPlatform>(3);
const auto kDeploymentModes = all_of<DeploymentMode>(2);
const auto kJobStatuses = all_of<JobStatus>(3);
const auto kModels = all_of<Model>(4);
const auto kMethods = all_of<TrainingMethod>(8);
const auto kTasks = all_of<EvaluationTask>(12);

// The reference's JobStatus values are the platforms' raw words.
std::string_view job_status_value(JobStatus s) {
  switch (s) {
    case JobStatus::IN_PROGRESS:
      return "InProgress";
    case JobStatus::COMPLETED:
      return "Completed";
    case JobStatus::FAILED:
      return "Failed";
  }
  return "Failed";
}

using Members = std::vector<std::pair<std::string, py::object>>;

template <typename E, typename ValueOf>
Members members(const std::vector<E>& all, ValueOf value_of_member) {
  Members out;
  for (E e : all) out.emplace_back(std::string(to_string(e)), value_of_member(e));
  return out;
}

Members enum_members(std::string_view kind) {
  auto name_value = [](auto e) -> py::object { return py::str(std::string(to_string(e))); };
  if (kind == "Model")
    return members(kModels, [](Model e) -> py::object { return py::str(model_info(e).value); });
  if (kind == "TrainingMethod")
    return members(kMethods, [](TrainingMethod e) -> py::object { return py::str(std::string(value_of(e))); });
  if (kind == "EvaluationTask")
    return members(kTasks, [](EvaluationTask e) -> py::object { return py::str(std::string(value_of(e))); });
  if (kind == "Platform") return members(kPlatforms, name_value);
  if (kind == "DeployPlatform") return members(kDeployPlatforms, name_value);
  if (kind == "DeploymentMode") return members(kDeploymentModes, name_value);
  if (kind == "JobStatus")
    return members(kJobStatuses, [](JobStatus e) -> py::object { return py::str(std::string(job_status_value(e))); });
  if (kind == "Version") return {{"ONE", py::int_(1)}, {"TWO", py::int_(2)}};
  throw ValueError(fmt::format("Unknown enum '{}'", kind));
}

py::dict model_info_dict(std::string_view name) {
  const ModelInfo& info = model_info(model_from_name(name));
  py::dict d;
  d["name"] = info.name;
  d["value"] = info.value;
  d["model_type"] = info.model_type;
  d["model_path"] = info.model_path;
  d["version"] = static_cast<int>(info.version);
  d["display_name"] = info.display_name;
  d["hub_content_name"] = info.hub_content_name;
  return d;
}

}  // namespace

Model model_from_name(std::string_view name) { return from_name("Model", name, kModels); }
TrainingMethod method_from_name(std::string_view name) { return from_name("TrainingMethod", name, kMethods); }
EvaluationTask task_from_name(std::string_view name) { return from_name("EvaluationTask", name, kTasks); }
Platform platform_from_name(std::string_view name) { return from_name("Platform", name, kPlatforms); }
DeploymentMode deployment_mode_from_name(std::string_view name) {
  return from_name("DeploymentMode", name, kDeploymentModes);
}
DeployPlatform deploy_platform_from_name(std::string_view name) {
  return from_name("DeployPlatform", name, kDeployPlatforms);
}

void bind_enums(py::module_& m) {
  m.def("enum_members", &enum_members, py::arg("kind"),
        "(name, value) pairs of one of the specification's enums, in declaration order.");
  m.def("model_info", &model_info_dict, py::arg("name"), "The models table's row of a Model name.");
  m.def(
      "model_from_model_type", [](const std::string& t) { return std::string(to_string(model_from_model_type(t))); },
      py::arg("model_type"), "The Model name of a model type; ValueError when none has it.");
  m.def(
      "job_status_from_raw", [](const std::string& raw) { return std::string(to_string(job_status_from_raw(raw))); },
      py::arg("raw_status"), "The JobStatus name of a raw platform status.");
}

}  // namespace nova::python
