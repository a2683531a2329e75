// CCSIM_CHECK: an invariant of the simulator itself. A failure is a bug, never bad input, so it
// stops the program loudly with the place and the broken rule instead of returning wrong numbers.
#pragma once

#include <cstdio>
#include <cstdlib>

#define CCSIM_CHECK(condition, message)                                                  \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "ccsim: internal error at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   message, #condition);                                                 \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
