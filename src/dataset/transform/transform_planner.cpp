#include "dataset/transform/transformer.hpp"
#include "nova/error.hpp"

namespace nova::dataset {
struct TransformPlanner::Impl {};
TransformPlanner::TransformPlanner(TrainingMethod, Model, ColumnMappings) {
  throw NotImplementedError("transforms are being written (issue #2)");
}
TransformPlanner::~TransformPlanner() = default;
TransformPlanner::TransformPlanner(TransformPlanner&&) noexcept = default;
void TransformPlanner::observe(simdjson::dom::element) {}
std::unique_ptr<RecordTransformer> TransformPlanner::finish() { return nullptr; }
void check_transform_supported(TrainingMethod, Model) {}
}  // namespace nova::dataset
