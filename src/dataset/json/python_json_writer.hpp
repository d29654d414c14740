#pragma once
// Writes JSON exactly as Python's json.dumps does, so files nova-sdk writes are
// byte-for-byte interchangeable with the reference SDK's: separators ", " and ": "
// (or "," and ": " with an indent), float repr (shortest round-trip, 1e+16 style),
// ensure_ascii escaping with lower-case \uXXXX and surrogate pairs.

#include <cstdint>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace nova::dataset {

class PythonJsonWriter {
 public:
  struct Options {
    bool ensure_ascii{false};
    int indent{-1};  // < 0: compact one-line form
  };
  explicit PythonJsonWriter(std::string& out) : out_(out) {}
  PythonJsonWriter(std::string& out, Options options) : out_(out), options_(options) {}

  void value(simdjson::dom::element element);

  void begin_object();
  void key(std::string_view name);
  void end_object();
  void begin_array();
  void end_array();

  void string(std::string_view text);
  void null();
  void boolean(bool v);
  void integer(std::int64_t v);
  void unsigned_integer(std::uint64_t v);
  void floating(double v);

  // Convenience: `"key": "text"` inside an object.
  void field(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }

 private:
  void before_value();
  void newline_indent(std::size_t depth);

  std::string& out_;
  Options options_{};
  // One entry per open container: how many items it has so far; -1 after key().
  struct Frame {
    bool is_object;
    std::size_t items;
  };
  std::vector<Frame> stack_;
  bool after_key_{false};
};

// Python repr() of a float: "1.0", "0.0001", "1e-05", "1e+16", "-0.0", "inf".
void append_python_float(std::string& out, double v);
// A JSON string literal with Python's escaping rules.
void append_python_string(std::string& out, std::string_view text, bool ensure_ascii);

// One-call helpers.
std::string to_python_json(simdjson::dom::element element, bool ensure_ascii = false);

}  // namespace nova::dataset
