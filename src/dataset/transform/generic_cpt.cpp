// Generic columns -> continued pre-training record: {"text": ...}

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

class GenericCptTransformer final : public GenericTransformer {
 public:
  explicit GenericCptTransformer(const ColumnMappings& mappings) : text_(resolve_column(mappings, "text")) {}

  void transform(element record, const RecordRef& ref, PythonJsonWriter& out) const override {
    element text;
    require_columns(record, ref, "CPT", {{text_, text}});
    out.begin_object();
    out.key("text");
    out.value(text);
    out.end_object();
  }

 private:
  Column text_;
};

}  // namespace

std::unique_ptr<RecordTransformer> make_generic_cpt_transformer(const ColumnMappings& mappings) {
  return std::make_unique<GenericCptTransformer>(mappings);
}

}  // namespace nova::dataset
