// `--memory-limit SIZE`, for every command that simulates: the deliberate way past the memory
// a run is allowed by default (RunSettings::memory_limit_bytes, limits.h).
#pragma once

#include <cstdint>
#include <optional>

#include <CLI/CLI.hpp>

#include "ccsim/model.h"

namespace ccsim::cli {

inline void add_memory_limit_option(CLI::App* cmd, std::optional<std::uint64_t>& bytes) {
  cmd->add_option("--memory-limit", bytes,
                  "Memory the run may use (e.g. 8G, 512M; K, M, G and T are powers of 1024). The "
                  "run is refused before it starts if its estimate is larger, and stopped if its "
                  "contacts in the system outgrow it. Default: 4G")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::uint64_t{1} << 20, std::uint64_t{1} << 50));
}

inline void apply_memory_limit(const std::optional<std::uint64_t>& bytes, Model& model) {
  if (bytes) model.run.memory_limit_bytes = *bytes;
}

}  // namespace ccsim::cli
