#pragma once
// A spool holds records (as canonical JSON text) in an anonymous temporary file, with
// an index of where each record is and where it came from. split_data() spools the
// dataset once; the three split loaders then read their records back by index, so no
// split holds records in memory.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nova::dataset {

class Spool {
 public:
  Spool();  // throws DataPrepError when no temporary file can be created
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  struct Entry {
    std::uint64_t offset;
    std::uint32_t length;
    std::uint64_t line;   // line in the original file
  };

  void append(std::string_view record_json, std::uint64_t line);
  void finish_writing();  // flushes the write buffer

  std::size_t size() const { return entries_.size(); }
  const Entry& entry(std::size_t i) const { return entries_[i]; }
  // Reads record i into `out`, leaving `padding` readable bytes after it.
  void read(std::size_t i, std::string& out, std::size_t padding) const;
  const std::string& source_name() const { return source_name_; }
  void set_source_name(std::string name) { source_name_ = std::move(name); }

 private:
  void flush();
  int fd_{-1};
  std::uint64_t written_{0};
  std::string pending_;
  std::vector<Entry> entries_;
  std::string source_name_;
};

}  // namespace nova::dataset
