// dump() and load(): the reference SDK's job result file. One JSON object in Python's
// json.dumps layout: the class's fields in the reference's order, then `__class_name__`.

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/log.hpp"
#include "nova/results.hpp"
#include "results/python_json.hpp"

namespace nova {
namespace {

using Json = nlohmann::ordered_json;

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json training_fields(const TrainingResult& r) {
  Json j;
  j["job_id"] = r.job_id();
  j["started_time"] = to_python_isoformat(r.started_time());
  j["method"] = std::string(value_of(r.method()));
  j["model_artifacts"] = Json{{"checkpoint_s3_path", optional_string(r.model_artifacts().checkpoint_s3_path)},
                              {"output_s3_path", optional_string(r.model_artifacts().output_s3_path)}};
  return j;
}

Json evaluation_fields(const EvaluationResult& r) {
  Json j;
  j["job_id"] = r.job_id();
  j["started_time"] = to_python_isoformat(r.started_time());
  j["eval_task"] = std::string(value_of(r.eval_task()));
  j["eval_output_path"] = r.eval_output_path();
  return j;
}

// The fields of `result`, keyed and ordered as the reference class's _to_dict().
Json to_fields(const BaseJobResult& result) {
  if (const auto* t = dynamic_cast<const SMHPTrainingResult*>(&result)) {
    Json j = training_fields(*t);
    j["cluster_name"] = t->cluster_name();
    j["namespace"] = t->namespace_name();
    if (t->model_type()) j["model_type"] = model_info(*t->model_type()).name;
    return j;
  }
  if (const auto* t = dynamic_cast<const TrainingResult*>(&result)) {
    Json j = training_fields(*t);
    if (t->model_type()) j["model_type"] = model_info(*t->model_type()).name;
    return j;
  }
  if (const auto* e = dynamic_cast<const SMHPEvaluationResult*>(&result)) {
    Json j = evaluation_fields(*e);
    j["cluster_name"] = e->cluster_name();
    j["namespace"] = e->namespace_name();
    return j;
  }
  if (const auto* e = dynamic_cast<const EvaluationResult*>(&result)) return evaluation_fields(*e);
  if (const auto* b = dynamic_cast<const BatchInferenceResult*>(&result)) {
    Json j;
    j["job_id"] = b->job_id();
    j["started_time"] = to_python_isoformat(b->started_time());
    j["inference_output_path"] = b->inference_output_path();
    if (const auto* hp = dynamic_cast<const SMHPBatchInferenceResult*>(b)) {
      j["cluster_name"] = hp->cluster_name();
      j["namespace"] = hp->namespace_name();
    }
    return j;
  }
  throw std::logic_error(fmt::format("dump: no file format for {}", result.class_name()));
}

// Reads the fields of one file, naming the file in every error.
class FieldReader {
 public:
  FieldReader(const std::string& path, const nlohmann::json& data) : path_(path), data_(data) {}

  std::string string(const char* key) const {
    const auto it = data_.find(key);
    if (it == data_.end() || !it->is_string()) fail(fmt::format("field '{}' is missing or not a string", key));
    return it->get<std::string>();
  }
  std::optional<std::string> optional_string(const nlohmann::json& object, const char* key) const {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) fail(fmt::format("field '{}' is not a string", key));
    return it->get<std::string>();
  }
  BaseJobResult::TimePoint started_time() const { return parse_python_isoformat(string("started_time")); }
  TrainingMethod method() const {
    const std::string v = string("method");
    if (auto m = parse_training_method(v)) return *m;
    fail(fmt::format("method '{}' is not a training method", v));
  }
  EvaluationTask eval_task() const {
    const std::string v = string("eval_task");
    if (auto t = parse_evaluation_task(v)) return *t;
    fail(fmt::format("eval_task '{}' is not an evaluation task", v));
  }
  std::optional<Model> model_type() const {
    const auto v = optional_string(data_, "model_type");
    if (!v) return std::nullopt;
    if (auto m = parse_model(*v)) return m;
    fail(fmt::format("model_type '{}' is not a model", *v));
  }
  ModelArtifacts model_artifacts() const {
    const auto it = data_.find("model_artifacts");
    if (it == data_.end() || !it->is_object()) fail("field 'model_artifacts' is missing or not an object");
    return {optional_string(*it, "checkpoint_s3_path"), optional_string(*it, "output_s3_path")};
  }
  std::string namespace_name() const { return data_.contains("namespace") ? string("namespace") : "kubeflow"; }

