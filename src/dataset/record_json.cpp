// DatasetLoader::for_each_json: records handed out one at a time as JSON text, for the
// Python module's raw_dataset() / transformed_dataset() iterators.
#include <string>

#include "dataset/json/python_json_writer.hpp"
#include "dataset/loader_state.hpp"
#include "dataset/record_stream.hpp"
#include "nova/dataset.hpp"

namespace nova {

void DatasetLoader::for_each_json(const std::function<bool(std::string_view)>& fn, bool raw) const {
  auto state = *state_;
  if (raw) {
    state.transformer.reset();
    state.transformed = false;
  }
  std::string text;
  dataset::for_each_record(state, dataset::Need::kText, [&](dataset::RecordView& r) {
    if (!r.rule.empty()) dataset::throw_unreadable(r);
    if (!r.canonical.empty()) return fn(r.canonical);
    text.clear();
    dataset::PythonJsonWriter writer(text);
    writer.value(r.element);
    return fn(text);
  });
}

}  // namespace nova
