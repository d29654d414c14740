#pragma once
/// @file
/// Dataset loaders: load JSONL / JSON / CSV, map columns, transform to a training format,
/// validate, split and save. Mirrors the specification's "Dataset Loaders" section.
///
/// Records are streamed: nothing here holds a whole dataset in memory. `load()` only
/// remembers where the data is; each operation reads it again, one record at a time.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "nova/aws.hpp"  // TransferProgress, set_transfer_progress_handler
#include "nova/enums.hpp"
#include "nova/error.hpp"

namespace nova {

/// Standard column name (`question`, `answer`, `system`, ...) -> the user's column name.
using ColumnMappings = std::map<std::string, std::string>;

/// The on-disk format a loader reads.
enum class DatasetFormat { JSONL, JSON, CSV };

namespace dataset_detail {
struct LoaderState;
}

/// Common base of the three loaders. A cheap value: copies share the immutable state.
class DatasetLoader {
 public:
  virtual ~DatasetLoader();
  DatasetLoader(const DatasetLoader&);
  DatasetLoader& operator=(const DatasetLoader&);
  DatasetLoader(DatasetLoader&&) noexcept;
  DatasetLoader& operator=(DatasetLoader&&) noexcept;

  /// Remembers a local path or an `s3://bucket/key` URI to read. An S3 object is checked
  /// (HeadObject) now and streamed on each read, in ranged GETs with bounded memory.
  /// @throws DataPrepError when the file or object does not exist, cannot be read or has the
  /// wrong extension (for S3 the message names the URI and the AWS error code).
  DatasetLoader& load(const std::string& path);

  /// Prints the first `n` records (`Row i: <json>`) to `out` (stdout by default).
  void show(int n = 10) const;
  void show(int n, std::ostream& out) const;

  /// Splits into train / validation / test loaders, reproducing the reference SDK's
  /// shuffle for the same seed. @throws DataPrepError on bad ratios or an empty dataset.
  std::tuple<DatasetLoader, DatasetLoader, DatasetLoader> split_data(double train_ratio = 0.8,
                                                                    double val_ratio = 0.1,
                                                                    double test_ratio = 0.1,
                                                                    std::uint64_t seed = 42) const;

  /// Transforms records to the format `method` on `model` needs (lazily: applied as records
  /// are read). Data already in that format is left unchanged.
  /// @throws ValueError for an unsupported method/model combination
  /// @throws DataPrepError when a record cannot be transformed
  DatasetLoader& transform(TrainingMethod method, Model model);

  /// Validates every record. @throws ValidationError (a ValueError) listing the invalid records.
  void validate(TrainingMethod method, Model model,
                std::optional<EvaluationTask> eval_task = std::nullopt) const;

  /// Like validate(), but returns the report instead of throwing on invalid records.
  /// @param max_issues how many issues to keep in the report (all are counted)
  ValidationReport check(TrainingMethod method, Model model,
                         std::optional<EvaluationTask> eval_task = std::nullopt,
                         std::size_t max_issues = 1000) const;

  /// Writes the dataset to `save_path` (`.jsonl` or `.json`): a local file through a temporary
  /// file renamed into place, or an `s3://bucket/key` object through a streamed multipart
  /// upload completed at the end (aborted on failure: no partial object is ever left).
  /// @return the path written. @throws DataPrepError
  std::string save_data(const std::string& save_path) const;

  /// Streams the records as JSON text (Python `json.dumps` form) to `fn` until it returns
  /// false: the transformed records after transform(), the raw ones when `raw`. The text is
  /// valid only during the call. For bindings that hand records out one at a time.
  /// @throws DataPrepError for an unreadable record or a record that cannot be transformed
  void for_each_json(const std::function<bool(std::string_view)>& fn, bool raw = false) const;

  /// Number of records (reads the whole dataset once).
  std::uint64_t count() const;

  const ColumnMappings& column_mappings() const;
  DatasetFormat format() const;
  /// The loaded path, empty before load().
  std::string path() const;

 protected:
  DatasetLoader(DatasetFormat format, ColumnMappings column_mappings);

 private:
  explicit DatasetLoader(std::shared_ptr<const dataset_detail::LoaderState> state);
  std::shared_ptr<const dataset_detail::LoaderState> state_;
};

/// Reads JSON Lines: one JSON value per line.
class JSONLDatasetLoader : public DatasetLoader {
 public:
  explicit JSONLDatasetLoader(ColumnMappings column_mappings = {});
};

/// Reads a JSON document: a top-level array gives one record per element.
class JSONDatasetLoader : public DatasetLoader {
 public:
  explicit JSONDatasetLoader(ColumnMappings column_mappings = {});
};

/// Reads CSV (RFC 4180): the header row names the columns; every value is a string.
class CSVDatasetLoader : public DatasetLoader {
 public:
  explicit CSVDatasetLoader(ColumnMappings column_mappings = {});
};

/// A loader for a path's extension (`.jsonl`, `.json`, `.csv`). @throws DataPrepError
DatasetLoader make_loader_for_path(const std::string& path, ColumnMappings column_mappings = {});

}  // namespace nova
