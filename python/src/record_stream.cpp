#include "record_stream.hpp"

#include <chrono>

#include "bindings.hpp"

namespace nova::python {
namespace {
// Records in flight between the pass and Python: enough to keep both busy, small enough
// that memory does not depend on the file.
constexpr std::size_t kQueueLimit = 256;
}  // namespace

RecordStream::RecordStream(DatasetLoader loader, bool raw) : shared_(std::make_shared<Shared>()) {
  worker_ = std::thread([shared = shared_, loader = std::move(loader), raw] {
    try {
      loader.for_each_json(
          [&](std::string_view json) {
            std::unique_lock lock(shared->mutex);
            shared->changed.wait(lock, [&] { return shared->queue.size() < kQueueLimit || shared->cancelled; });
            if (shared->cancelled) return false;
            shared->queue.emplace_back(json);
            shared->changed.notify_all();
            return true;
          },
          raw);
    } catch (...) {
      std::lock_guard lock(shared->mutex);
      shared->error = std::current_exception();
    }
    std::lock_guard lock(shared->mutex);
    shared->done = true;
    shared->changed.notify_all();
  });
}

RecordStream::~RecordStream() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->cancelled = true;
    shared_->changed.notify_all();
  }
  if (worker_.joinable()) {
    EngineCall release;
    worker_.join();
  }
}

std::vector<std::string> RecordStream::next_batch(std::size_t max) {
  std::vector<std::string> out;
  {
    EngineCall release;
    std::unique_lock lock(shared_->mutex);
    while (shared_->queue.empty() && !shared_->done) {
      shared_->changed.wait_for(lock, std::chrono::milliseconds(100));
      if (shared_->queue.empty() && !shared_->done) {
        lock.unlock();
        check_signals();
        lock.lock();
      }
    }
    while (!shared_->queue.empty() && out.size() < max) {
      out.push_back(std::move(shared_->queue.front()));
      shared_->queue.pop_front();
    }
    shared_->changed.notify_all();
    if (out.empty() && shared_->error) std::rethrow_exception(shared_->error);
  }
  return out;
}

}  // namespace nova::python
