// The engine's diagnostics through Python's `logging`: while the module is loaded, the core's
// log sink hands each line to the logger of the package module that does that work
// (data/python_loggers.json), so notebooks and logging configuration see them.
//
// The sink runs on whichever thread logged. Most log from inside calls that released the
// GIL, so it takes the GIL itself; the core calls it without holding any lock of its own,
// so a thread waiting for the GIL never blocks the thread that holds it.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "nova/logging.hpp"

namespace nova::embedded {
extern const std::string_view python_loggers;
}

namespace nova::python {
namespace {

struct LoggerTable {
  std::string fallback;
  std::vector<std::pair<std::string, std::string>> by_prefix;  // longest prefix first

  const std::string& logger_for(std::string_view source) const {
    for (const auto& [prefix, name] : by_prefix)
      if (source.starts_with(prefix)) return name;
    return fallback;
  }
};

const LoggerTable& logger_table() {
  static const LoggerTable table = [] {
    const auto json = nlohmann::json::parse(embedded::python_loggers);
    LoggerTable t;
    t.fallback = json.at("default").get<std::string>();
    for (const auto& item : json.at("by_source_prefix").items())
      t.by_prefix.emplace_back(item.key(), item.value().get<std::string>());
    std::sort(t.by_prefix.begin(), t.by_prefix.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return t;
  }();
  return table;
}

int python_level(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return 10;
    case LogLevel::kInfo: return 20;
    case LogLevel::kWarn: return 30;
    default: return 40;
  }
}

// During interpreter shutdown Python can no longer be called: the line goes to stderr.
void to_stderr(const LogRecord& r) {
  std::fprintf(stderr, "nova: %.*s\n", static_cast<int>(r.message.size()), r.message.data());
}

void python_sink(const LogRecord& r) {
  if (!Py_IsInitialized() || _Py_IsFinalizing() != 0) return to_stderr(r);
  py::gil_scoped_acquire gil;
  // A KeyboardInterrupt (or any error) already pending on this thread must survive the call.
  PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  try {
    py::object logger = py::module_::import("logging").attr("getLogger")(logger_table().logger_for(r.source));
    const int level = python_level(r.level);
    if (logger.attr("isEnabledFor")(level).cast<bool>()) {
      // Engine messages quote user data, which need not be UTF-8.
      auto text = py::reinterpret_steal<py::object>(
          PyUnicode_DecodeUTF8(r.message.data(), static_cast<Py_ssize_t>(r.message.size()), "replace"));
      if (!text) throw py::error_already_set();
      logger.attr("log")(level, "%s", text);
    }
  } catch (py::error_already_set& e) {
    if (e.matches(PyExc_KeyboardInterrupt)) {
      // Ctrl-C arrived while logging ran Python code (signal handlers run in the main
      // thread's next bytecode): trip the flag again so the caller's next check raises it.
      PyErr_SetInterrupt();
    } else {
      e.discard_as_unraisable("amzn_nova_customization_sdk: passing an engine log line to logging");
    }
  } catch (const std::exception&) {
    to_stderr(r);
  }
  PyErr_Restore(type, value, traceback);
}

}  // namespace

void bind_logging(py::module_& m) {
  set_log_sink(&python_sink);
  // Before the interpreter finalizes, so no thread calls into a dying Python.
  py::module_::import("atexit").attr("register")(py::cpp_function([] { set_log_sink(nullptr); }));
  m.def("engine_logger_name", [](const std::string& source) { return logger_table().logger_for(source); },
        py::arg("source"), "The logger an engine source file's diagnostics go to (for tests).");
  m.def(
      "_log_for_test",
      [](const std::string& source, int level, const std::string& message, bool from_native_thread) {
        const LogRecord record{static_cast<LogLevel>(level), source, message};
        if (!from_native_thread) return python_sink(record);
        // The caller waits for a thread Python never saw, without the GIL, as the engine's
        // worker threads are waited for.
        EngineCall release;
        std::thread([&] { python_sink(record); }).join();
      },
      py::arg("source"), py::arg("level"), py::arg("message"), py::arg("from_native_thread") = false);
}

}  // namespace nova::python
