#include "aws/s3/transfer_progress.hpp"

#include <mutex>

#include "nova/aws.hpp"

namespace nova {
namespace {

std::mutex g_progress_mutex;
TransferProgressHandler g_progress;

}  // namespace

void set_transfer_progress_handler(TransferProgressHandler handler) {
  std::lock_guard lock(g_progress_mutex);
  g_progress = std::move(handler);
}

namespace aws {

void report_transfer_progress(const std::string& uri, bool upload, std::uint64_t bytes, std::uint64_t total, bool done) {
  TransferProgressHandler handler;
  {
    std::lock_guard lock(g_progress_mutex);
    handler = g_progress;
  }
  if (handler) handler(TransferProgress{uri, upload, bytes, total, done});
}

}  // namespace aws
}  // namespace nova
