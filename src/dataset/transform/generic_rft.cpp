// Generic columns -> OpenAI-style RFT record (Nova 2 Lite):
//   {"id"?: ..., "messages": [system, user], "reference_answer": ..., "tools"?: ...}

#include "dataset/transform/converters.hpp"
#include "dataset/transform/transform_support.hpp"

namespace nova::dataset {
namespace {

using namespace transform_detail;

class GenericRftTransformer final : public GenericTransformer {
 public:
  explicit GenericRftTransformer(const ColumnMappings& mappings)
      : question_(resolve_column(mappings, "question")),
        reference_answer_(resolve_column(mappings, "reference_answer")),
        system_(resolve_column(mappings, "system")),
        id_(resolve_column(mappings, "id")),
        tools_(resolve_column(mappings, "tools")) {}

  void transform(element record, const RecordRef& ref, PythonJsonWriter& out) const override {
    element question, reference_answer;
    const object rec =
        require_columns(record, ref, "RFT", {{question_, question}, {reference_answer_, reference_answer}});

    out.begin_object();
    if (element id; id_.find_optional(rec, id)) {
      out.key("id");
      out.value(id);
    }
    out.key("messages");
    out.begin_array();
    out.begin_object();
    out.field("role", "system");
    out.key("content");
    if (element system; system_.find_optional(rec, system)) {
      out.value(system);
    } else {
      out.string(kDefaultRftSystemPrompt);
    }
    out.end_object();
    out.begin_object();
    out.field("role", "user");
    out.key("content");
    out.value(question);
    out.end_object();
    out.end_array();
    out.key("reference_answer");
    out.value(reference_answer);
    // Differs from the reference: it copies every mapping whose standard name is not one of
    // the resolved column names to output[standard name], so `question="prompt"` yields a
    // second, top-level "question" (and `system="sys"` a top-level "system"). Only the
    // `tools` mapping is copied here: it is the one way tools reach RFT output.
    if (element tools; tools_.find_optional(rec, tools)) {
      out.key("tools");
      out.value(tools);
    }
    out.end_object();
  }

 private:
  Column question_, reference_answer_, system_, id_, tools_;
};

}  // namespace

std::unique_ptr<RecordTransformer> make_generic_rft_transformer(const ColumnMappings& mappings) {
  return std::make_unique<GenericRftTransformer>(mappings);
}

}  // namespace nova::dataset
