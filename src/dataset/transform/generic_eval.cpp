// Generic columns -> evaluation BYOD gen_qa record:
//   {"query": ..., "response": ..., "system"?: ..., "images"?: [{"data": ...}], "metadata"?: ...}

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

class GenericEvalTransformer final : public GenericTransformer {
 public:
  explicit GenericEvalTransformer(const ColumnMappings& mappings)
      : query_(resolve_column(mappings, "query")),
        response_(resolve_column(mappings, "response")),
        system_(resolve_column(mappings, "system")),
        images_(resolve_column(mappings, "images")),
        metadata_(resolve_column(mappings, "metadata")) {}

  void transform(element record, const RecordRef& ref, PythonJsonWriter& out) const override {
    element query, response;
    const object rec = require_columns(record, ref, "Evaluation", {{query_, query}, {response_, response}});

    out.begin_object();
    out.key("query");
    out.value(query);
    out.key("response");
    out.value(response);
    if (element system; system_.find_optional(rec, system)) {
      out.key("system");
      out.value(system);
    }
    // A list gives one entry per item, a string one entry; any other value is dropped.
    if (element images; images_.find_optional(rec, images)) {
      if (array list; get_array(images, list)) {
        out.key("images");
        out.begin_array();
        for (element item : list) write_image(out, item);
        out.end_array();
      } else if (images.type() == element_type::STRING) {
        out.key("images");
        out.begin_array();
        write_image(out, images);
        out.end_array();
      }
    }
    if (element metadata; metadata_.find_optional(rec, metadata)) {
      out.key("metadata");
      out.value(metadata);
    }
    out.end_object();
  }

 private:
  static void write_image(PythonJsonWriter& out, element data) {
    out.begin_object();
    out.key("data");
    out.value(data);
    out.end_object();
  }

  Column query_, response_, system_, images_, metadata_;
};

}  // namespace

std::unique_ptr<RecordTransformer> make_generic_eval_transformer(const ColumnMappings& mappings) {
  return std::make_unique<GenericEvalTransformer>(mappings);
}

}  // namespace nova::dataset
