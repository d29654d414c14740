#pragma once
// What a DatasetLoader remembers: where its records come from and what happens to them
// as they are read. Immutable once built; loaders share it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dataset/spool.hpp"
#include "dataset/transform/transformer.hpp"
#include "nova/dataset.hpp"

namespace nova::dataset_detail {

struct LoaderState {
  DatasetFormat format{DatasetFormat::JSONL};
  ColumnMappings mappings;
  std::string path;  // empty before load()

  // Set by transform(); nullptr transformer with `transformed` = data already in format.
  bool transformed{false};
  std::shared_ptr<const dataset::RecordTransformer> transformer;

  // Split loaders read selected records of a spool instead of `path`.
  std::shared_ptr<const dataset::Spool> spool;
  std::shared_ptr<const std::vector<std::uint32_t>> selection;
};

}  // namespace nova::dataset_detail
