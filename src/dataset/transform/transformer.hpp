#pragma once
// Transforms records to the format a training method needs.
//
// transform() is planned in one pass over the data (TransformPlanner::observe), as the
// reference does: when every record is already in the target format the data passes
// through unchanged; otherwise the first converter whose source format matches every
// record (OpenAI messages, then the generic column mapper) converts each record as it
// is read.

#include <memory>
#include <simdjson.h>
#include <string>

#include "dataset/json/python_json_writer.hpp"
#include "dataset/record.hpp"
#include "nova/dataset.hpp"
#include "nova/enums.hpp"

namespace nova::dataset {

class RecordTransformer {
 public:
  virtual ~RecordTransformer() = default;
  // Writes exactly one JSON value (the converted record) to `out`.
  // Throws DataPrepError naming the file, line and what is missing.
  virtual void transform(simdjson::dom::element record, const RecordRef& ref,
                         PythonJsonWriter& out) const = 0;
  // "generic", "OpenAI messages": for messages.
  virtual std::string_view source_format() const = 0;
};

class TransformPlanner {
 public:
  // Throws ValueError for an unsupported method/model combination.
  TransformPlanner(TrainingMethod method, Model model, ColumnMappings mappings);
  ~TransformPlanner();
  TransformPlanner(TransformPlanner&&) noexcept;

  // Sees the records once, in order, until decided().
  void observe(simdjson::dom::element record);
  // True once no further record can change what finish() returns (a record outside the
  // target format, and outside the OpenAI format where that converter exists, settles it):
  // the planning pass can stop reading there.
  bool decided() const noexcept;
  // nullptr: the data is already in the target format (or empty) and passes through.
  std::unique_ptr<RecordTransformer> finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws ValueError when the reference does not support transforming to method/model.
void check_transform_supported(TrainingMethod method, Model model);

}  // namespace nova::dataset
