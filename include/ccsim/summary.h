// From tallies to KPIs with confidence intervals.
//
// `KpiLayout` fixes where each (scope, slot, KPI) value lives in a flat vector: scope 0 is overall,
// then one per contact type, then one per agent group, then one per customer segment (none when
// the model has no segments), then one per channel the contact types use, in the order voice,
// chat, email (none when they all use one channel: single-channel outputs keep their shape); slot
// 0 is the whole horizon, and the slots after it follow the model's `run.detail`: none (total),
// 1 + d for day d (day), or 1 + i for interval i (interval). A segment's scope adds up the contact
// and issue tallies of the contact types in it (ContactType::segment), a channel's those of the
// types on it (ContactType::channel) and its share of the groups' cost. A day's figures are read
// from the sums of its intervals' tallies and from their merged histograms (never averaged from
// the intervals' KPIs), and so are the whole horizon's, whose percentiles come from the full
// resolution whole-horizon histograms. `kpi_values` reads one replication's tallies into that
// vector (NaN where a ratio is undefined in that replication, e.g. no contact answered);
// `summarise` reduces the vectors of all replications, in replication order, into means and 95 %
// Student-t half-widths. The order is fixed, so the result is bit-identical however the
// replications were scheduled.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ccsim/kpi.h"
#include "ccsim/model.h"
#include "ccsim/tallies.h"

namespace ccsim {

// "voice", "chat", "email": a channel's id in outputs.
std::string_view channel_id(Channel channel);

// The channels some contact type uses, in the order voice, chat, email.
std::vector<Channel> channels_used(const Model& model);

// "total", "day", "interval": a Detail's name in options and outputs.
std::string_view detail_name(Detail detail);

// What `ccsim run` reports when not told: every interval over a week or less, one row per day
// beyond that (a year of half-hour intervals would be 17,520 rows per scope).
Detail default_detail(const Horizon& horizon);

struct KpiLayout {
  std::size_t types = 0;
  std::size_t groups = 0;
  std::size_t segments = 0;
  std::size_t intervals = 0;
  std::size_t intervals_per_day = 1;
  std::size_t days = 1;
  Detail detail = Detail::interval;
  bool day_totals = false;        // interval detail with a slot per day after the intervals'
  std::vector<Channel> channels;  // one scope each: empty unless the types use 2 channels or more

  explicit KpiLayout(const Model& model)
      : types(model.type_count()), groups(model.group_count()), segments(model.segment_count()),
        intervals(static_cast<std::size_t>(model.horizon.intervals())),
        intervals_per_day(static_cast<std::size_t>(model.horizon.intervals_per_day)),
        days(static_cast<std::size_t>(model.horizon.days)), detail(model.run.detail),
        day_totals(model.run.day_totals && model.run.detail == Detail::interval),
        channels(channel_scopes_of(model)) {}

  // The channels that get a scope of their own.
  static std::vector<Channel> channel_scopes_of(const Model& model) {
    std::vector<Channel> used = channels_used(model);
    if (used.size() < 2) used.clear();
    return used;
  }

  std::size_t scopes() const { return 1 + types + groups + segments + channels.size(); }
  // Days or intervals with a slot of their own.
  std::size_t periods() const {
    switch (detail) {
      case Detail::total: return 0;
      case Detail::day: return days;
      case Detail::interval: return intervals;
    }
    return 0;
  }
  std::size_t slots() const { return 1 + periods() + (day_totals ? days : 0); }
  std::size_t size() const { return scopes() * slots() * kpi_count; }

  static constexpr std::size_t overall = 0;
  std::size_t type_scope(std::size_t type) const { return 1 + type; }
  std::size_t group_scope(std::size_t group) const { return 1 + types + group; }
  std::size_t segment_scope(std::size_t segment) const { return 1 + types + groups + segment; }
  // `c` indexes `channels`, not Channel.
  std::size_t channel_scope(std::size_t c) const { return 1 + types + groups + segments + c; }
  ScopeKind kind(std::size_t scope) const {
    if (scope == overall) return ScopeKind::overall;
    if (scope <= types) return ScopeKind::contact_type;
    if (scope <= types + groups) return ScopeKind::agent_group;
    return scope <= types + groups + segments ? ScopeKind::segment : ScopeKind::channel;
  }

  static constexpr std::size_t whole_horizon = 0;
  // The slot of period p: interval p under Detail::interval, day p under Detail::day.
  static std::size_t period_slot(std::size_t period) { return 1 + period; }
  static std::size_t interval_slot(std::size_t interval) { return 1 + interval; }
  static std::size_t day_slot(std::size_t day) { return 1 + day; }
  // Day d's slot after the intervals' when day_totals is set.
  std::size_t day_total_slot(std::size_t day) const { return 1 + intervals + day; }

  std::size_t at(std::size_t scope, std::size_t slot, Kpi kpi) const {
    return (scope * slots() + slot) * kpi_count + static_cast<std::size_t>(kpi);
  }
};

// One replication's KPI values, laid out by KpiLayout.
std::vector<double> kpi_values(const Model& model, const Tallies& tallies);

struct Estimate {
  double mean = 0.0;
  double ci95 = 0.0;  // half-width; NaN with fewer than two replications
  std::size_t n = 0;  // replications in which the KPI was defined; mean is NaN when 0
};

struct Summary {
  KpiLayout layout;
  std::vector<Estimate> estimates;  // laid out by `layout`

  const Estimate& get(std::size_t scope, std::size_t slot, Kpi kpi) const {
    return estimates[layout.at(scope, slot, kpi)];
  }
};

// Folds replications' KPI vectors, one at a time, into running means and variances (Welford's
// update, skipping undefined values). Fed in replication order, it gives the same bits whatever
// ran the replications, and it keeps no vector once folded, so memory does not grow with the
// number of replications.
class SummaryAccumulator {
 public:
  explicit SummaryAccumulator(const Model& model);
  void add(const std::vector<double>& values);
  Summary finish() const;

 private:
  KpiLayout layout_;
  std::vector<std::size_t> n_;
  std::vector<double> mean_;
  std::vector<double> m2_;
};

// `by_replication[r]` holds replication r's kpi_values.
Summary summarise(const Model& model, const std::vector<std::vector<double>>& by_replication);

// 97.5 % quantile of Student's t with `dof` degrees of freedom.
double student_t_975(std::size_t dof);

}  // namespace ccsim
