#include "ccsim/sequential_comparison.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>
#include <fmt/core.h>

#include "ccsim/diagnostics.h"
#include "ccsim/runner.h"
#include "ccsim/summary.h"

namespace ccsim {

namespace {

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void bad_kpi(std::string_view text, const std::string& message) {
  throw InputError({Diagnostic{"--kpi", "", fmt::format("\"{}\": {}", text, message)}});
}

std::string known_kpis() {
  std::string list;
  for (auto name : kpi_names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

std::string_view scope_word(ScopeKind scope) {
  switch (scope) {
    case ScopeKind::overall: return "overall";
    case ScopeKind::contact_type: return "a contact type";
    case ScopeKind::agent_group: return "an agent group";
    case ScopeKind::segment: return "a segment";
    case ScopeKind::channel: return "a channel";
  }
  return "";
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find(separator, begin);
    parts.push_back(text.substr(begin, end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + 1;
  }
}

template <typename Items>
std::string id_list(const Items& items) {
  std::string list;
  for (const auto& item : items) list += (list.empty() ? "" : ", ") + item.id;
  return list;
}

double one_sided_t(double one_sided_alpha, std::size_t dof) {
  const boost::math::students_t_distribution<double> t(static_cast<double>(dof));
  return boost::math::quantile(boost::math::complement(t, one_sided_alpha));
}

}  // namespace

// ---- margins ------------------------------------------------------------------------------------

std::string KpiMargin::label() const {
  switch (scope) {
    case ScopeKind::overall: return std::string(kpi_name(kpi));
    case ScopeKind::contact_type: return fmt::format("type/{}/{}", scope_id, kpi_name(kpi));
    case ScopeKind::agent_group: return fmt::format("group/{}/{}", scope_id, kpi_name(kpi));
    case ScopeKind::segment: return fmt::format("segment/{}/{}", scope_id, kpi_name(kpi));
    case ScopeKind::channel: return fmt::format("channel/{}/{}", scope_id, kpi_name(kpi));
  }
  return "";
}

std::string KpiMargin::margin_text() const {
  const char sign = rise_is_bad ? '+' : '-';
  if (relative) return fmt::format("{}{}%", sign, amount);
  return fmt::format("{}{}", sign, amount);
}

KpiMargin parse_kpi_margin(std::string_view text) {
  const std::string expected =
      "expected KPI:+x or KPI:-x, x absolute or x% of the baseline, the sign saying which change "
      "is bad (e.g. service_level:-0.01, cost_total:+2%); KPI may be scoped as type/ID/KPI, "
      "group/ID/KPI, segment/ID/KPI or channel/ID/KPI (ID voice, chat or email)";
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) bad_kpi(text, expected);

  KpiMargin margin;
  const auto path = split(text.substr(0, colon), '/');
  std::string_view name;
  if (path.size() == 1) {
    name = path[0];
  } else if (path.size() == 3 &&
             (path[0] == "type" || path[0] == "group" || path[0] == "segment" || path[0] == "channel") &&
             !path[1].empty()) {
    margin.scope = path[0] == "type"      ? ScopeKind::contact_type
                   : path[0] == "group"   ? ScopeKind::agent_group
                   : path[0] == "segment" ? ScopeKind::segment
                                          : ScopeKind::channel;
    margin.scope_id = std::string(path[1]);
    name = path[2];
  } else {
    bad_kpi(text, expected);
  }
  const auto found = std::find(kpi_names.begin(), kpi_names.end(), name);
  if (found == kpi_names.end())
    bad_kpi(text, fmt::format("unknown KPI \"{}\" (known: {})", name, known_kpis()));
  margin.kpi = static_cast<Kpi>(found - kpi_names.begin());
  if (!kpi_applies(margin.scope, margin.kpi))
    bad_kpi(text, fmt::format("{} does not apply to {}", name, scope_word(margin.scope)));

  std::string_view value = text.substr(colon + 1);
  if (value.empty() || (value.front() != '+' && value.front() != '-'))
    bad_kpi(text, "the margin needs a sign saying which change is bad: + (a rise) or - (a fall), "
                  "e.g. service_level:-0.01 or cost_total:+2%");
  margin.rise_is_bad = value.front() == '+';
  value.remove_prefix(1);
  if (!value.empty() && value.back() == '%') {
    margin.relative = true;
    value.remove_suffix(1);
  }
  double amount = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), amount);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
      !std::isfinite(amount) || amount < 0.0)
    bad_kpi(text, "the margin after the sign must be a number >= 0, optionally followed by %");
  margin.amount = amount;
  return margin;
}

