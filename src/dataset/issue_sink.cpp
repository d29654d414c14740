#include "dataset/issue_sink.hpp"

namespace nova::dataset {

void IssueSink::add(const RecordRef& ref, std::string path, std::string_view rule,
                    std::string message, std::string hint) {
  ++total_;
  if (ref.index != last_record_) {
    ++invalid_records_;
    last_record_ = ref.index;
  }
  if (issues_.size() >= capacity_) return;
  issues_.push_back(RecordIssue{*ref.file, ref.index, ref.line, std::move(path), std::string(rule),
                                std::move(message), std::move(hint)});
}

}  // namespace nova::dataset
