// Ctrl-C reaching the engine. Python's SIGINT handler only marks the signal; Python acts on
// the mark when its main thread runs bytecode again, which never happens while an engine
// call (a wait, a transfer, a retry's backoff) runs without the GIL. So while any such call
// runs, SIGINT goes first to a handler that requests the engine's interrupt (its loops then
// unwind with InterruptedError, running every destructor) and then to Python's own handler.
// The translator turns the InterruptedError into Python's reaction to the mark:
// KeyboardInterrupt, or what the user's handler raises.
#include <csignal>
#include <mutex>

#include "bindings.hpp"
#include "nova/interrupt.hpp"

namespace nova::python {
namespace {

std::mutex g_mutex;
int g_calls = 0;             // engine calls running without the GIL, all threads
struct sigaction g_python{};  // the handler the forwarding chains to; written only while not installed

extern "C" void forward_sigint(int signal, siginfo_t* info, void* context) {
  request_interrupt(signal);
  if ((g_python.sa_flags & SA_SIGINFO) != 0) {
    g_python.sa_sigaction(signal, info, context);
  } else if (g_python.sa_handler != SIG_DFL && g_python.sa_handler != SIG_IGN) {
    g_python.sa_handler(signal);
  }
}

bool is_forwarding(const struct sigaction& action) {
  return (action.sa_flags & SA_SIGINFO) != 0 && action.sa_sigaction == forward_sigint;
}

}  // namespace

SigintForwarding::SigintForwarding() {
  const std::lock_guard lock(g_mutex);
  if (g_calls++ > 0) return;
  struct sigaction current {};
  if (sigaction(SIGINT, nullptr, &current) != 0) return;
  // Ignored or default: whoever embeds Python chose what Ctrl-C does; that stays.
  if ((current.sa_flags & SA_SIGINFO) == 0 && (current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL)) return;
  g_python = current;
  struct sigaction forwarding = current;
  forwarding.sa_flags |= SA_SIGINFO;
  forwarding.sa_sigaction = forward_sigint;
  sigaction(SIGINT, &forwarding, nullptr);
}

SigintForwarding::~SigintForwarding() {
  const std::lock_guard lock(g_mutex);
  if (--g_calls > 0) return;
  struct sigaction current {};
  // signal.signal() on another thread may have replaced the forwarding meanwhile: keep theirs.
  if (sigaction(SIGINT, nullptr, &current) == 0 && is_forwarding(current)) sigaction(SIGINT, &g_python, nullptr);
  // Python holds its own mark of the signal; a request the engine did not reach must not
  // stop the next call.
  clear_interrupt();
}

void raise_keyboard_interrupt() {
  clear_interrupt();
  // Python's handler saw the same signal: running it now raises KeyboardInterrupt (or the
  // user's exception). Off the main thread, or when the handler raised nothing, the call was
  // still cut short, so KeyboardInterrupt it is.
  if (PyErr_CheckSignals() == 0 && PyErr_Occurred() == nullptr) PyErr_SetNone(PyExc_KeyboardInterrupt);
}

}  // namespace nova::python
