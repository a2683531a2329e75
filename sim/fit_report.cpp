#include "ccsim/fit_report.h"

#include <cmath>
#include <numeric>
#include <optional>

#include <fmt/format.h>

namespace ccsim {

namespace {

// "mu 4.91 ± 0.02, sigma 1.07 ± 0.01"
std::string parameters_text(const FittedDistribution& fit) {
  std::string out;
  for (const FittedParameter& p : fit.parameters) {
    if (!out.empty()) out += ", ";
    out += std::isfinite(p.standard_error) ? fmt::format("{} {:.4g} ± {:.2g}", p.name, p.value, p.standard_error)
                                           : fmt::format("{} {:.4g}", p.name, p.value);
  }
  return out;
}

void write_candidates(std::ostream& out, const std::vector<FittedDistribution>& fits,
                      const std::vector<std::string>& refused, std::optional<std::size_t> chosen,
                      const char* distance) {
  out << fmt::format("    {:<24} {:>12} {:>8}  {}\n", "family", "AIC", distance, "parameters");
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const FittedDistribution& fit = fits[i];
    out << fmt::format("  {} {:<24} {:>12.1f} {:>8.4f}  {}\n", chosen == i ? "*" : " ", fit.family,
                       fit.aic, fit.ks_distance, parameters_text(fit));
    if (i < refused.size() && !refused[i].empty())
      out << fmt::format("      not written: a scenario refuses it ({})\n", refused[i]);
  }
}

double mean_of(const std::vector<double>& xs) {
  return xs.empty() ? 0.0 : std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

nlohmann::ordered_json fit_entry(const FittedDistribution& fit, const std::string& refused) {
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (const FittedParameter& p : fit.parameters)
    parameters[p.name] = {{"value", p.value},
                          {"standard_error", std::isfinite(p.standard_error)
                                                 ? nlohmann::ordered_json(p.standard_error)
                                                 : nlohmann::ordered_json(nullptr)}};
  return {{"family", fit.family},         {"parameters", parameters},
          {"log_likelihood", fit.log_likelihood}, {"aic", fit.aic},
          {"ks_distance", fit.ks_distance}, {"n", fit.n},
          {"censored", fit.censored},     {"scenario", fit.scenario},
          {"refused", refused.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(refused)}};
}

}  // namespace

void write_fit_report(std::ostream& out, const CallLogFit& fit) {
  const CallLog& log = fit.log;
  const CallLogProfile& profile = fit.profile;
  std::size_t served = 0, abandoned = 0;
  for (const TypeProfile& type : profile.types) {
    served += type.served;
    abandoned += type.abandoned;
  }
  out << fmt::format("{}: {} calls in {}–{}, {} served and {} abandoned, over {} day{} ({} to {})\n",
                     log.label, served + abandoned, clock_time_text(profile.grid.open_s),
                     clock_time_text(profile.grid.close_s), served, abandoned, profile.days,
                     profile.days == 1 ? "" : "s", day_text(log.days.front()),
                     day_text(log.days.back()));
  if (profile.outside_window > 0)
    out << fmt::format("  {} calls outside that window left out of arrivals and fits\n",
                       profile.outside_window);
  if (!log.has_dates) out << "  no date column: the log is read as one day\n";
  if (!log.has_types) out << "  no type column: every call is of one type, \"calls\"\n";
  if (log.other_outcomes > 0)
    out << fmt::format("  {} rows with other outcomes left out\n", log.other_outcomes);

  for (std::size_t k = 0; k < profile.types.size(); ++k) {
    const TypeProfile& type = profile.types[k];
    const TypeFit& type_fit = fit.types[k];
    const double per_day = std::accumulate(type.arrivals.begin(), type.arrivals.end(), 0.0);
    const double abandoned_share =
        type.served + type.abandoned > 0
            ? 100.0 * static_cast<double>(type.abandoned) / static_cast<double>(type.served + type.abandoned)
            : 0.0;
    if (type.class_of)
      out << fmt::format("\nClass {}: the callers of {} who had to wait and were identified, {:.1f} % "
                         "of the {} who waited; {} served, {} abandoned ({:.1f} %)\n",
                         type.id, profile.types[*type.class_of].id, 100.0 * type.share,
                         profile.types[*type.class_of].waited, type.served, type.abandoned, abandoned_share);
    else
      out << fmt::format("\nType {}: {:.1f} calls a day, busyness CV {:.3f}; {} served, {} abandoned "
                         "({:.1f} %){}\n",
                         type.id, per_day, type.busyness_cv, type.served, type.abandoned, abandoned_share,
                         k + 1 < profile.types.size() && profile.types[k + 1].class_of == k
                             ? " apart from its identified class below"
                             : "");
    out << fmt::format("  handle time: {} values, mean {:.1f} s\n", type.handle_s.size(), mean_of(type.handle_s));
    if (fit.scenario_ids[k] != type.id)
      out << fmt::format("  in the scenario: \"{}\" (an id of letters, digits, _, - and .)\n", fit.scenario_ids[k]);
    write_candidates(out, type_fit.handle_time, type_fit.handle_time_refused, type_fit.handle_time_chosen, "KS");
    if (type_fit.kaplan_meier) {
      const KaplanMeierEstimate& km = *type_fit.kaplan_meier;
      out << fmt::format("  patience: {} waits, {} abandoned, {} censored (served after waiting); "
                         "{} served at once carry no information\n",
                         km.observations, km.abandoned, km.censored, km.dropped_zero_waits);
      const double last_survival = km.steps.empty() ? 1.0 : km.steps.back().survival;
      out << fmt::format("  {} kaplan_meier: {} steps, S = {:.3f} after {:.0f} s, tail mean {:.1f} s\n",
                         type_fit.patience_chosen ? " " : "*", km.steps.size(), last_survival,
                         km.steps.empty() ? 0.0 : km.steps.back().time_s, km.tail_mean_s);
      write_candidates(out, type_fit.patience, type_fit.patience_refused, type_fit.patience_chosen, "gap KM");
    }
    if (!type_fit.note.empty()) out << "  " << type_fit.note << '\n';
  }

  out << "\nAgents answering per interval (inferred: those in service while someone waited), "
         "mean over the days, and calls in service:\n";
  for (std::size_t j = 0; j < profile.agents.size(); ++j)
    out << fmt::format("  {}  {:6.1f}  {:6.1f}\n", clock_time_text(profile.grid.open_s + static_cast<double>(j) * profile.grid.interval_s),
                       profile.agents[j], profile.busy[j]);
}

nlohmann::ordered_json fit_json(const CallLogFit& fit) {
  const CallLogProfile& profile = fit.profile;
  nlohmann::ordered_json days = nlohmann::ordered_json::array();
  for (const auto& day : fit.log.days) days.push_back(day_text(day));
  nlohmann::ordered_json types = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < profile.types.size(); ++k) {
    const TypeProfile& type = profile.types[k];
    const TypeFit& type_fit = fit.types[k];
    nlohmann::ordered_json handle = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < type_fit.handle_time.size(); ++i)
      handle.push_back(fit_entry(type_fit.handle_time[i], type_fit.handle_time_refused[i]));
    nlohmann::ordered_json entry = {
        {"id", type.id},
        {"scenario_id", fit.scenario_ids[k]},
        {"served", type.served},
        {"abandoned", type.abandoned},
        {"arrivals_per_interval", type.arrivals},
        {"busyness_cv", type.busyness_cv},
        {"waited", type.waited},
        {"handle_time", {{"chosen", type_fit.handle_time[type_fit.handle_time_chosen].family},
                         {"candidates", handle}}}};
    // A class: whose callers it holds, and their share of those who waited.
    if (type.class_of)
      entry["class_of"] = {{"type", profile.types[*type.class_of].id}, {"share_of_waited", type.share}};
    if (type_fit.kaplan_meier) {
      const KaplanMeierEstimate& km = *type_fit.kaplan_meier;
      nlohmann::ordered_json steps = nlohmann::ordered_json::array();
      for (const auto& step : km.steps)
        steps.push_back({{"time_s", step.time_s}, {"at_risk", step.at_risk},
                         {"abandoned", step.abandoned}, {"survival", step.survival},
                         {"standard_error", step.standard_error}});
      nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < type_fit.patience.size(); ++i)
        candidates.push_back(fit_entry(type_fit.patience[i], type_fit.patience_refused[i]));
      entry["patience"] = {
          {"chosen", type_fit.patience_chosen ? type_fit.patience[*type_fit.patience_chosen].family
                                              : std::string("kaplan_meier")},
          {"kaplan_meier", {{"observations", km.observations}, {"abandoned", km.abandoned},
                            {"censored", km.censored}, {"dropped_zero_waits", km.dropped_zero_waits},
                            {"tail_mean_s", km.tail_mean_s}, {"steps", steps}}},
          {"candidates", candidates}};
    }
    types.push_back(entry);
  }
  return {{"log", fit.log.label},
          {"days", days},
          {"window", {{"open", clock_time_text(profile.grid.open_s)},
                      {"close", clock_time_text(profile.grid.close_s)},
                      {"interval_min", std::lround(profile.grid.interval_s / 60.0)}}},
          {"outside_window", profile.outside_window},
          {"other_outcomes", fit.log.other_outcomes},
          {"types", types},
          {"agents_per_interval", profile.agents},
          {"busy_per_interval", profile.busy}};
}

}  // namespace ccsim
