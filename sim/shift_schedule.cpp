#include "ccsim/shift_schedule.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <string>

#include <Cbc_C_Interface.h>
#include <fmt/core.h>

#include "sim/shift_columns.h"

namespace ccsim {

namespace {

using detail::ShiftColumn;

// Coverage shares and requirements are compared with this much slack: 0.1 + 0.2 agents is 0.3.
constexpr double tolerance = 1e-6;

// CBC's secondary status when its time limit stopped the search.
constexpr int stopped_on_time = 4;

struct CbcModelDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};
using CbcModel = std::unique_ptr<Cbc_Model, CbcModelDeleter>;

std::string interval_name(const Horizon& horizon, std::size_t i) {
  static constexpr const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const auto day = static_cast<int>(i) / horizon.intervals_per_day;
  const std::string label = horizon.start_label(static_cast<IntervalIndex>(i));
  if (horizon.days == 1) return fmt::format("interval {} ({})", i, label);
  return fmt::format("interval {} (day {}, {} {})", i, day + 1,
                     names[(horizon.start_weekday + day) % 7], label);
}

void check_problem(const ScheduleProblem& problem) {
  const auto n = static_cast<std::size_t>(problem.horizon.intervals());
  if (problem.required.size() != n)
    throw std::invalid_argument(fmt::format("{} requirements for a horizon of {} intervals",
                                            problem.required.size(), n));
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(problem.required[i]) || problem.required[i] < 0)
      throw std::invalid_argument(fmt::format("the requirement of {} must be a number >= 0, got {}",
                                              interval_name(problem.horizon, i),
                                              problem.required[i]));
  if (problem.under_coverage_penalty && !(*problem.under_coverage_penalty >= 0 &&
                                          std::isfinite(*problem.under_coverage_penalty)))
    throw std::invalid_argument("the under-coverage penalty must be a number >= 0");
  if (!(problem.time_limit_s > 0)) throw std::invalid_argument("the time limit must be > 0 s");
}

// Without under-coverage, an interval no template can staff up to its requirement makes the
// program infeasible; CBC would only say "infeasible", so the interval is named here first.
// Each template contributes at most max_agents times its largest share of the interval.
void check_each_interval_coverable(const ScheduleProblem& problem,
                                   const std::vector<ShiftColumn>& columns) {
  const auto n = problem.required.size();
  const auto templates = problem.templates.size();
  std::vector<double> best_share(n * templates, 0.0);  // [interval * templates + template]
  for (const ShiftColumn& c : columns)
    for (const auto& [i, share] : c.coverage) {
      double& best = best_share[i * templates + c.template_index];
      best = std::max(best, share);
    }
  for (std::size_t i = 0; i < n; ++i) {
    if (problem.required[i] <= tolerance) continue;
    double most = 0.0;
    bool any = false;
    for (std::size_t t = 0; t < templates; ++t) {
      const double share = best_share[i * templates + t];
      if (share <= 0) continue;
      any = true;
      const auto& limit = problem.templates[t].max_agents;
      most += limit ? *limit * share : std::numeric_limits<double>::infinity();
    }
    if (!any)
      throw ScheduleError(fmt::format(
          "{} needs {} agents and no shift template works it (on break or off shift all day)",
          interval_name(problem.horizon, i), problem.required[i]));
    if (most + tolerance < problem.required[i])
      throw ScheduleError(fmt::format(
          "{} needs {} agents and the shift templates' max_agents let at most {} work it",
          interval_name(problem.horizon, i), problem.required[i], std::round(most * 1e6) / 1e6));
  }
}

struct Solved {
  std::vector<double> agents;  // per column
  bool optimal = false;
  double gap = 0.0;
};

