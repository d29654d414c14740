// Python values <-> recipe Values, and the signal check of loops that call back into Python.
#include <fmt/format.h>

#include <algorithm>

#include "bindings.hpp"
#include "nova/error.hpp"

namespace nova::python {

Value to_value(const py::handle& object, std::string_view key) {
  if (object.is_none()) return Value(nullptr);
  if (py::isinstance<py::bool_>(object)) return Value(object.cast<bool>());
  if (py::isinstance<py::int_>(object)) return Value(object.cast<std::int64_t>());
  if (py::isinstance<py::float_>(object)) return Value(object.cast<double>());
  if (py::isinstance<py::str>(object)) return Value(object.cast<std::string>());
  if (py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object)) {
    std::vector<Value> items;
    for (auto item : object) items.push_back(to_value(item, key));
    return Value(std::move(items));
  }
  // An enum.Enum member (e.g. a TrainingMethod) stands for its value.
  if (py::hasattr(object, "_value_") && py::hasattr(object, "_name_")) return to_value(object.attr("_value_"), key);
  throw ValueError(fmt::format("'{}': a value of type {} cannot be used; use a bool, int, float, str, None or a list",
                               key, py::str(py::type::of(object).attr("__name__")).cast<std::string>()));
}

std::map<std::string, Value> to_value_map(const std::optional<py::dict>& dict) {
  std::map<std::string, Value> out;
  if (!dict) return out;
  for (auto [k, v] : *dict) {
    auto key = py::str(k).cast<std::string>();
    out.emplace(key, to_value(v, key));
  }
  return out;
}

py::object from_value(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null:
      return py::none();
    case Value::Kind::Bool:
      return py::bool_(value.as_bool());
    case Value::Kind::Int:
      return py::int_(value.as_int());
    case Value::Kind::Float:
      return py::float_(value.as_double());
    case Value::Kind::String:
      return py::str(value.as_string());
    case Value::Kind::List: {
      py::list out;
      for (const auto& item : value.as_list()) out.append(from_value(item));
      return out;
    }
  }
  return py::none();
}

void check_signals() {
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

}  // namespace nova::python
