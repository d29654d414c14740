// DatasetLoader and its record streams. Output that the C++ loader prints (validate's
// summary) is redirected to sys.stdout; show() returns its text for Python's print.
#include <pybind11/iostream.h>
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.hpp"
#include "nova/dataset.hpp"
#include "record_stream.hpp"

namespace nova::python {
namespace {

DatasetLoader make_loader(const std::string& format, ColumnMappings mappings) {
  if (format == "JSONL") return JSONLDatasetLoader(std::move(mappings));
  if (format == "JSON") return JSONDatasetLoader(std::move(mappings));
  if (format == "CSV") return CSVDatasetLoader(std::move(mappings));
  throw ValueError("Unsupported format '" + format + "'. Valid formats: JSONL, JSON, CSV");
}

std::string format_name(DatasetFormat f) {
  switch (f) {
    case DatasetFormat::JSONL:
      return "JSONL";
    case DatasetFormat::JSON:
      return "JSON";
    case DatasetFormat::CSV:
      return "CSV";
  }
  return "JSONL";
}

std::optional<EvaluationTask> optional_task(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  return task_from_name(*name);
}

using Redirected = py::call_guard<py::scoped_ostream_redirect, EngineCall>;
using Released = py::call_guard<EngineCall>;

}  // namespace

void bind_dataset(py::module_& m) {
  py::class_<DatasetLoader>(m, "DatasetLoader", "A nova::DatasetLoader; records stream from the file on each pass.")
      .def(py::init(&make_loader), py::arg("format"), py::arg("column_mappings"))
      .def(
          "load", [](DatasetLoader& l, const std::string& path) { l.load(path); }, py::arg("path"), Released())
      .def(
          "show_text",
          [](const DatasetLoader& l, int n) {
            std::ostringstream out;
            l.show(n, out);
            return out.str();
          },
          py::arg("n"), Released())
      .def(
          "split_data",
          [](const DatasetLoader& l, double train, double val, double test, std::uint64_t seed) {
            return l.split_data(train, val, test, seed);
          },
          py::arg("train_ratio"), py::arg("val_ratio"), py::arg("test_ratio"), py::arg("seed"), Released())
      .def(
          "transform",
          [](DatasetLoader& l, const std::string& method, const std::string& model) {
            l.transform(method_from_name(method), model_from_name(model));
          },
          py::arg("method"), py::arg("model"), Released())
      .def(
          "validate",
          [](const DatasetLoader& l, const std::string& method, const std::string& model,
             const std::optional<std::string>& eval_task) {
            l.validate(method_from_name(method), model_from_name(model), optional_task(eval_task));
          },
          py::arg("method"), py::arg("model"), py::arg("eval_task") = py::none(), Redirected())
      .def("save_data", &DatasetLoader::save_data, py::arg("save_path"), Released())
      .def("count", &DatasetLoader::count, Released())
      .def("path", &DatasetLoader::path)
      .def("format", [](const DatasetLoader& l) { return format_name(l.format()); })
      .def("column_mappings", &DatasetLoader::column_mappings);

  py::class_<RecordStream>(m, "RecordStream", "One pass over a loader's records, as JSON texts.")
      .def(py::init<DatasetLoader, bool>(), py::arg("loader"), py::arg("raw"))
      .def("next_batch", &RecordStream::next_batch, py::arg("max") = 64);
}

}  // namespace nova::python