std::vector<KpiMargin> default_kpi_margins() {
  return {parse_kpi_margin("service_level:-0.01"), parse_kpi_margin("abandon_rate:+0.005"),
          parse_kpi_margin("asa_s:+10%"), parse_kpi_margin("cost_total:+1%")};
}

std::size_t kpi_cell(const Model& model, const KpiMargin& margin, const std::string& file) {
  const KpiLayout layout(model);
  std::size_t scope = KpiLayout::overall;
  if (margin.scope == ScopeKind::contact_type) {
    const auto& types = model.contact_types;
    const auto it = std::find_if(types.begin(), types.end(),
                                 [&](const ContactType& t) { return t.id == margin.scope_id; });
    if (it == types.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no contact type \"{}\" (contact types: {})",
                                                         margin.label(), margin.scope_id, id_list(types))}});
    scope = layout.type_scope(static_cast<std::size_t>(it - types.begin()));
  } else if (margin.scope == ScopeKind::agent_group) {
    const auto& groups = model.agent_groups;
    const auto it = std::find_if(groups.begin(), groups.end(),
                                 [&](const AgentGroup& g) { return g.id == margin.scope_id; });
    if (it == groups.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no agent group \"{}\" (agent groups: {})",
                                                         margin.label(), margin.scope_id, id_list(groups))}});
    scope = layout.group_scope(static_cast<std::size_t>(it - groups.begin()));
  } else if (margin.scope == ScopeKind::segment) {
    const auto& segments = model.segments;
    const auto it = std::find_if(segments.begin(), segments.end(),
                                 [&](const Segment& s) { return s.id == margin.scope_id; });
    if (it == segments.end())
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no segment \"{}\" (segments: {})",
                                                         margin.label(), margin.scope_id,
                                                         segments.empty() ? "none" : id_list(segments))}});
    scope = layout.segment_scope(static_cast<std::size_t>(it - segments.begin()));
  } else if (margin.scope == ScopeKind::channel) {
    const auto& channels = layout.channels;
    const auto it = std::find_if(channels.begin(), channels.end(),
                                 [&](Channel c) { return channel_id(c) == margin.scope_id; });
    if (it == channels.end()) {
      std::string list;
      for (const Channel c : channels) list += (list.empty() ? "" : ", ") + std::string(channel_id(c));
      throw InputError({Diagnostic{file, "", fmt::format("--kpi {}: no channel \"{}\" (channels: {})",
                                                         margin.label(), margin.scope_id,
                                                         list.empty() ? "none: one channel only" : list)}});
    }
    scope = layout.channel_scope(static_cast<std::size_t>(it - channels.begin()));
  }
  return layout.at(scope, KpiLayout::whole_horizon, margin.kpi);
}

std::vector<int> planned_looks(int first, int max_replications) {
  if (max_replications < 2) throw std::invalid_argument("a comparison needs at least 2 replications");
  first = std::clamp(first, 2, max_replications);
  std::vector<int> looks;
  for (int n = first; n < max_replications; n *= 2) looks.push_back(n);
  looks.push_back(max_replications);
  return looks;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::undecided: return "undecided";
    case Verdict::worse: return "worse";
    case Verdict::not_worse: return "not worse";
  }
  return "";
}

// ---- one KPI's pairs ----------------------------------------------------------------------------

void PairedKpi::Running::add(double x, std::size_t n) {
  const double delta = x - mean;
  mean += delta / static_cast<double>(n);
  m2 += delta * (x - mean);
}

void PairedKpi::add(double baseline, double candidate) {
  if (std::isnan(baseline) || std::isnan(candidate)) return;
  ++n_;
  const double change = candidate - baseline;
  const double bad_change = margin_.rise_is_bad ? change : -change;
  const double allowed = margin_.relative ? margin_.amount / 100.0 * std::abs(baseline) : margin_.amount;
  baseline_.add(baseline, n_);
  candidate_.add(candidate, n_);
  change_.add(change, n_);
  excess_.add(bad_change - allowed, n_);
}

double PairedKpi::change_ci95() const {
  if (n_ < 2) return undefined;
  const double sd = std::sqrt(change_.m2 / static_cast<double>(n_ - 1));
  return student_t_975(n_ - 1) * sd / std::sqrt(static_cast<double>(n_));
}

double PairedKpi::margin_value() const {
  if (n_ == 0 && margin_.relative) return undefined;
  const double value = margin_.relative ? margin_.amount / 100.0 * std::abs(baseline_.mean) : margin_.amount;
  return margin_.rise_is_bad ? value : -value;
}

