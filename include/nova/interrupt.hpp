#pragma once
/// @file
/// Ctrl-C and SIGTERM. A signal only raises a flag; the SDK's long-running loops (record
/// streams, HTTP transfers, retries, waits, polls) check it and unwind by throwing
/// InterruptedError, so every destructor runs: temporary files are removed, unfinished S3
/// multipart uploads are aborted, nothing is left half-written. What was created before
/// the interrupt and keeps running (a training job, an endpoint) is listed by
/// created_resources(), so the caller can say how to stop it.

#include <chrono>
#include <string>
#include <vector>

#include "nova/error.hpp"

namespace nova {

/// The operation stopped because an interrupt was requested.
class InterruptedError : public Error {
 public:
  explicit InterruptedError(int signal);
  /// The signal that asked for it (SIGINT 2, SIGTERM 15).
  int signal() const noexcept { return signal_; }

 private:
  int signal_;
};

/// Installs SIGINT and SIGTERM handlers that request an interrupt. A second signal while
/// the first is being honoured ends the process at once (the default action).
void install_interrupt_handlers();

/// Asks running operations to stop (async-signal-safe: the handlers call it; the Python
/// module calls it when Python saw Ctrl-C).
void request_interrupt(int signal) noexcept;
/// The requested signal, 0 when none.
int interrupt_signal() noexcept;
/// Forgets a request (the Python module after raising KeyboardInterrupt; tests).
void clear_interrupt() noexcept;
/// Throws InterruptedError when an interrupt was requested and none is deferred on this thread.
void check_interrupt();

/// Sleeps like std::this_thread::sleep_for, waking within 50 ms to throw InterruptedError.
void sleep_interruptibly(std::chrono::milliseconds duration);

/// While one lives on a thread, interrupts wait: check_interrupt() does not throw there and
/// transfers are not cut. For work that must finish once begun: a create call whose answer
/// names the resource, the abort of a multipart upload.
class DeferInterrupts {
 public:
  DeferInterrupts() noexcept;
  ~DeferInterrupts();
  DeferInterrupts(const DeferInterrupts&) = delete;
  DeferInterrupts& operator=(const DeferInterrupts&) = delete;
  /// True while any DeferInterrupts lives on this thread.
  static bool active() noexcept;
};

/// Records something created that keeps running (or costing) after the command ends, as
/// one sentence saying how to stop it: "training job X was created and is running; stop it
/// with `nova job stop X`". Interrupted commands print them.
void note_created(std::string what);
/// Forgets a note once the resource is reported another way (a result file was written).
void forget_created(const std::string& what);
std::vector<std::string> created_resources();

}  // namespace nova
