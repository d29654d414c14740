// nova::* exceptions as Python exceptions: ValueError and NotImplementedError are the
// builtins (the specification's types); DataPrepError, ServiceError and ConfigError are
// classes of their own, re-exported by the Python layer where the reference has them.
#include <exception>

#include "bindings.hpp"
#include "nova/error.hpp"
#include "nova/interrupt.hpp"

namespace nova::python {
namespace {

// Owned by the module; looked up by the translator (which outlives no module).
PyObject* g_data_prep_error = nullptr;
PyObject* g_service_error = nullptr;
PyObject* g_config_error = nullptr;
PyObject* g_sdk_error = nullptr;

PyObject* new_exception_type(py::module_& m, const char* name, PyObject* base, const char* doc) {
  std::string qualified = std::string("amzn_nova_customization_sdk._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));  // steals nothing: add_object increments
  return type;
}

void raise_service_error(const ServiceError& e) {
  py::object type = py::reinterpret_borrow<py::object>(g_service_error);
  py::object error = type(e.what());
  error.attr("service") = e.service();
  error.attr("operation") = e.operation();
  error.attr("code") = e.code();
  error.attr("http_status") = e.http_status();
  error.attr("request_id") = e.request_id();
  error.attr("retryable") = e.retryable();
  PyErr_SetObject(g_service_error, error.ptr());
}

void translate(std::exception_ptr p) {
  try {
    std::rethrow_exception(p);
  } catch (const ValueError& e) {  // ValidationError included
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const DataPrepError& e) {
    PyErr_SetString(g_data_prep_error, e.what());
  } catch (const NotImplementedError& e) {
    PyErr_SetString(PyExc_NotImplementedError, e.what());
  } catch (const ServiceError& e) {
    raise_service_error(e);
  } catch (const ConfigError& e) {
    PyErr_SetString(g_config_error, e.what());
  } catch (const InterruptedError&) {
    raise_keyboard_interrupt();
  } catch (const Error& e) {
    PyErr_SetString(g_sdk_error, e.what());
  }
}

}  // namespace

void bind_errors(py::module_& m) {
  g_sdk_error = new_exception_type(m, "NovaError", PyExc_Exception, "An error of the nova-sdk engine.");
  g_data_prep_error = new_exception_type(m, "DataPrepError", PyExc_Exception,
                                         "Dataset preparation failed: unreadable input, a transform, split or save "
                                         "that cannot be done.");
  g_service_error = new_exception_type(
      m, "ServiceError", g_sdk_error,
      "An AWS service answered with an error. Attributes: service, operation, code, http_status, request_id, "
      "retryable.");
  g_config_error = new_exception_type(m, "ConfigError", g_sdk_error,
                                      "No usable AWS credentials, region or configuration.");
  py::register_exception_translator(&translate);
}

}  // namespace nova::python