Verdict PairedKpi::verdict(double one_sided_alpha) const {
  if (n_ < 2) return Verdict::undecided;
  // m2 of identical values stays exactly 0, so a KPI that follows the plan (cost) is decided by
  // its exact change, with no interval around it.
  const double sd = std::sqrt(std::max(0.0, excess_.m2) / static_cast<double>(n_ - 1));
  const double half = sd > 0.0 ? one_sided_t(one_sided_alpha, n_ - 1) * sd / std::sqrt(static_cast<double>(n_)) : 0.0;
  if (excess_.mean - half > 0.0) return Verdict::worse;
  if (excess_.mean + half <= 0.0) return Verdict::not_worse;
  return Verdict::undecided;
}

// ---- the sequential procedure -------------------------------------------------------------------

SequentialComparison::SequentialComparison(std::vector<KpiMargin> margins, double alpha,
                                           std::vector<int> looks)
    : verdicts_(margins.size(), Verdict::undecided), alpha_(alpha), looks_(std::move(looks)) {
  if (margins.empty()) throw std::invalid_argument("a comparison needs at least one KPI");
  if (looks_.empty()) throw std::invalid_argument("a comparison needs at least one look");
  if (!(alpha > 0.0 && alpha < 1.0)) throw std::invalid_argument("alpha must be in (0, 1)");
  for (auto& margin : margins) kpis_.emplace_back(std::move(margin));
}

void SequentialComparison::add(const std::vector<double>& baseline, const std::vector<double>& candidate) {
  for (std::size_t k = 0; k < kpis_.size(); ++k) kpis_[k].add(baseline[k], candidate[k]);
  ++replications_;
}

int SequentialComparison::next_look() const {
  if (finished_) return 0;
  return looks_[static_cast<std::size_t>(looks_taken_)];
}

double SequentialComparison::one_sided_alpha() const {
  return alpha_ / static_cast<double>(looks_.size() * kpis_.size());
}

void SequentialComparison::look() {
  if (finished_) return;
  ++looks_taken_;
  bool all_decided = true;
  for (std::size_t k = 0; k < kpis_.size(); ++k) {
    verdicts_[k] = kpis_[k].verdict(one_sided_alpha());
    all_decided = all_decided && verdicts_[k] != Verdict::undecided;
  }
  finished_ = regression() || all_decided || looks_taken_ >= static_cast<int>(looks_.size());
}

bool SequentialComparison::regression() const {
  return std::find(verdicts_.begin(), verdicts_.end(), Verdict::worse) != verdicts_.end();
}

SequentialComparison compare_models(const Model& baseline, const Model& candidate,
                                    const std::vector<KpiMargin>& margins,
                                    const ComparisonOptions& options, const std::string& base_file,
                                    const std::string& candidate_file) {
  std::vector<std::size_t> base_cells, candidate_cells;
  for (const auto& margin : margins) {
    base_cells.push_back(kpi_cell(baseline, margin, base_file));
    candidate_cells.push_back(kpi_cell(candidate, margin, candidate_file));
  }
  SequentialComparison comparison(margins, options.alpha,
                                  planned_looks(options.first_look, options.max_replications));
  const auto pick = [](const std::vector<double>& values, const std::vector<std::size_t>& cells) {
    std::vector<double> picked;
    picked.reserve(cells.size());
    for (std::size_t cell : cells) picked.push_back(values[cell]);
    return picked;
  };
  RunOptions run;
  run.seed = options.seed;
  run.threads = options.threads;

  while (const int target = comparison.next_look()) {
    const auto first = static_cast<std::uint64_t>(comparison.replications());
    const auto count = static_cast<std::uint64_t>(target - comparison.replications());
    if (!options.candidate_seed) {
      // Both models in one range: replication r of each draws from the streams of (seed, r).
      run_replication_range({&baseline, &candidate}, run, first, count, [&](const ReplicationOutcome& o) {
        comparison.add(pick(o.values[0], base_cells), pick(o.values[1], candidate_cells));
      });
    } else {
      std::vector<std::vector<double>> base_batch;
      run_replication_range({&baseline}, run, first, count, [&](const ReplicationOutcome& o) {
        base_batch.push_back(pick(o.values[0], base_cells));
      });
      RunOptions candidate_run = run;
      candidate_run.seed = *options.candidate_seed;
      std::size_t r = 0;
      run_replication_range({&candidate}, candidate_run, first, count, [&](const ReplicationOutcome& o) {
        comparison.add(base_batch[r++], pick(o.values[0], candidate_cells));
      });
    }
    comparison.look();
  }
  return comparison;
}

}  // namespace ccsim
