#pragma once
// Tests of interrupts start with none requested and no notes (every create of the process
// notes what it made), and leave none behind, even when an assertion ends them early: the
// next test must not be interrupted by this one's.

#include "nova/interrupt.hpp"

namespace nova::testing {

struct InterruptReset {
  InterruptReset() { reset(); }
  InterruptReset(const InterruptReset&) = delete;
  InterruptReset& operator=(const InterruptReset&) = delete;
  ~InterruptReset() { reset(); }

  static void reset() {
    clear_interrupt();
    for (const auto& note : created_resources()) forget_created(note);
  }
};

}  // namespace nova::testing
