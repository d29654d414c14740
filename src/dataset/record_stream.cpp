#include "dataset/record_stream.hpp"

#include <fmt/format.h>

#include "dataset/reader/record_reader.hpp"
#include "nova/error.hpp"
#include "nova/interrupt.hpp"

namespace nova::dataset {
namespace {

void set_parse_error(RecordView& view, simdjson::error_code code) {
  if (code == simdjson::UTF8_ERROR) {
    view.rule = "encoding.utf8";
    view.message = "the record is not valid UTF-8";
  } else if (code == simdjson::DEPTH_ERROR) {
    // The parser's own bound: every DOM walk after it (validators, writer) recurses.
    view.rule = "json.depth";
    view.message = fmt::format("the record nests objects and arrays more than {} levels deep",
                               simdjson::DEFAULT_MAX_DEPTH);
  } else {
    view.rule = "json.syntax";
    view.message = fmt::format("not valid JSON: {}", simdjson::error_message(code));
  }
}

class Pass {
 public:
  Pass(const nova::dataset_detail::LoaderState& state, Need need, const std::function<bool(RecordView&)>& fn)
      : state_(state), need_(need), fn_(fn) {}

  // Returns false when the callback asked to stop.
  bool record(const char* text, std::size_t length, std::uint64_t line, std::string_view rule,
              const std::string& error, std::string_view path = {}) {
    check_interrupt();  // every dataset operation streams through here: Ctrl-C unwinds from the next record
    RecordView view;
    view.ref = RecordRef{&file_, index_++, line};
    if (!rule.empty()) {
      view.rule = rule;
      view.message = error;
      view.path = path;
      return fn_(view);
    }
    auto parsed = parser_.parse(text, length, false);
    if (parsed.error()) {
      set_parse_error(view, parsed.error());
      return fn_(view);
    }
    if (state_.transformer) {
      transformed_.clear();
      PythonJsonWriter writer(transformed_);
      state_.transformer->transform(parsed.value_unsafe(), view.ref, writer);
      view.canonical = transformed_;
      if (need_ == Need::kElement) {
        auto reparsed = output_parser_.parse(transformed_);
        if (reparsed.error()) {
          set_parse_error(view, reparsed.error());
          return fn_(view);
        }
        view.element = reparsed.value_unsafe();
      }
      return fn_(view);
    }
    view.element = parsed.value_unsafe();
    return fn_(view);
  }

  std::string file_;

 private:
  const nova::dataset_detail::LoaderState& state_;
  Need need_;
  const std::function<bool(RecordView&)>& fn_;
  simdjson::dom::parser parser_;
  simdjson::dom::parser output_parser_;
  std::string transformed_;
  std::uint64_t index_{0};
};

}  // namespace

void for_each_record(const nova::dataset_detail::LoaderState& state, Need need,
                     const std::function<bool(RecordView&)>& fn) {
  Pass pass(state, need, fn);
  if (state.spool) {
    const Spool& spool = *state.spool;
    pass.file_ = spool.source_name();
    std::string buffer;
    const std::string no_error;
    for (std::uint32_t i : *state.selection) {
      spool.read(i, buffer, simdjson::SIMDJSON_PADDING);
      if (!pass.record(buffer.data(), buffer.size(), spool.entry(i).line, {}, no_error)) return;
    }
    return;
  }
  if (state.path.empty()) throw DataPrepError("No data loaded. Call load() with a file path first.");
  pass.file_ = state.path;
  auto reader = make_record_reader(state.format, open_source(state.path));
  RawRecord raw;
  while (reader->next(raw)) {
    if (!pass.record(raw.text.data(), raw.text.size(), raw.line, raw.rule, raw.error, raw.path)) return;
  }
}

void throw_unreadable(const RecordView& record) {
  throw DataPrepError(fmt::format("{}:{}: record {} cannot be read: {}{} [{}]", *record.ref.file, record.ref.line,
                                  record.ref.index, record.path.empty() ? "" : fmt::format("{}: ", record.path),
                                  record.message, record.rule));
}

}  // namespace nova::dataset
