#include "ccsim/detail/distribution_reader.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/csv_column.h"

namespace ccsim::detail {

namespace {

// One way of giving a family's parameters: the keys it needs and the keys it may add.
struct Form {
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

struct Family {
  std::string name;
  std::vector<Form> forms;
};

const std::vector<Family>& families() {
  static const std::vector<Family> all = {
      {"exponential", {{{"mean_s"}, {}}}},
      {"erlang", {{{"k", "mean_s"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"gamma", {{{"shape", "scale_s"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"lognormal", {{{"mu", "sigma"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"weibull", {{{"shape", "scale_s"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"uniform", {{{"low_s", "high_s"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"deterministic", {{{"value_s"}, {}}, {{"mean_s"}, {}}}},
      {"truncated_normal", {{{"mu_s", "sigma_s"}, {}}, {{"mean_s", "cv"}, {}}}},
      {"empirical", {{{"values_s"}, {"scale"}}, {{"file"}, {"column", "scale"}}}},
      {"kaplan_meier",
       {{{"times_s", "survival"}, {"tail_mean_s"}},
        {{"file"}, {"time_column", "survival_column", "tail_mean_s"}}}},
      {"mixture", {{{"components"}, {}}}},
  };
  return all;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// `"mu" and "sigma", or "mean_s" and "cv"`
std::string describe_forms(const Family& family) {
  std::string out;
  for (const Form& form : family.forms) {
    if (!out.empty()) out += ", or ";
    out += quoted_list(form.required);
    if (!form.optional.empty()) out += " (optionally " + quoted_list(form.optional) + ")";
  }
  return out;
}

// The form whose keys the object uses, or nothing if they match no form (some missing, or two
// forms mixed); that is reported.
const Form* choose_form(const Cursor& node, const Family& family) {
  std::vector<std::string> parameter_keys;
  std::vector<std::string> present;
  for (const Form& form : family.forms) {
    for (const auto& key : form.required)
      if (!contains(parameter_keys, key)) parameter_keys.push_back(key);
    for (const auto& key : form.optional)
      if (!contains(parameter_keys, key)) parameter_keys.push_back(key);
  }
  for (auto it = node.json().begin(); it != node.json().end(); ++it)
    if (contains(parameter_keys, it.key())) present.push_back(it.key());

  for (const Form& form : family.forms) {
    const bool has_required = std::all_of(form.required.begin(), form.required.end(),
                                          [&](const auto& k) { return contains(present, k); });
    const bool nothing_else = std::all_of(present.begin(), present.end(), [&](const auto& k) {
      return contains(form.required, k) || contains(form.optional, k);
    });
    if (has_required && nothing_else) return &form;
  }
  node.fail(fmt::format("{} needs {}, got {}", family.name, describe_forms(family),
                        present.empty() ? std::string("none") : quoted_list(present)));
  return nullptr;
}

NumberRule positive_duration() { return NumberRule::above(0.0).limited_to(limits::duration_s); }
NumberRule duration() { return NumberRule::at_least(0.0).limited_to(limits::duration_s); }
NumberRule positive_cv() { return NumberRule::above(0.0).limited_to(limits::cv); }

struct MeanCv {
  double mean;
  double cv;
};

std::optional<MeanCv> read_mean_cv(const Cursor& node, const NumberRule& cv_rule) {
  const auto m = node.get("mean_s").number(positive_duration());
  const auto c = node.get("cv").number(cv_rule);
  if (!m || !c) return std::nullopt;
  return MeanCv{*m, *c};
}

// Erlang's CV is 1/sqrt(k): only some CVs give a whole k.
std::optional<Distribution> erlang_from_mean_cv(const Cursor& node) {
  const auto mc = read_mean_cv(node, NumberRule::above(0.0).up_to(1.0));
  if (!mc) return std::nullopt;
  const double k = 1.0 / (mc->cv * mc->cv);
  const double whole = std::round(k);
  // A planner writes 0.57735 for 1/sqrt(3); accept that much rounding.
  if (std::abs(k - whole) > 1e-4 * whole || whole > limits::erlang_k) {
    node.get("cv").fail(fmt::format(
        "must be 1/sqrt(k) for a whole k (1, 0.70711, 0.57735, 0.5, ...), got {}; gamma takes "
        "any cv",
        number_text(mc->cv)));
    return std::nullopt;
  }
  return Erlang{static_cast<int>(whole), mc->mean};
}

std::optional<Distribution> read_empirical(const Cursor& node, const Form& form,
                                           DistributionContext& context) {
  std::optional<std::vector<double>> values =
      read_values(node, contains(form.required, "values_s") ? "values_s" : nullptr, duration(),
                  "duration", context);
  const auto scale = node.get("scale").number(NumberRule::above(0.0).limited_to(limits::scale));
  if ((node.has("scale") && !scale) || !values) return std::nullopt;
  for (double& v : *values) v *= scale.value_or(1.0);
  return Empirical{std::move(*values)};
}

std::optional<Distribution> read_any(const Cursor& node, DistributionContext& context,
                                     bool as_component);

// Bounds on a distribution: "min_s" and "max_s", each optional.
struct Bounds {
  double min = 0.0;
  double max = std::numeric_limits<double>::infinity();
  bool any = false;
};

std::optional<Distribution> read_mixture(const Cursor& node, const Bounds& bounds,
                                         DistributionContext& context) {
  const Cursor list = node.get("components");
  if (!list.array()) return std::nullopt;
  if (list.size() == 0 || list.size() > limits::mixture_components) {
    list.expected(fmt::format("an array of 1 to {} components, each a distribution with a weight",
                              limits::mixture_components));
    return std::nullopt;
  }
  std::vector<Truncated> parts;
  std::vector<double> weights;
  bool ok = true;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Cursor item = list[i];
    if (!item.object()) {
      ok = false;
      continue;
    }
    const auto weight = item.require("weight").number(NumberRule::above(0.0).up_to(1.0));
    const auto part = read_any(item, context, true);
    if (!weight || !part) {
      ok = false;
      continue;
    }
    parts.push_back(mixture_component(*part));
    weights.push_back(*weight);
  }
  if (!ok) return std::nullopt;
  double sum = 0.0;
  for (double w : weights) sum += w;
  if (!(std::abs(sum - 1.0) <= 1e-6)) {
    list.fail(fmt::format("weights must sum to 1 (within 1e-6), got {:.9g}", sum));
    return std::nullopt;
  }
  try {
    return make_mixture(std::move(parts), std::move(weights), bounds.min, bounds.max);
  } catch (const std::invalid_argument& e) {
    node.fail(e.what());
    return std::nullopt;
  }
}

// Builds the distribution from the parameters of `form`; nothing if one is wrong (reported).
std::optional<Distribution> build(const Cursor& node, const Family& family, const Form& form,
                                  const Bounds& bounds, DistributionContext& context) {
  const auto get = [&](const char* key, const NumberRule& rule) {
    return node.get(key).number(rule);
  };
  const bool by_mean_cv = contains(form.required, "cv");
  const std::string& name = family.name;

  if (name == "exponential") {
    const auto m = get("mean_s", positive_duration());
    if (!m) return std::nullopt;
    return Exponential{*m};
  }
  if (name == "erlang") {
    if (by_mean_cv) return erlang_from_mean_cv(node);
    const auto k = get("k", NumberRule::at_least(1.0).whole_numbers().limited_to(limits::erlang_k));
    const auto m = get("mean_s", positive_duration());
    if (!k || !m) return std::nullopt;
    return Erlang{static_cast<int>(*k), *m};
  }
  if (name == "gamma") {
    if (by_mean_cv) {
      const auto mc = read_mean_cv(node, positive_cv());
      if (!mc) return std::nullopt;
      return gamma_from_mean_cv(mc->mean, mc->cv);
    }
    // The cv of a gamma is 1/sqrt(shape): the cv limit as a shape. Smaller shapes put nearly
    // every sample at 0 (1e-300 makes every handle time 0).
    const auto shape = get("shape", NumberRule::at_least(1.0 / (limits::cv * limits::cv))
                                        .limited_to(limits::shape));
    const auto scale = get("scale_s", positive_duration());
    if (!shape || !scale) return std::nullopt;
    return Gamma{*shape, *scale};
  }
  if (name == "lognormal") {
    if (by_mean_cv) {
      const auto mc = read_mean_cv(node, positive_cv());
      if (!mc) return std::nullopt;
      return lognormal_from_mean_cv(mc->mean, mc->cv);
    }
    const auto mu = get("mu", NumberRule::any());
    const auto sigma = get("sigma", NumberRule::above(0.0).limited_to(limits::lognormal_sigma));
    if (!mu || !sigma) return std::nullopt;
    return Lognormal{*mu, *sigma};
  }
  if (name == "weibull") {
    // Shapes below 0.05 have astronomically heavy tails (and overflow the gamma function).
    if (by_mean_cv) {
      const auto mc = read_mean_cv(node, NumberRule::at_least(0.01).limited_to(limits::cv));
      if (!mc) return std::nullopt;
      return weibull_from_mean_cv(mc->mean, mc->cv);
    }
    const auto shape = get("shape", NumberRule::at_least(0.05).up_to(500.0));
    const auto scale = get("scale_s", positive_duration());
    if (!shape || !scale) return std::nullopt;
    return Weibull{*shape, *scale};
  }
  if (name == "uniform") {
    if (by_mean_cv) {
      // Beyond 1/sqrt(3) the lower end would fall below zero.
      const double widest = 1.0 / std::sqrt(3.0);
      const auto mc = read_mean_cv(node, NumberRule::above(0.0).up_to(widest).described_as(
                                             "a number in (0, 1/sqrt(3) = 0.57735]"));
      if (!mc) return std::nullopt;
      return uniform_from_mean_cv(mc->mean, mc->cv);
    }
    const auto low = get("low_s", duration());
    const auto high = get("high_s", duration());
    if (!low || !high) return std::nullopt;
    if (*high < *low) {
      node.get("high_s").fail(
          fmt::format("must be >= low_s ({}), got {}", number_text(*low), number_text(*high)));
      return std::nullopt;
    }
    return Uniform{*low, *high};
  }
  if (name == "deterministic") {
    // A zero duration is meaningful here: a patience of 0 turns the queue into Erlang B's.
    const auto value = contains(form.required, "value_s") ? get("value_s", duration())
                                                          : get("mean_s", positive_duration());
    if (!value) return std::nullopt;
    return Deterministic{*value};
  }
  if (name == "truncated_normal") {
    if (by_mean_cv) {
      const auto mc = read_mean_cv(node, NumberRule::above(0.0).below(1.0));
      if (!mc) return std::nullopt;
      return truncated_normal_from_mean_cv(mc->mean, mc->cv);
    }
    // With the mean at or above the truncation point at least half the mass is kept, which keeps
    // the sampler's rejection loop short.
    const auto mu = get("mu_s", duration());
    const auto sigma = get("sigma_s", positive_duration());
    if (!mu || !sigma) return std::nullopt;
    return TruncatedNormal{*mu, *sigma, 0.0};
  }
  if (name == "kaplan_meier")
    return read_kaplan_meier(node, contains(form.required, "times_s"), context);
  if (name == "mixture") return read_mixture(node, bounds, context);
  return read_empirical(node, form, context);
}

std::optional<Bounds> read_bounds(const Cursor& node) {
  Bounds bounds;
  const Cursor min = node.get("min_s");
  const Cursor max = node.get("max_s");
  const auto low = min.number(duration());
  const auto high = max.number(positive_duration());
  if ((min.present() && !low) || (max.present() && !high)) return std::nullopt;
  bounds.any = low || high;
  if (low) bounds.min = *low;
  if (high) bounds.max = *high;
  if (low && high && !(*low < *high)) {
    max.fail(fmt::format("must be above min_s ({}), got {}", number_text(*low), number_text(*high)));
    return std::nullopt;
  }
  return bounds;
}

Law as_law(const Distribution& d) {
  return std::visit(
      [](const auto& x) -> Law {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Truncated> || std::is_same_v<T, Mixture>)
          throw std::logic_error("bounds apply to a law");
        else
          return x;
      },
      d);
}

}  // namespace

std::optional<std::vector<double>> read_values(const Cursor& node, const char* list_key,
                                               const NumberRule& rule, const std::string& what,
                                               DistributionContext& context) {
  std::vector<double> values;
  bool ok = true;
  if (list_key != nullptr) {
    const Cursor list = node.get(list_key);
    if (!list.array()) return std::nullopt;
    if (list.size() == 0) {
      list.expected("an array of at least one " + what);
      return std::nullopt;
    }
    if (list.size() > context.empirical_values_left) {
      list.fail(fmt::format("must have at most {} values in the whole scenario, got {}",
                            limits::empirical_values, list.size()));
      return std::nullopt;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto x = list[i].number(rule);
      if (x)
        values.push_back(*x);
      else
        ok = false;
    }
  } else {
    const Cursor file = node.get("file");
    const auto name = file.string();
    if (name && name->empty()) file.expected("a CSV file name");
    CsvColumnName column = std::size_t{0};
    const Cursor column_node = node.get("column");
    if (column_node.present()) {
      if (column_node.json().is_string()) {
        column = column_node.json().get<std::string>();
      } else if (const auto index = column_node.number(
                     NumberRule::at_least(0.0).whole_numbers().limited_to(1e6).described_as(
                         "a column name or a 0-based index"))) {
        column = static_cast<std::size_t>(*index);
      } else {
        ok = false;
      }
    }
    if (!name || name->empty() || !ok) return std::nullopt;
    CsvColumn csv =
        read_csv_column(context.base_dir / *name, *name, column, limits::csv_file_bytes);
    for (auto& problem : csv.file_problems) file.fail(std::move(problem));
    for (auto& problem : csv.column_problems) column_node.fail(std::move(problem));
    if (!csv.file_problems.empty() || !csv.column_problems.empty()) return std::nullopt;
    if (csv.values.size() > context.empirical_values_left) {
      file.fail(fmt::format("has {} values, more than the {} allowed in the whole scenario",
                            csv.values.size(), limits::empirical_values));
      return std::nullopt;
    }
    values = std::move(csv.values);
  }
  if (!ok) return std::nullopt;
  context.empirical_values_left -= values.size();
  return values;
}

namespace {

std::optional<Distribution> read_any(const Cursor& node, DistributionContext& context,
                                     bool as_component) {
  if (!node.object()) return std::nullopt;
  const Cursor dist = node.require("dist");
  if (dist.present() && dist.json().is_string()) {
    // Names planners use for families that ccsim spells otherwise, too far apart for the
    // edit-distance suggestion to find.
    static const std::map<std::string, std::string> other_names = {
        {"normal", "truncated_normal"}, {"gaussian", "truncated_normal"},
        {"constant", "deterministic"},  {"fixed", "deterministic"},
        {"exp", "exponential"},         {"markov", "exponential"},
    };
    const auto it = other_names.find(dist.json().get<std::string>());
    if (it != other_names.end()) {
      dist.fail(fmt::format("unknown distribution {}, did you mean \"{}\"?", show(dist.json()),
                            it->second));
      return std::nullopt;
    }
  }
  std::vector<std::string> names;
  for (const Family& family : families()) names.push_back(family.name);
  const auto index = dist.choice(names, "distribution");
  if (!index) return std::nullopt;
  const Family& family = families()[*index];
  if (as_component && family.name == "mixture") {
    dist.fail("a mixture component cannot itself be a mixture (mixtures do not nest): list its "
              "components in this mixture, with their weights multiplied");
    return std::nullopt;
  }

  std::vector<std::string> known = {"dist"};
  if (as_component) known.push_back("weight");
  for (const Form& form : family.forms) {
    for (const auto& key : form.required)
      if (!contains(known, key)) known.push_back(key);
    for (const auto& key : form.optional)
      if (!contains(known, key)) known.push_back(key);
  }
  known.push_back("min_s");
  known.push_back("max_s");
  node.allow_only(known);
  const Form* form = choose_form(node, family);
  const auto bounds = read_bounds(node);
  if (!form || !bounds) return std::nullopt;

  std::optional<Distribution> result;
  double m = 0.0;
  try {
    result = build(node, family, *form, *bounds, context);
    if (!result) return std::nullopt;
    if (bounds->any && family.name != "mixture") {
      try {
        result = make_truncated(as_law(*result), bounds->min, bounds->max);
      } catch (const std::invalid_argument& e) {
        node.fail(e.what());
        return std::nullopt;
      }
    }
    m = mean(*result);
  } catch (const std::exception& e) {
    // The mean-and-CV constructors refuse what they cannot solve (and Boost's gamma function
    // throws on overflow); the rules above should catch it first, but a message beats a crash.
    node.fail(fmt::format("{} cannot have these parameters: {}", family.name, e.what()));
    return std::nullopt;
  }
  if (!std::isfinite(m) || m > limits::duration_s) {
    node.fail(fmt::format("must have a mean of at most {} s, got {:.4g} s",
                          number_text(limits::duration_s), m));
    return std::nullopt;
  }
  // The cv limit holds however a family is given: by its own parameters (a lognormal's sigma, a
  // weibull's shape) as well as by mean and cv. Samples are what they are.
  if (!std::holds_alternative<Empirical>(*result) && !std::holds_alternative<KaplanMeier>(*result)) {
    double c = 0.0;
    try {
      c = cv(*result);
    } catch (const std::exception&) {
      c = std::numeric_limits<double>::infinity();
    }
    if (!(c <= limits::cv)) {
      node.fail(fmt::format("must have a cv of at most {}, got {}", number_text(limits::cv),
                            std::isfinite(c) ? fmt::format("{:.4g}", c) : std::string("inf")));
      return std::nullopt;
    }
  }
  return result;
}

}  // namespace

std::optional<Distribution> read_distribution(const Cursor& node, DistributionContext& context) {
  return read_any(node, context, false);
}

}  // namespace ccsim::detail
