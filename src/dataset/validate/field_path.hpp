#pragma once
// Where a value sits in a record, e.g. `messages[0].content[1].image.format`. Built on the stack
// while a record is walked and turned into text only when an issue is reported, so checking a
// valid record allocates nothing.

#include <cstddef>
#include <string>
#include <string_view>

namespace nova::dataset {

class FieldPath {
 public:
  // The record itself; renders as "".
  constexpr FieldPath() noexcept = default;

  // A child refers to its parent, so the parent must be a named object that outlives it;
  // calling these on a temporary does not compile.
  FieldPath key(std::string_view name) const& noexcept { return FieldPath(this, name, 0, Kind::kKey); }
  FieldPath index(std::size_t i) const& noexcept { return FieldPath(this, {}, i, Kind::kIndex); }
  FieldPath key(std::string_view) const&& = delete;
  FieldPath index(std::size_t) const&& = delete;

  std::string str() const;
  // The innermost key ("" for the record or an index), for hints.
  std::string_view last_key() const noexcept { return kind_ == Kind::kKey ? name_ : std::string_view{}; }

 private:
  enum class Kind { kRoot, kKey, kIndex };
  constexpr FieldPath(const FieldPath* parent, std::string_view name, std::size_t i, Kind kind) noexcept
      : parent_(parent), name_(name), index_(i), kind_(kind) {}
  void append_to(std::string& out) const;

  const FieldPath* parent_{nullptr};
  std::string_view name_;
  std::size_t index_{0};
  Kind kind_{Kind::kRoot};
};

}  // namespace nova::dataset