// Builds and solves the program; nothing when CBC proves it infeasible.
std::optional<Solved> solve(const ScheduleProblem& problem,
                            const std::vector<ShiftColumn>& columns) {
  const CbcModel model(Cbc_newModel());
  Cbc_setParameter(model.get(), "log", "0");
  Cbc_setParameter(model.get(), "sec", fmt::format("{}", problem.time_limit_s).c_str());
  const auto n = problem.required.size();
  // Rows by interval, gathered column by column.
  std::vector<std::vector<int>> row_columns(n);
  std::vector<std::vector<double>> row_shares(n);
  std::vector<std::vector<int>> template_columns(problem.templates.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ShiftColumn& column = columns[c];
    const auto& limit = problem.templates[column.template_index].max_agents;
    const double upper = limit ? *limit : std::numeric_limits<double>::max();
    Cbc_addCol(model.get(), fmt::format("x{}", c).c_str(), 0.0, upper, column.cost, 1, 0, nullptr,
               nullptr);
    for (const auto& [i, share] : column.coverage) {
      row_columns[i].push_back(static_cast<int>(c));
      row_shares[i].push_back(share);
    }
    template_columns[column.template_index].push_back(static_cast<int>(c));
  }
  if (problem.under_coverage_penalty) {
    // One slack per interval that needs agents; fractional, as coverage shares are.
    for (std::size_t i = 0; i < n; ++i) {
      if (problem.required[i] <= tolerance) continue;
      const int slack = Cbc_getNumCols(model.get());
      Cbc_addCol(model.get(), fmt::format("short{}", i).c_str(), 0.0, problem.required[i],
                 *problem.under_coverage_penalty, 0, 0, nullptr, nullptr);
      row_columns[i].push_back(slack);
      row_shares[i].push_back(1.0);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (problem.required[i] <= tolerance) continue;
    Cbc_addRow(model.get(), fmt::format("cover{}", i).c_str(),
               static_cast<int>(row_columns[i].size()), row_columns[i].data(),
               row_shares[i].data(), 'G', problem.required[i]);
  }
  for (std::size_t t = 0; t < problem.templates.size(); ++t) {
    const auto& limit = problem.templates[t].max_agents;
    // A template with one column has its limit as that column's bound already.
    if (!limit || template_columns[t].size() < 2) continue;
    const std::vector<double> ones(template_columns[t].size(), 1.0);
    Cbc_addRow(model.get(), fmt::format("max{}", t).c_str(),
               static_cast<int>(template_columns[t].size()), template_columns[t].data(),
               ones.data(), 'L', *limit);
  }
  if (problem.part_time_max_share) {
    // Part-time agents at most p of all: (1 - p) x_pt - p x_ft summed <= 0.
    const double p = *problem.part_time_max_share;
    std::vector<int> all(columns.size());
    std::vector<double> weights(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
      all[c] = static_cast<int>(c);
      weights[c] = problem.templates[columns[c].template_index].part_time ? 1.0 - p : -p;
    }
    Cbc_addRow(model.get(), "part_time", static_cast<int>(all.size()), all.data(), weights.data(), 'L', 0.0);
  }
  const auto started = std::chrono::steady_clock::now();
  Cbc_solve(model.get());
  const double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Stopped by the time limit before any solution (in the first LP, say), CBC may call the
  // program infeasible without flagging the limit; only a search that ran to its end proves that.
  // Without max_agents every requirement can be met (each interval was checked), so infeasible
  // can then only mean stopped.
  const bool timed_out = Cbc_secondaryStatus(model.get()) == stopped_on_time ||
                         Cbc_isSecondsLimitReached(model.get()) || Cbc_status(model.get()) == 1 ||
                         elapsed_s >= problem.time_limit_s;
  const bool limited = problem.part_time_max_share.has_value() ||
                       std::any_of(problem.templates.begin(), problem.templates.end(),
                                   [](const ShiftTemplate& t) { return t.max_agents.has_value(); });
  if (!timed_out && limited && !problem.under_coverage_penalty &&
      Cbc_isProvenInfeasible(model.get()))
    return std::nullopt;
  const double* solution = Cbc_bestSolution(model.get());
  if (solution == nullptr) {
    if (timed_out || Cbc_isProvenInfeasible(model.get()))
      throw ScheduleError(fmt::format(
          "the solver timed out after {} s without finding any roster: allow it more time",
          problem.time_limit_s));
    throw ScheduleError(fmt::format("the solver stopped without finding any roster (CBC status "
                                    "{}, secondary status {})",
                                    Cbc_status(model.get()), Cbc_secondaryStatus(model.get())));
  }
  Solved solved;
  solved.agents.assign(solution, solution + columns.size());
  solved.optimal = Cbc_isProvenOptimal(model.get()) && !timed_out;
  if (!solved.optimal) {
    const double best = Cbc_getObjValue(model.get());
    const double bound = Cbc_getBestPossibleObjValue(model.get());
    solved.gap = std::abs(best) > tolerance ? std::max(0.0, best - bound) / std::abs(best) : 0.0;
  }
  return solved;
}

// When max_agents make the whole program infeasible though each interval alone can be covered,
// a run with a prohibitive penalty finds which intervals fall short, for the message.
[[noreturn]] void explain_infeasible(const ScheduleProblem& problem) {
  ScheduleProblem relaxed = problem;
  double wages = 1.0;
  for (const ShiftTemplate& t : problem.templates)
    wages += t.length_s / 3600.0 * t.cost_per_hour * problem.horizon.days;
  relaxed.under_coverage_penalty = wages * 1000.0;
  std::string where;
  try {
    const ShiftSchedule best = schedule_shifts(relaxed);
    for (std::size_t i = 0; i < best.short_by.size(); ++i)
      if (best.short_by[i] > tolerance) {
        where = fmt::format(": {} needs {} agents and gets at most {} with the others covered",
                            interval_name(problem.horizon, i), problem.required[i],
                            std::round(best.coverage[i] * 1e6) / 1e6);
        break;
      }
  } catch (const ScheduleError&) {
    // The message below stands without the interval.
  }
  throw ScheduleError(
      std::string("no roster meets every requirement within the shift templates' max_agents") +
      (problem.part_time_max_share ? " and the group's part_time_max_share" : "") + where +
      " (an under-coverage penalty lets the schedule fall short where it must)");
}

}  // namespace

