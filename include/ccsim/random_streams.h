// Random streams: one independent engine per (scenario seed, replication, purpose, entity).
//
// Each purpose (arrivals of contact type k, handle times of type k, patience of type k, ...) draws
// from its own stream, so a change of policy that makes one purpose draw more or fewer numbers
// leaves every other draw where it was: common random numbers across variants of a scenario. Streams
// are never keyed by thread or MPI rank, so results do not depend on how work is scheduled.
//
// The engine is Philox4x64 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// a counter-based generator: a stream is a 128-bit key, so streams with different keys are
// disjoint by construction, cost nothing to create and need no seeding sequence.
#pragma once

#include <cstdint>

#include <Random123/philox.h>
#include <Random123/conventional/Engine.hpp>

namespace ccsim {

using RandomEngine = r123::Engine<r123::Philox4x64>;

enum class StreamPurpose : std::uint8_t {
  arrivals = 1,     // inter-arrival times and the day's busyness factor
  handle_time = 2,  // base handle time of each contact
  patience = 3,     // patience of each contact
  outcome = 4,      // resolved, escalated, or coming back: drawn when an agent finishes
  returns = 5,      // whether and when a customer comes back (repeat, retry)
  misroute = 6,     // which front-door contacts land in the wrong queue, and their short handle
  escalation = 7,   // handle and handoff times of escalated contacts
  callback = 8,     // acceptance, reach and dial time of callbacks
  deflection = 9,   // which demand self-service takes, and whether and when it leaks back
  bot = 10,         // entry, session length and outcome of bot sessions
  assist = 11,      // which contacts an agent handles with assist (entity: agent group)
  silent = 12,      // silent chat abandonment
  bot_outcome = 13,     // how a bot session ends, and the extra handle time of a handoff without context
  callback_dial = 14,   // the agent's dial time and whether the customer answers
  silent_discover = 15, // time an agent spends finding a silent chat empty
  wrap_up = 16,         // the agent's after-call work once a conversation ends
  queued_class = 17,    // the class a contact that must wait becomes, and its new draws
};

// The key packs (replication, purpose, entity) into one word beside the seed: replications below
// 2^40, entities (contact types, groups) below 2^16.
inline std::uint64_t stream_key_word(std::uint64_t replication, StreamPurpose purpose,
                                     std::uint32_t entity) {
  return (replication << 24) | (static_cast<std::uint64_t>(purpose) << 16) | (entity & 0xffffu);
}

inline RandomEngine make_stream(std::uint64_t seed, std::uint64_t replication,
                                StreamPurpose purpose, std::uint32_t entity) {
  RandomEngine::key_type key = {{seed, stream_key_word(replication, purpose, entity)}};
  return RandomEngine(key);
}

}  // namespace ccsim
