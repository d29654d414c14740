#pragma once
// One pass over a loader's records for a Python iterator. The C++ pass pushes records;
// Python pulls them. A worker thread runs the pass and hands JSON texts over through a
// small bounded queue, so iterating a large file keeps memory constant and never holds
// the GIL while reading.

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "nova/dataset.hpp"

namespace nova::python {

class RecordStream {
 public:
  RecordStream(DatasetLoader loader, bool raw);
  ~RecordStream();
  RecordStream(const RecordStream&) = delete;
  RecordStream& operator=(const RecordStream&) = delete;

  /// Up to `max` records as JSON texts; empty at the end. Rethrows the pass's error.
  /// Called with the GIL held; waits without it, checking for Ctrl-C.
  std::vector<std::string> next_batch(std::size_t max);

 private:
  struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> queue;
    bool done{false};
    bool cancelled{false};
    std::exception_ptr error;
  };
  std::shared_ptr<Shared> shared_;
  std::thread worker_;
};

}  // namespace nova::python
