// The `_core` extension of amzn_nova_customization_sdk: the C++ SDK, bound for the thin
// Python layer beside it (which owns the enums, dataclasses and docstrings users see).
#include "bindings.hpp"
#include "nova/version.hpp"

namespace nova::python {
void bind_deploy(py::module_& m);  // deploy.cpp
}

PYBIND11_MODULE(_core, m) {
  namespace np = nova::python;
  m.doc() = "The compiled core of amzn_nova_customization_sdk. Use the package, not this module.";
  m.attr("__version__") = std::string(nova::version());
  np::bind_logging(m);
  np::bind_errors(m);
  np::bind_enums(m);
  np::bind_dataset(m);
  np::bind_runtime(m);
  np::bind_monitor(m);
  np::bind_results(m);
  np::bind_customizer(m);
  np::bind_deploy(m);
  np::bind_preflight(m);
}
