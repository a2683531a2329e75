#include "sim/reader/call_replay.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include <fmt/core.h>
#include <fmt/format.h>

#include "ccsim/call_log.h"
#include "ccsim/detail/scenario_keys.h"
#include "sim/reader/reading.h"

namespace ccsim::detail {

namespace {

std::optional<std::vector<std::string>> read_names(const Cursor& node) {
  if (!node.present()) return std::nullopt;
  if (!node.array()) return std::nullopt;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i)
    if (const auto name = node[i].string()) names.push_back(*name);
  if (names.empty()) node.fail("must list at least one outcome value, got []");
  return names;
}

// The log's format and the days chosen, as `ccsim fit` takes them by option.
bool read_format(const Cursor& node, CallLogFormat& format, CallLogSelection& selection) {
  bool ok = true;
  const Cursor columns = node.get("columns");
  if (columns.present() && columns.object()) {
    columns.allow_only(scenario_keys::replay_columns);
    for (const std::string& role : scenario_keys::replay_columns)
      if (const auto name = columns.get(role).string()) name_column(format, role, *name);
  }
  if (const auto served = read_names(node.get("served"))) format.served = *served;
  if (const auto abandoned = read_names(node.get("abandoned"))) format.abandoned = *abandoned;
  if (const auto d = node.get("delimiter").choice(delimiter_names(), "delimiter"))
    format.delimiter = delimiter_named(delimiter_names()[*d]);
  const auto day = [&](const char* key, std::chrono::year_month_day& into) {
    const Cursor at = node.get(key);
    if (const auto text = at.string(); text && !parse_day(*text, into)) {
      at.expected("a day such as \"1999-02-15\"");
      ok = false;
    }
  };
  day("from", selection.from);
  day("to", selection.to);
  const Cursor weekdays = node.get("weekdays");
  if (const auto text = weekdays.string(); text && !parse_weekdays(*text, selection.weekdays)) {
    weekdays.expected("days of the week such as \"sun-thu\" or \"mon,wed,fri\"");
    ok = false;
  }
  return ok;
}

}  // namespace

void read_call_replay(const Cursor& node, const Horizon& horizon, std::vector<ContactType>& types,
                      const std::vector<bool>& has_arrivals, const std::vector<Bot>& bots,
                      const IdList& type_ids, const std::filesystem::path& base_dir) {
  if (!node.object()) return;
  node.allow_only(scenario_keys::replay);
  const Cursor file_node = node.require("file");
  const auto file = file_node.string();
  CallLogFormat format;
  CallLogSelection selection;
  // The log is read only when everything about it is: its own errors come on their own.
  if (!read_format(node, format, selection) || !file || node.problems().any()) return;
  CallLog log = select_days(read_call_log(base_dir / *file, *file, format), selection);
  if (log.days.size() != static_cast<std::size_t>(horizon.days)) {
    node.fail(fmt::format("chooses {} day{} of the log (days with calls), but the horizon has {}: "
                          "each replayed day is a day of the horizon",
                          log.days.size(), log.days.size() == 1 ? "" : "s", horizon.days));
    return;
  }
  // Each of the log's types is the scenario's type of that id, or of the id `ccsim fit` gives it.
  const std::vector<std::string> fitted = scenario_ids(log.types);
  std::vector<std::optional<std::size_t>> type_of(log.types.size());
  std::vector<bool> used(log.types.size(), false);
  for (const LoggedCall& call : log.calls) used[call.type] = true;
  const auto index_of = [&](const std::string& id) -> std::optional<std::size_t> {
    const auto at = std::find(type_ids.ids.begin(), type_ids.ids.end(), id);
    if (at == type_ids.ids.end()) return std::nullopt;
    return static_cast<std::size_t>(at - type_ids.ids.begin());
  };
  for (std::size_t t = 0; t < log.types.size(); ++t) {
    type_of[t] = index_of(log.types[t]);
    if (!type_of[t]) type_of[t] = index_of(fitted[t]);
    if (used[t] && !type_of[t])
      file_node.fail(fmt::format("has calls of type \"{}\", which is no contact type of the "
                                 "scenario (types: {})",
                                 log.types[t], fmt::join(type_ids.ids, ", ")));
  }
  if (node.problems().any()) return;

  const double day_s = horizon.intervals_per_day * horizon.interval_s;
  std::vector<std::vector<std::pair<double, ReplayedCall>>> calls(types.size());
  for (const LoggedCall& call : log.calls) {
    double offset = call.arrival_s - horizon.start_min * 60.0;
    // A grid past midnight holds the small hours of the next calendar day.
    if (offset < 0.0 && offset + 86400.0 < day_s) offset += 86400.0;
    if (offset < 0.0 || offset >= day_s) continue;  // outside the simulated part of the day
    const double at = static_cast<double>(call.day) * day_s + offset;
    calls[*type_of[call.type]].push_back(
        {at, ReplayedCall{call.handle_s, call.wait_s, !call.abandoned, !call.abandoned,
                          static_cast<std::int8_t>(!log.has_priorities ? -1
                                                   : call.abandoned || call.wait_s > 0.0 ? call.identified
                                                                                        : -1)}});
  }
  for (std::size_t k = 0; k < types.size(); ++k) {
    ContactType& type = types[k];
    if (calls[k].empty()) {
      if (!has_arrivals[k])
        node.fail(fmt::format("has no call of type \"{}\" on its days, and the type gives no "
                              "\"arrivals\" of its own",
                              type.id));
      continue;
    }
    const bool bot_served = std::any_of(bots.begin(), bots.end(), [k](const Bot& bot) {
      return std::find(bot.types.begin(), bot.types.end(), k) != bot.types.end();
    });
    if (type.channel == Channel::email || bot_served) {
      node.fail(fmt::format("replays calls of type \"{}\", {}: a log of calls to agents cannot "
                            "replay it",
                            type.id, bot_served ? "which a bot serves" : "an email type"));
      continue;
    }
    if (has_arrivals[k]) {
      node.fail(fmt::format("replays calls of type \"{}\", which gives \"arrivals\" of its own: "
                            "leave them out of a replayed type",
                            type.id));
      continue;
    }
    std::stable_sort(calls[k].begin(), calls[k].end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    type.rate_per_s.assign(static_cast<std::size_t>(horizon.intervals()), 0.0);
    for (const auto& [at, call] : calls[k]) {
      type.arrival_times_s.push_back(at);
      type.replayed_calls.push_back(call);
      type.rate_per_s[static_cast<std::size_t>(at / horizon.interval_s)] += 1.0 / horizon.interval_s;
    }
  }
}

}  // namespace ccsim::detail
