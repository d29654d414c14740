#include "dataset/transform/transform_support.hpp"

#include <fmt/format.h>

#include <string>

#include "nova/error.hpp"

namespace nova::dataset::transform_detail {

bool truthy(element e) noexcept {
  switch (e.type()) {
    case element_type::NULL_VALUE:
      return false;
    case element_type::BOOL: {
      bool v = false;
      return e.get_bool().get(v) == simdjson::SUCCESS && v;
    }
    case element_type::INT64: {
      std::int64_t v = 0;
      return e.get_int64().get(v) == simdjson::SUCCESS && v != 0;
    }
    case element_type::UINT64: {
      std::uint64_t v = 0;
      return e.get_uint64().get(v) == simdjson::SUCCESS && v != 0;
    }
    case element_type::DOUBLE: {
      double v = 0;
      // NaN is truthy in Python; only (-)0.0 is false.
      return e.get_double().get(v) == simdjson::SUCCESS && !(v == 0.0);
    }
    case element_type::STRING: {
      std::string_view s;
      return get_string(e, s) && !s.empty();
    }
    case element_type::ARRAY: {
      array a;
      return get_array(e, a) && a.begin() != a.end();
    }
    case element_type::OBJECT: {
      object o;
      return get_object(e, o) && o.begin() != o.end();
    }
  }
  return false;
}

std::string_view json_type_name(element e) noexcept {
  switch (e.type()) {
    case element_type::OBJECT:
      return "object";
    case element_type::ARRAY:
      return "array";
    case element_type::STRING:
      return "string";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "number";
    case element_type::BOOL:
      return "boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

bool write_field_if_present(PythonJsonWriter& out, const object* obj, std::string_view key) {
  element value;
  if (!obj || !find_field(*obj, key, value)) return false;
  out.value(value);
  return true;
}

Column resolve_column(const ColumnMappings& mappings, std::string_view standard) {
  Column column;
  column.standard = standard;
  if (auto it = mappings.find(std::string(standard)); it != mappings.end()) {
    column.name = it->second;
    column.mapped = true;
  }
  return column;
}

namespace {

// The record's column names, for a message that has to say what is there instead.
std::string describe_columns(object rec) {
  std::string names;
  std::size_t shown = 0;
  std::size_t total = 0;
  for (auto field : rec) {
    ++total;
    if (shown == 10) continue;
    if (shown > 0) names += ", ";
    names += fmt::format("'{}'", field.key);
    ++shown;
  }
  if (total == 0) return "the record has no columns";
  if (total > shown) names += fmt::format(", ... ({} in all)", total);
  return "the record has " + names;
}

}  // namespace

// Differs from the reference: it applies `col in rec` to whatever the record is (a list
// membership test, a substring test on a string) and then fails with a Python TypeError;
// here any record that is not an object is refused with a message saying so. And its
// message ("Question column or answer column not found in record {...}") prints the whole
// record without saying which column is missing or whether the mapping or the column is;
// this one names each missing mapping or column, and what the record has instead.
object require_columns(element record, const RecordRef& ref, std::string_view needed_for,
                       std::initializer_list<Required> columns) {
  object rec;
  if (!get_object(record, rec)) {
    throw_generic_error(ref, fmt::format("the record is a JSON {}, not an object of columns", json_type_name(record)));
  }
  bool all_found = true;
  for (const Required& r : columns) {
    if (!r.column.mapped || !find_field(rec, r.column.name, r.value)) all_found = false;
  }
  if (all_found) return rec;

  std::string detail;
  bool any_absent_column = false;
  for (const Required& r : columns) {
    std::string problem;
    if (!r.column.mapped) {
      problem = fmt::format("no column mapping for '{}'", r.column.standard);
    } else if (element ignored; !find_field(rec, r.column.name, ignored)) {
      problem = fmt::format("column '{}' (mapped to '{}') not found", r.column.name, r.column.standard);
      any_absent_column = true;
    } else {
      continue;
    }
    if (!detail.empty()) detail += "; ";
    detail += problem;
  }
  detail += fmt::format(", which is needed for {}", needed_for);
  if (any_absent_column) detail += fmt::format(" ({})", describe_columns(rec));
  throw_generic_error(ref, detail);
}

// Differs from the reference: its DataPrepError carries no location (and repeats the
// mapping hint); these name the file, line and record index so the record can be found.
void throw_generic_error(const RecordRef& ref, std::string_view detail) {
  throw DataPrepError(fmt::format("{}:{}: record {}: Error transforming dataset using generic format: {}\n{}",
                                  ref.file ? *ref.file : std::string(), ref.line, ref.index, detail, kMappingHint));
}

void throw_detected_error(const RecordRef& ref, std::string_view detail) {
  throw DataPrepError(fmt::format("{}:{}: record {}: Error transforming dataset from detected format: {}",
                                  ref.file ? *ref.file : std::string(), ref.line, ref.index, detail));
}

void begin_message(PythonJsonWriter& out, std::string_view role) {
  out.begin_object();
  out.field("role", role);
  out.key("content");
  out.begin_array();
}

void end_message(PythonJsonWriter& out) {
  out.end_array();
  out.end_object();
}

void write_text_block(PythonJsonWriter& out, element text) {
  out.begin_object();
  out.key("text");
  out.value(text);
  out.end_object();
}

void write_reasoning_block(PythonJsonWriter& out, element text) {
  out.begin_object();
  out.key("reasoningContent");
  out.begin_object();
  out.key("reasoningText");
  write_text_block(out, text);
  out.end_object();
  out.end_object();
}

void write_media_block(PythonJsonWriter& out, std::string_view kind, element format, element uri,
                       element bucket_owner) {
  out.begin_object();
  out.key(kind);
  out.begin_object();
  out.key("format");
  out.value(format);
  out.key("source");
  out.begin_object();
  out.key("s3Location");
  out.begin_object();
  out.key("uri");
  out.value(uri);
  out.key("bucketOwner");
  out.value(bucket_owner);
  out.end_object();
  out.end_object();
  out.end_object();
  out.end_object();
}

void write_system(PythonJsonWriter& out, const element* text, std::string_view default_text) {
  out.key("system");
  out.begin_array();
  if (text) {
    write_text_block(out, *text);
  } else {
    out.begin_object();
    out.field("text", default_text);
    out.end_object();
  }
  out.end_array();
}

}  // namespace nova::dataset::transform_detail
