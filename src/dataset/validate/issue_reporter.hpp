#pragma once
// Reports the issues of one record. Messages and hints are given as text or as a callable that
// builds the text, which runs only when the sink keeps the issue; a path is rendered then too.

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "dataset/issue_sink.hpp"
#include "dataset/record.hpp"
#include "dataset/validate/field_path.hpp"

namespace nova::dataset {

class IssueReporter {
 public:
  IssueReporter(const RecordRef& ref, IssueSink& sink) noexcept : ref_(&ref), sink_(&sink) {}

  template <class Message, class Hint>
  void add(const FieldPath& path, std::string_view rule, Message&& message, Hint&& hint) {
    ++count_;
    if (!sink_->keeps_details()) {
      sink_->add(*ref_, {}, rule, {}, {});
      return;
    }
    sink_->add(*ref_, path.str(), rule, render(message), render(hint));
  }

  // True once this record has an issue.
  bool any() const noexcept { return count_ != 0; }
  std::size_t count() const noexcept { return count_; }
  const RecordRef& ref() const noexcept { return *ref_; }

 private:
  static std::string render(std::string_view text) { return std::string(text); }
  template <std::invocable F>
  static std::string render(F& make_text) {
    return make_text();
  }

  const RecordRef* ref_;
  IssueSink* sink_;
  std::size_t count_{0};
};

}  // namespace nova::dataset