ShiftSchedule schedule_shifts(const ScheduleProblem& problem) {
  check_problem(problem);
  std::vector<ShiftColumn> columns;
  try {
    columns = detail::shift_columns(problem.horizon, problem.templates);
  } catch (const std::length_error& e) {
    throw ScheduleError(e.what());
  } catch (const std::invalid_argument& e) {
    throw ScheduleError(e.what());
  }
  if (!problem.under_coverage_penalty) check_each_interval_coverable(problem, columns);
  const std::optional<Solved> solved = solve(problem, columns);
  if (!solved) explain_infeasible(problem);

  ShiftSchedule schedule;
  schedule.columns = columns.size();
  schedule.optimal = solved->optimal;
  schedule.gap = solved->gap;
  schedule.required = problem.required;
  schedule.coverage.assign(problem.required.size(), 0.0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto agents = static_cast<int>(std::llround(solved->agents[c]));
    if (agents <= 0) continue;
    ShiftColumn& column = columns[c];
    for (const auto& [i, share] : column.coverage) schedule.coverage[i] += agents * share;
    ScheduledShift shift;
    shift.template_index = column.template_index;
    shift.template_id = problem.templates[column.template_index].id;
    shift.breaks = std::move(column.breaks);
    shift.agents = agents;
    shift.cost = agents * column.cost;
    schedule.cost += shift.cost;
    schedule.shifts.push_back(std::move(shift));
  }
  schedule.short_by.resize(problem.required.size());
  double short_total = 0.0;
  for (std::size_t i = 0; i < problem.required.size(); ++i) {
    const double gap = problem.required[i] - schedule.coverage[i];
    schedule.short_by[i] = gap > tolerance ? gap : 0.0;
    short_total += schedule.short_by[i];
  }
  schedule.penalty = short_total * problem.under_coverage_penalty.value_or(0.0);
  return schedule;
}

std::vector<Shift> roster_of(const ShiftSchedule& schedule,
                             const std::vector<ShiftTemplate>& templates) {
  std::vector<Shift> roster;
  // Template ids are taken first, so that "early-2" never repeats a template named so.
  std::set<std::string> used;
  for (const ShiftTemplate& t : templates) used.insert(t.id);
  std::vector<int> seen(templates.size(), 0);
  for (const ScheduledShift& s : schedule.shifts) {
    const ShiftTemplate& t = templates.at(s.template_index);
    Shift shift;
    if (++seen[s.template_index] == 1) {
      shift.id = t.id;
    } else {
      for (int n = seen[s.template_index];; ++n) {
        shift.id = fmt::format("{}-{}", t.id, n);
        if (used.insert(shift.id).second) break;
      }
    }
    shift.start_min = t.start_min;
    shift.length_s = t.length_s;
    shift.breaks = s.breaks;
    shift.agents = s.agents;
    shift.days = t.days;
    roster.push_back(std::move(shift));
  }
  return roster;
}

}  // namespace ccsim
