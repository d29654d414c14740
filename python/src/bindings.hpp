#pragma once
// The pieces of the `_core` extension: one bind_* function per public header, and the
// conversions they share. Enums cross the boundary by name ("SFT_LORA"); the Python layer
// turns names into its enum.Enum members and back.

#include <pybind11/pybind11.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "nova/enums.hpp"
#include "nova/value.hpp"

namespace nova::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_enums(py::module_& m);
void bind_dataset(py::module_& m);
void bind_runtime(py::module_& m);
void bind_monitor(py::module_& m);
void bind_results(py::module_& m);
void bind_customizer(py::module_& m);
void bind_logging(py::module_& m);
void bind_preflight(py::module_& m);

// Enum names as Python passes them. @throws nova::ValueError naming the valid names.
Model model_from_name(std::string_view name);
TrainingMethod method_from_name(std::string_view name);
EvaluationTask task_from_name(std::string_view name);
Platform platform_from_name(std::string_view name);
DeploymentMode deployment_mode_from_name(std::string_view name);
DeployPlatform deploy_platform_from_name(std::string_view name);

// A Python scalar or list (bool, int, float, str, None, list/tuple) as a recipe Value.
// @throws nova::ValueError for any other type, naming the key.
Value to_value(const py::handle& object, std::string_view key);
std::map<std::string, Value> to_value_map(const std::optional<py::dict>& dict);
py::object from_value(const Value& value);

// While one lives (on any thread), SIGINT also requests the engine's interrupt (interrupt.cpp).
class SigintForwarding {
 public:
  SigintForwarding();
  ~SigintForwarding();
  SigintForwarding(const SigintForwarding&) = delete;
  SigintForwarding& operator=(const SigintForwarding&) = delete;
};

// The GIL released around a call into the engine, Ctrl-C reaching it: every release for
// engine work uses this (also as py::call_guard<EngineCall>).
class EngineCall {
 private:
  SigintForwarding forwarding_;  // constructed before the release, ended after the GIL is back
  py::gil_scoped_release release_;
};

// The engine's InterruptedError as Python's reaction to the signal (KeyboardInterrupt); the
// GIL held. Used by the exception translator.
void raise_keyboard_interrupt();

// f() with the GIL released, for calls that return values Python needs afterwards.
template <class F>
auto without_gil(F&& f) {
  EngineCall call;
  return f();
}

// Raises KeyboardInterrupt (py::error_already_set) when a signal handler raised; takes the GIL.
void check_signals();

}  // namespace nova::python
