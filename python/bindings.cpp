// The C++ half of the Python module `ccsim` (ccsim/_core): scenarios, runs, sweeps, paired
// comparisons and the Erlang formulas, over the same library calls as the command line. Documents
// and results cross the boundary as JSON and CSV text, written by the library's own writers, so a
// Python result is the very bytes `ccsim run --json` and `--csv` write; ccsim/__init__.py turns
// them into dicts and DataFrames. Every run releases the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ccsim/diagnostics.h"
#include "ccsim/erlang.h"
#include "ccsim/scenario.h"
#include "runs.h"
#include "staffing.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// ccsim.InputError (defined in Python, so that it is a plain exception class users can catch and
// pickle) with .problems: one dict per problem, as `ccsim` prints them one per line.
void raise_input_error(const ccsim::InputError& e) {
  py::list problems;
  for (const ccsim::Diagnostic& d : e.diagnostics())
    problems.append(py::dict("file"_a = d.file, "pointer"_a = d.where, "message"_a = d.message,
                             "text"_a = d.to_string()));
  const py::object error_class = py::module_::import("ccsim._errors").attr("InputError");
  std::string message;
  for (const ccsim::Diagnostic& d : e.diagnostics()) message += (message.empty() ? "" : "\n") + d.to_string();
  const py::object error = error_class(message, problems);
  PyErr_SetObject(error_class.ptr(), error.ptr());
}

py::dict erlang_dict(const ccsim::ErlangResult& r) {
  return py::dict("agents"_a = r.agents, "service_level"_a = r.service_level, "asa_s"_a = r.asa_s,
                  "p_wait"_a = r.p_wait, "p_abandon"_a = r.p_abandon, "occupancy"_a = r.occupancy);
}

