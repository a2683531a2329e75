// `ccsim erlang {b|c|a}`: the closed-form figures for one steady interval, either for a given
// number of agents or the fewest agents that reach a service-level target.
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "ccsim/erlang.h"
#include "ccsim/json_number.h"
#include "commands.h"

namespace ccsim::cli {
namespace {

enum class Model { b, c, a };

struct ErlangOptions {
  double rate_per_hour = 0.0;
  double aht_s = 0.0;
  int agents = 0;
  double target_sl = 0.0;
  double patience_s = 0.0;
  double answer_within_s = 20.0;
  bool json = false;
  bool staff_for_target = false;
  bool patience_given = false;
};

const char* title(Model model) {
  switch (model) {
    case Model::b: return "Erlang B (M/M/c/c, blocked calls lost)";
    case Model::c: return "Erlang C (M/M/c, infinite patience)";
    case Model::a: return "Erlang A (M/M/c+M, exponential patience)";
  }
  return "";
}

ErlangResult evaluate(Model model, const ErlangInput& in, const ErlangOptions& o) {
  const bool staff = o.staff_for_target;
  switch (model) {
    case Model::b: return staff ? erlang_b_agents_for(in, o.target_sl) : erlang_b_model(in);
    case Model::c: return staff ? erlang_c_agents_for(in, o.target_sl) : erlang_c_model(in);
    case Model::a: return staff ? erlang_a_agents_for(in, o.target_sl) : erlang_a_model(in);
  }
  throw std::logic_error("unknown erlang model");
}

void print_json(const ErlangResult& r) {
  nlohmann::ordered_json out;
  out["agents"] = r.agents;
  out["service_level"] = number_or_null<nlohmann::ordered_json>(r.service_level);
  out["asa_s"] = number_or_null<nlohmann::ordered_json>(r.asa_s);
  out["p_wait"] = number_or_null<nlohmann::ordered_json>(r.p_wait);
  out["p_abandon"] = number_or_null<nlohmann::ordered_json>(r.p_abandon);
  out["occupancy"] = number_or_null<nlohmann::ordered_json>(r.occupancy);
  fmt::print("{}\n", out.dump(2));
}

void print_table(Model model, const ErlangOptions& o, const ErlangResult& r) {
  fmt::print("{}\n", title(model));
  fmt::print("  {:.6g} contacts/h x {:.6g} s = {:.2f} erlangs offered", o.rate_per_hour, o.aht_s,
             o.rate_per_hour * o.aht_s / 3600.0);
  if (model == Model::a) fmt::print(", mean patience {:.6g} s", o.patience_s);
  fmt::print("\n");
  if (o.staff_for_target)
    fmt::print("  fewest agents for a service level of {:.6g}\n", o.target_sl);
  fmt::print("\n");
  fmt::print("  {:<15} {}\n", "agents", r.agents);
  fmt::print("  {:<15} {:.1f} %  ({:.6f}, answered within {:.6g} s)\n", "service level",
             100.0 * r.service_level, r.service_level, o.answer_within_s);
  if (std::isfinite(r.asa_s))
    fmt::print("  {:<15} {:.2f} s\n", "ASA", r.asa_s);
  else
    fmt::print("  {:<15} infinite (no agents, or load at or above capacity)\n", "ASA");
  fmt::print("  {:<15} {:.6f}\n", "P(wait)", r.p_wait);
  fmt::print("  {:<15} {:.6f}\n", model == Model::b ? "P(blocked)" : "P(abandon)", r.p_abandon);
  fmt::print("  {:<15} {:.1f} %\n", "occupancy", 100.0 * r.occupancy);
}

int run(Model model, const ErlangOptions& o) {
  try {
    // The model works per second; the hourly rate is checked here so the message names the option.
    if (!std::isfinite(o.rate_per_hour) || o.rate_per_hour < 0)
      throw std::invalid_argument(
          fmt::format("--rate-per-hour must be >= 0, got {}", o.rate_per_hour));
    if (model != Model::a && o.patience_given)
      throw std::invalid_argument(
          "--patience-s applies only to erlang a; b and c have no abandonment");
    ErlangInput in;
    in.rate_per_s = o.rate_per_hour / 3600.0;
    in.aht_s = o.aht_s;
    in.agents = o.staff_for_target ? 0 : o.agents;
    in.answer_within_s = o.answer_within_s;
    if (model == Model::a) in.patience_s = o.patience_s;
    const ErlangResult r = evaluate(model, in, o);
    if (o.json)
      print_json(r);
    else
      print_table(model, o, r);
    return 0;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "ccsim erlang: {}\n", e.what());
    return 2;
  }
}

void add_model_command(CLI::App& erlang, Model model, const std::string& name, int& exit_code) {
  auto o = std::make_shared<ErlangOptions>();
  CLI::App* sub = erlang.add_subcommand(name, title(model));
  sub->add_option("--rate-per-hour", o->rate_per_hour, "Arrivals per hour")->required();
  sub->add_option("--aht-s", o->aht_s, "Mean handle time in seconds")->required();

  CLI::Option_group* staffing =
      sub->add_option_group("staffing", "Exactly one of --agents and --target-sl");
  CLI::Option* agents = staffing->add_option("--agents", o->agents, "Agents on duty");
  CLI::Option* target = staffing->add_option(
      "--target-sl", o->target_sl, "Find the fewest agents whose service level reaches this (0-1)");
  agents->excludes(target);
  staffing->require_option(1);

  CLI::Option* patience =
      sub->add_option("--patience-s", o->patience_s, "Mean patience in seconds");
  if (model == Model::a)
    patience->required();
  else
    patience->group("");  // hidden, accepted only to be refused with a clear message
  sub->add_option("--answer-within-s", o->answer_within_s, "Service-level threshold T in seconds")
      ->capture_default_str();
  sub->add_flag("--json", o->json, "Print one JSON object instead of a table");

  sub->callback([o, model, target, patience, &exit_code] {
    o->staff_for_target = target->count() > 0;
    o->patience_given = patience->count() > 0;
    exit_code = run(model, *o);
  });
}

}  // namespace

void add_erlang_command(CLI::App& app, int& exit_code) {
  CLI::App* erlang = app.add_subcommand(
      "erlang", "Closed-form service level, ASA and staffing (Erlang B, C and A)");
  erlang->require_subcommand(1);
  add_model_command(*erlang, Model::b, "b", exit_code);
  add_model_command(*erlang, Model::c, "c", exit_code);
  add_model_command(*erlang, Model::a, "a", exit_code);
}

}  // namespace ccsim::cli
