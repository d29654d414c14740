#pragma once
// A growable read-ahead window over a ByteSource. Readers scan the window, consume
// what they have handed on, and refill: the unconsumed tail moves to the front and
// more bytes are read after it. The window grows only when a single record is larger
// than it, so memory follows the largest record, not the file.
//
// The allocation always keeps simdjson::SIMDJSON_PADDING bytes after the window, so a
// view into it can be parsed by simdjson in place.

#include <cstring>
#include <memory>
#include <string_view>

#include "dataset/reader/byte_source.hpp"

namespace nova::dataset {

class StreamBuffer {
 public:
  static constexpr std::size_t kPadding = 64;  // == simdjson::SIMDJSON_PADDING

  explicit StreamBuffer(ByteSource& source, std::size_t chunk = std::size_t{1} << 16)
      : source_(source), capacity_(chunk), data_(new char[chunk + kPadding]) {
    std::memset(data_.get(), 0, chunk + kPadding);
  }

  const char* begin() const { return data_.get() + pos_; }
  std::size_t size() const { return end_ - pos_; }
  std::string_view window() const { return {begin(), size()}; }
  bool eof() const { return eof_; }

  void consume(std::size_t n) { pos_ += n; }

  // Reads more data after the current window. Returns false when the source is exhausted
  // (the window is unchanged then).
  bool refill() {
    if (eof_) return false;
    if (pos_ > 0) {
      std::memmove(data_.get(), data_.get() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    if (end_ == capacity_) grow();
    const std::size_t got = source_.read(data_.get() + end_, capacity_ - end_);
    if (got == 0) {
      eof_ = true;
      return false;
    }
    end_ += got;
    return true;
  }

 private:
  void grow() {
    const std::size_t new_capacity = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[new_capacity + kPadding]);
    std::memcpy(bigger.get(), data_.get(), end_);
    std::memset(bigger.get() + end_, 0, new_capacity + kPadding - end_);
    data_ = std::move(bigger);
    capacity_ = new_capacity;
  }

  ByteSource& source_;
  std::size_t capacity_;
  std::unique_ptr<char[]> data_;
  std::size_t pos_{0};
  std::size_t end_{0};
  bool eof_{false};
};

inline bool starts_with_bom(std::string_view s) { return s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF"; }

}  // namespace nova::dataset