  [[noreturn]] void fail(const std::string& what) const {
    throw ValueError(fmt::format("Unable to load job result from {}: {}.", path_, what));
  }

 private:
  const std::string& path_;
  const nlohmann::json& data_;
};

std::unique_ptr<BaseJobResult> from_fields(const std::string& class_name, const FieldReader& f) {
  if (class_name == "SMTJTrainingResult") {
    return std::make_unique<SMTJTrainingResult>(f.string("job_id"), f.started_time(), f.method(), f.model_artifacts(),
                                                f.model_type());
  }
  if (class_name == "SMHPTrainingResult") {
    return std::make_unique<SMHPTrainingResult>(f.string("job_id"), f.started_time(), f.method(), f.model_artifacts(),
                                                f.string("cluster_name"), f.model_type(), f.namespace_name());
  }
  if (class_name == "SMTJEvaluationResult") {
    return std::make_unique<SMTJEvaluationResult>(f.string("job_id"), f.started_time(), f.eval_task(),
                                                  f.string("eval_output_path"));
  }
  if (class_name == "SMHPEvaluationResult") {
    return std::make_unique<SMHPEvaluationResult>(f.string("job_id"), f.started_time(), f.eval_task(),
                                                  f.string("eval_output_path"), f.string("cluster_name"),
                                                  f.namespace_name());
  }
  if (class_name == "SMTJBatchInferenceResult") {
    return std::make_unique<SMTJBatchInferenceResult>(f.string("job_id"), f.started_time(),
                                                      f.string("inference_output_path"));
  }
  if (class_name == "SMHPBatchInferenceResult") {
    return std::make_unique<SMHPBatchInferenceResult>(f.string("job_id"), f.started_time(),
                                                      f.string("inference_output_path"), f.string("cluster_name"),
                                                      f.namespace_name());
  }
  f.fail(fmt::format(
      "class '{}' is not a job result class (expected SMTJTrainingResult, SMHPTrainingResult, SMTJEvaluationResult, "
      "SMHPEvaluationResult, SMTJBatchInferenceResult or SMHPBatchInferenceResult)",
      class_name));
}

}  // namespace

std::filesystem::path BaseJobResult::dump(const std::optional<std::string>& file_path,
                                          const std::optional<std::string>& file_name) const {
  const std::string name = file_name.value_or(fmt::format("{}_{}.json", job_id(), to_string(platform())));
  const std::filesystem::path path = file_path ? std::filesystem::path(*file_path) / name : std::filesystem::path(name);
  Json data = to_fields(*this);
  data["__class_name__"] = std::string(class_name());
  try {
    core::AtomicFile file(path.string());
    file.write(results::python_json_dumps(data));
    file.commit();
  } catch (const std::runtime_error& e) {
    throw DataPrepError(fmt::format("Cannot save the job result to {}: {}", path.string(), e.what()));
  }
  if (core::log_enabled(core::LogLevel::kInfo)) {
    core::log(core::LogLevel::kInfo, fmt::format("Job result saved to {}", path.string()));
  }
  return path;
}

std::unique_ptr<BaseJobResult> BaseJobResult::load(const std::string& file_path) {
  std::ifstream in(file_path, std::ios::binary);
  if (!in) throw ValueError(fmt::format("Unable to load job result from {}: the file cannot be read.", file_path));
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json data;
  try {
    data = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw ValueError(fmt::format("Unable to load job result from {}: not JSON ({}).", file_path, e.what()));
  }
  const auto name = data.is_object() ? data.find("__class_name__") : data.end();
  if (name == data.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
    throw ValueError(fmt::format("Unable to load job result from {}, no class name found", file_path));
  }
  return from_fields(name->get<std::string>(), FieldReader(file_path, data));
}

}  // namespace nova
