#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "core/text.hpp"
#include "dataset/issue_sink.hpp"
#include "dataset/json/python_json_writer.hpp"
#include "dataset/loader_state.hpp"
#include "dataset/reader/byte_source.hpp"
#include "dataset/record_stream.hpp"
#include "dataset/s3/s3_io.hpp"
#include "dataset/split/python_random.hpp"
#include "dataset/validate/validator.hpp"
#include "dataset/writer/output_sink.hpp"
#include "nova/dataset.hpp"

namespace nova {

using dataset_detail::LoaderState;

namespace {

std::string_view extension_for(DatasetFormat format) {
  switch (format) {
    case DatasetFormat::JSONL:
      return ".jsonl";
    case DatasetFormat::JSON:
      return ".json";
    case DatasetFormat::CSV:
      return ".csv";
  }
  return "";
}

std::string_view hint_for_unreadable(std::string_view rule) {
  if (rule == "encoding.utf8") return "save the file as UTF-8";
  if (rule == "csv.unterminated_quote") return "close the quoted cell with '\"' (write a literal quote as '\"\"')";
  if (rule == "json.truncated") return "the file ends early; check that it was written or copied completely";
  if (rule == "encoding.nul") return "save the file as UTF-8 text (NUL bytes come from UTF-16 or binary files)";
  if (rule == "record.too_large") return "split the record, or move large content to S3 and reference it";
  if (rule == "csv.too_many_columns") return "check the delimiter: the file must be comma-separated with one header row";
  if (rule == "json.depth") return "flatten the record: no dataset format nests this deep";
  return "fix the JSON syntax of this record (a .jsonl file holds one complete JSON value per line)";
}

}  // namespace

DatasetLoader::DatasetLoader(DatasetFormat format, ColumnMappings column_mappings) {
  auto state = std::make_shared<LoaderState>();
  state->format = format;
  state->mappings = std::move(column_mappings);
  state_ = std::move(state);
}

DatasetLoader::DatasetLoader(std::shared_ptr<const LoaderState> state) : state_(std::move(state)) {}
DatasetLoader::~DatasetLoader() = default;
DatasetLoader::DatasetLoader(const DatasetLoader&) = default;
DatasetLoader& DatasetLoader::operator=(const DatasetLoader&) = default;
DatasetLoader::DatasetLoader(DatasetLoader&&) noexcept = default;
DatasetLoader& DatasetLoader::operator=(DatasetLoader&&) noexcept = default;

const ColumnMappings& DatasetLoader::column_mappings() const { return state_->mappings; }
DatasetFormat DatasetLoader::format() const { return state_->format; }
std::string DatasetLoader::path() const { return state_->path; }

DatasetLoader& DatasetLoader::load(const std::string& path) {
  const auto ext = extension_for(state_->format);
  if (!core::ends_with_icase(path, ext)) {
    throw DataPrepError(fmt::format("Cannot load '{}': this loader reads {} files", path, ext));
  }
  if (dataset::is_s3_uri(path)) {
    dataset::check_s3_object(path);  // HeadObject: a missing object fails now, not later
  } else {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw DataPrepError(fmt::format("Cannot load '{}': no such file", path));
    if (std::filesystem::is_directory(path, ec)) {
      throw DataPrepError(fmt::format("Cannot load '{}': it is a directory", path));
    }
    dataset::open_file_source(path);  // fails now, not later, when the file is unreadable
  }
  auto state = std::make_shared<LoaderState>();
  state->format = state_->format;
  state->mappings = state_->mappings;
  state->path = path;
  state_ = std::move(state);
  return *this;
}

void DatasetLoader::show(int n) const { show(n, std::cout); }

void DatasetLoader::show(int n, std::ostream& out) const {
  bool any = false;
  int shown = 0;
  std::string line;
  dataset::for_each_record(*state_, dataset::Need::kElement, [&](dataset::RecordView& r) {
    if (shown >= n) return false;
    if (!any) {
      out << (state_->transformed ? "Showing transformed dataset:" : "Showing raw dataset:") << '\n';
      any = true;
    }
    line = fmt::format("Row {}: ", shown);
    if (!r.rule.empty()) {
      line += fmt::format("<unreadable at line {}: {} [{}]>", r.ref.line, r.message, r.rule);
    } else {
      dataset::PythonJsonWriter writer(line, dataset::PythonJsonWriter::Options{true, -1});
      writer.value(r.element);
    }
    out << line << '\n';
    ++shown;
    return true;
  });
  if (!any) out << "Dataset is empty. Call load() method to load data first" << '\n';
}

std::uint64_t DatasetLoader::count() const {
  if (state_->spool) return state_->selection->size();
  std::uint64_t n = 0;
  auto raw_state = *state_;
  raw_state.transformer.reset();  // counting does not need the transform
  dataset::for_each_record(raw_state, dataset::Need::kText, [&](dataset::RecordView&) {
    ++n;
    return true;
  });
  return n;
}

DatasetLoader& DatasetLoader::transform(TrainingMethod method, Model model) {
  dataset::TransformPlanner planner(method, model, state_->mappings);
  auto raw_state = *state_;
  raw_state.transformer.reset();
  raw_state.transformed = false;
  dataset::for_each_record(raw_state, dataset::Need::kElement, [&](dataset::RecordView& r) {
    if (!r.rule.empty()) dataset::throw_unreadable(r);
    planner.observe(r.element);
    return !planner.decided();
  });
  auto state = std::make_shared<LoaderState>(raw_state);
  state->transformer = planner.finish();
  state->transformed = true;
  state_ = std::move(state);
  return *this;
}

ValidationReport DatasetLoader::check(TrainingMethod method, Model model, std::optional<EvaluationTask> eval_task,
                                      std::size_t max_issues) const {
  ValidationReport report;
  auto validator = dataset::make_validator(method, model, eval_task, report.skipped_reason);
  if (!validator) return report;
  report.dataset_kind = std::string(validator->dataset_kind());
  dataset::IssueSink sink(max_issues);
  dataset::for_each_record(*state_, dataset::Need::kElement, [&](dataset::RecordView& r) {
    ++report.records;
    if (!r.rule.empty()) {
      sink.add(r.ref, std::string(r.path), r.rule, r.message, std::string(hint_for_unreadable(r.rule)));
      return true;
    }
    validator->check(r.element, r.ref, sink);
    return true;
  });
  validator->finish(sink);
  report.total_issues = sink.total();
  report.invalid_records = sink.invalid_records();
  report.issues = std::move(sink.issues());
  report.valid = report.total_issues == 0;
  return report;
}

void DatasetLoader::validate(TrainingMethod method, Model model, std::optional<EvaluationTask> eval_task) const {
  ValidationReport report = check(method, model, eval_task, 1000);
  if (!report.skipped_reason.empty()) {
    std::cout << report.skipped_reason << '\n';
    return;
  }
  if (!report.valid) throw ValidationError(std::move(report));
  std::cout << fmt::format("Validation succeeded for {} samples on {} {} dataset.", report.records,
                           report.dataset_kind == "Evaluation BYOD" ? "an" : "a", report.dataset_kind)
            << '\n';
}

std::string DatasetLoader::save_data(const std::string& save_path) const {
  const bool jsonl = save_path.ends_with(".jsonl");
  const bool json = !jsonl && save_path.ends_with(".json");
  if (!jsonl && !json) throw DataPrepError("Unsupported format. Use '.json' or '.jsonl' extension");
  const bool s3 = dataset::is_s3_uri(save_path);
  if (s3) dataset::parse_s3_uri(save_path);  // a malformed URI fails before any reading
  std::error_code ec;
  if (!state_->path.empty() && (s3 ? state_->path == save_path : std::filesystem::equivalent(state_->path, save_path, ec))) {
    throw DataPrepError(fmt::format("Refusing to save over the input file '{}'", save_path));
  }
  try {
    const auto sink = dataset::open_output(save_path);
    dataset::OutputSink& file = *sink;
    std::string out;
    std::uint64_t n = 0;
    std::string first_json;  // .json: one record is written as an object, more as an array
    dataset::for_each_record(*state_, dataset::Need::kText, [&](dataset::RecordView& r) {
      if (!r.rule.empty()) dataset::throw_unreadable(r);
      out.clear();
      if (jsonl) {
        if (!r.canonical.empty()) {
          out.append(r.canonical);
        } else {
          dataset::PythonJsonWriter writer(out);
          writer.value(r.element);
        }
        out.push_back('\n');
        file.write(out);
      } else {
        // Pretty-printing needs the element; canonical text is re-parsed here (JSON output is rare).
        simdjson::dom::parser parser;
        simdjson::dom::element element = r.element;
        if (!r.canonical.empty()) element = parser.parse(std::string(r.canonical));
        dataset::PythonJsonWriter writer(out, dataset::PythonJsonWriter::Options{false, 2});
        writer.value(element);
        if (n == 0) {
          first_json = out;
        } else {
          if (n == 1) {
            file.write("[\n");
            file.write(first_json);
          }
          file.write(",\n");
          file.write(out);
        }
      }
      ++n;
      return true;
    });
    if (json) {
      if (n == 0) file.write("{}");
      if (n == 1) file.write(first_json);
      if (n > 1) file.write("\n]");
    }
    file.commit();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw DataPrepError(fmt::format("Error saving dataset: {}", e.what()));
  }
  return save_path;
}

std::tuple<DatasetLoader, DatasetLoader, DatasetLoader> DatasetLoader::split_data(double train_ratio,
                                                                                  double val_ratio,
                                                                                  double test_ratio,
                                                                                  std::uint64_t seed) const {
  if (train_ratio < 0 || val_ratio < 0 || test_ratio < 0) {
    throw DataPrepError("Calculated ratio is negative. Please provide non-negative ratios.");
  }
  if (std::abs(train_ratio + val_ratio + test_ratio - 1.0) > 1e-6) {
    throw DataPrepError(fmt::format("Split ratios must sum to 1.0 (got {} + {} + {} = {})", train_ratio, val_ratio,
                                    test_ratio, train_ratio + val_ratio + test_ratio));
  }
  auto spool = std::make_shared<dataset::Spool>();
  spool->set_source_name(state_->spool ? state_->spool->source_name() : state_->path);
  std::string text;
  dataset::for_each_record(*state_, dataset::Need::kText, [&](dataset::RecordView& r) {
    if (!r.rule.empty()) dataset::throw_unreadable(r);
    if (!r.canonical.empty()) {
      spool->append(r.canonical, r.ref.line);
    } else {
      text.clear();
      dataset::PythonJsonWriter writer(text);
      writer.value(r.element);
      spool->append(text, r.ref.line);
    }
    return true;
  });
  spool->finish_writing();
  const std::uint64_t n = spool->size();
  if (n == 0) throw DataPrepError("Dataset is empty. Call load() method first");
  if (n > UINT32_MAX) throw DataPrepError("split_data supports at most 4294967295 records");
  dataset::PythonRandom random(seed);
  const auto order = random.shuffled_range(static_cast<std::uint32_t>(n));
  const auto sizes = dataset::reference_split_sizes(n, train_ratio, val_ratio, test_ratio);
  auto make = [&](std::uint64_t begin, std::uint64_t count) {
    auto state = std::make_shared<LoaderState>();
    state->format = state_->format;
    state->mappings = state_->mappings;
    state->spool = spool;
    state->selection = std::make_shared<const std::vector<std::uint32_t>>(
        order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(begin + count));
    return DatasetLoader(std::shared_ptr<const LoaderState>(std::move(state)));
  };
  return {make(0, sizes.train), make(sizes.train, sizes.val), make(sizes.train + sizes.val, sizes.test)};
}

JSONLDatasetLoader::JSONLDatasetLoader(ColumnMappings column_mappings)
    : DatasetLoader(DatasetFormat::JSONL, std::move(column_mappings)) {}
JSONDatasetLoader::JSONDatasetLoader(ColumnMappings column_mappings)
    : DatasetLoader(DatasetFormat::JSON, std::move(column_mappings)) {}
CSVDatasetLoader::CSVDatasetLoader(ColumnMappings column_mappings)
    : DatasetLoader(DatasetFormat::CSV, std::move(column_mappings)) {}

DatasetLoader make_loader_for_path(const std::string& path, ColumnMappings column_mappings) {
  if (core::ends_with_icase(path, ".jsonl")) return JSONLDatasetLoader(std::move(column_mappings));
  if (core::ends_with_icase(path, ".json")) return JSONDatasetLoader(std::move(column_mappings));
  if (core::ends_with_icase(path, ".csv")) return CSVDatasetLoader(std::move(column_mappings));
  throw DataPrepError(fmt::format("Cannot tell the format of '{}': use a .jsonl, .json or .csv file", path));
}

}  // namespace nova