// `model` is "b", "c" or "a"; with `target_sl` the fewest agents reaching it, else `agents`.
py::dict erlang(const std::string& model, double rate_per_hour, double aht_s,
                std::optional<int> agents, std::optional<double> target_sl, double answer_within_s,
                std::optional<double> patience_s) {
  if (model != "a" && model != "b" && model != "c")
    throw std::invalid_argument("model must be \"a\", \"b\" or \"c\", got \"" + model + "\"");
  if (agents.has_value() == target_sl.has_value())
    throw std::invalid_argument("give exactly one of agents and target_sl");
  if (model == "a" && !patience_s) throw std::invalid_argument("erlang a needs patience_s");
  if (model != "a" && patience_s)
    throw std::invalid_argument("patience_s applies only to erlang a; b and c have no abandonment");
  ccsim::ErlangInput in;
  in.rate_per_s = rate_per_hour / 3600.0;
  in.aht_s = aht_s;
  in.agents = agents.value_or(0);
  in.answer_within_s = answer_within_s;
  in.patience_s = patience_s;
  if (target_sl) {
    if (model == "a") return erlang_dict(ccsim::erlang_a_agents_for(in, *target_sl));
    if (model == "b") return erlang_dict(ccsim::erlang_b_agents_for(in, *target_sl));
    return erlang_dict(ccsim::erlang_c_agents_for(in, *target_sl));
  }
  if (model == "a") return erlang_dict(ccsim::erlang_a_model(in));
  if (model == "b") return erlang_dict(ccsim::erlang_b_model(in));
  return erlang_dict(ccsim::erlang_c_model(in));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "ccsim's library: see the package ccsim for the documented interface";
  m.attr("version") = CCSIM_VERSION;

  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const ccsim::InputError& e) {
      raise_input_error(e);
    }
  });

  py::class_<ccsim::Scenario>(m, "Scenario")
      .def_static("read", &ccsim::Scenario::read, "path"_a)
      .def_static("parse", &ccsim::Scenario::parse, "text"_a, "file"_a, "base_dir"_a)
      .def_property_readonly("file", &ccsim::Scenario::file)
      .def_property_readonly("base_dir", &ccsim::Scenario::base_dir)
      .def("document_text", [](const ccsim::Scenario& s) { return s.document().dump(); })
      .def("what_if_names", &ccsim::Scenario::what_if_names)
      .def("with_what_if", &ccsim::Scenario::with_what_if, "name"_a)
      .def("patched",
           [](const ccsim::Scenario& s, const std::string& patch, const std::string& origin) {
             return s.patched(nlohmann::json::parse(patch), origin);
           },
           "patch_text"_a, "origin"_a)
      .def("with_value",
           [](const ccsim::Scenario& s, const std::string& pointer, const std::string& value) {
             return s.with_value(pointer, nlohmann::json::parse(value));
           },
           "pointer"_a, "value_text"_a)
      .def("check_baseline", [](const ccsim::Scenario& s) { (void)s.compile(); })
      .def("check", [](const ccsim::Scenario& s) { (void)s.check(); });

  py::class_<ccsim::python::Run>(m, "Run")
      .def_property_readonly("replications",
                             [](const ccsim::python::Run& r) { return r.study.replications; })
      .def_readonly("seed", &ccsim::python::Run::seed)
      .def_property_readonly("contacts", [](const ccsim::python::Run& r) { return r.study.totals.arrivals; })
      .def_property_readonly("events", [](const ccsim::python::Run& r) { return r.study.totals.events; })
      .def("json_text", &ccsim::python::Run::json_text)
      .def("csv_text", &ccsim::python::Run::csv_text)
      .def("table_text", &ccsim::python::Run::table_text)
      .def("replications_text", &ccsim::python::Run::replications_text);

  py::class_<ccsim::python::SweepPoint>(m, "SweepPoint")
      .def_readonly("values", &ccsim::python::SweepPoint::values)
      .def_readonly("run", &ccsim::python::SweepPoint::run);

  py::class_<ccsim::python::RunRequest>(m, "RunRequest")
      .def(py::init([](std::optional<int> replications, std::optional<std::uint64_t> seed,
                       int threads, std::string detail, bool keep_replications) {
             return ccsim::python::RunRequest{replications, seed, threads, std::move(detail),
                                              keep_replications};
           }),
           "replications"_a, "seed"_a, "threads"_a, "detail"_a, "keep_replications"_a = false);

  m.def("run", &ccsim::python::run, "scenario"_a, "what_ifs"_a, "request"_a,
        py::call_guard<py::gil_scoped_release>());
  m.def("paired", &ccsim::python::paired, "baseline"_a, "candidate"_a, "request"_a,
        py::call_guard<py::gil_scoped_release>());

  py::class_<ccsim::python::GateRequest>(m, "GateRequest")
      .def(py::init([](std::vector<std::string> kpis, double alpha, int initial, int max,
                       std::optional<std::uint64_t> seed, int threads, bool fail_undecided) {
             return ccsim::python::GateRequest{std::move(kpis), alpha, initial, max, seed, threads,
                                               fail_undecided};
           }),
           "kpis"_a, "alpha"_a, "initial_replications"_a, "max_replications"_a, "seed"_a,
           "threads"_a, "fail_undecided"_a);
  m.def("compare", &ccsim::python::compare_sequentially, "baseline"_a, "candidate"_a, "request"_a,
        py::call_guard<py::gil_scoped_release>());
  m.def("sweep", &ccsim::python::sweep, "scenario"_a, "paths"_a, "values"_a, "lhs_points"_a,
        "request"_a, "what_ifs"_a = std::vector<std::string>{}, py::call_guard<py::gil_scoped_release>());
  py::class_<ccsim::StaffingRequest>(m, "StaffRequest")
      .def(py::init([](std::optional<int> replications, std::optional<std::uint64_t> seed, int threads,
                       std::string scope, double confidence, std::optional<int> verify_replications,
                       int max_evaluations) {
             return ccsim::StaffingRequest{replications, seed, threads, std::move(scope),
                                           confidence, verify_replications, max_evaluations};
           }),
           "replications"_a, "seed"_a, "threads"_a, "scope"_a, "confidence"_a,
           "verify_replications"_a, "max_evaluations"_a);
  py::class_<ccsim::python::Staffing>(m, "Staffing")
      .def("json_text", &ccsim::python::Staffing::json_text)
      .def("csv_text", &ccsim::python::Staffing::csv_text)
      .def("report_text", &ccsim::python::Staffing::report_text)
      .def_property_readonly("planned", [](const ccsim::python::Staffing& s) { return s.planned; });
  m.def("staff", &ccsim::python::staff, "scenario"_a, "request"_a,
        py::call_guard<py::gil_scoped_release>());
  m.def("erlang", &erlang, "model"_a, "rate_per_hour"_a, "aht_s"_a, "agents"_a, "target_sl"_a,
        "answer_within_s"_a, "patience_s"_a);
}
