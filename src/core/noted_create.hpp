#pragma once
// A create that keeps running or costing once AWS has it (a job, an endpoint, a throughput).
// Ctrl-C must not cut it mid-way: its answer is what names the resource, and a resource made
// but never named to the user would run unseen. So the create (with its retries and lookups)
// runs with interrupts deferred, and once it is done the resource is noted; an interrupt
// that came meanwhile then stops the run at its next check, and the CLI prints the note.

#include <string>
#include <utility>

#include "nova/interrupt.hpp"

namespace nova::core {

// Runs `create`, then note_created(`note`); returns what `create` returned. An interrupt
// already requested stops it before anything is sent (InterruptedError): a run asked to
// stop must not begin another create.
template <class Create>
auto create_noted(Create&& create, std::string note) -> decltype(create()) {
  check_interrupt();
  auto result = [&] {
    const DeferInterrupts defer;
    return std::forward<Create>(create)();
  }();
  note_created(std::move(note));
  return result;
}

}  // namespace nova::core
