// Checking a parsed scenario document and compiling it into a Model: every problem is collected
// with its JSON pointer, then thrown together as one InputError. The format is described in
// scenarios/ccsim.schema.json; the limits in detail/scenario_limits.h.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/core.h>

#include "ccsim/detail/distribution_reader.h"
#include "ccsim/detail/json_cursor.h"
#include "ccsim/detail/scenario_keys.h"
#include "ccsim/detail/scenario_limits.h"
#include "ccsim/compile.h"
#include "ccsim/limits.h"
#include "ccsim/visible_text.h"

namespace ccsim {

namespace {

using detail::Cursor;
using detail::Json;
using detail::JsonPointer;
using detail::number_text;
using detail::NumberRule;
using detail::show;
namespace limits = detail::limits;
namespace keys = detail::scenario_keys;

// In the order of SlaDenominator, TransferMode, WaitPredictor and RoutingPolicy.
const std::vector<std::string> sla_denominators = {"offered_minus_short", "offered", "answered"};
const std::vector<std::string> transfer_modes = {"cold", "warm"};
const std::vector<std::string> wait_predictors = {"queue_length"};
const std::vector<std::string> routing_policies = {"priority", "longest_weighted_wait",
                                                   "reservation"};
// In the order of Channel; weekdays from Monday, as Horizon::start_weekday and BusinessHours::days.
const std::vector<std::string> channels = {"voice", "chat", "email"};
const std::vector<std::string> weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

const std::string id_expectation = R"(an id of letters, digits, "_", "-" or ".")";

// The number at `node`, `fallback` when the key is absent, nothing when present but wrong.
std::optional<double> number_or(const Cursor& node, const NumberRule& rule, double fallback) {
  if (!node.present()) return fallback;
  return node.number(rule);
}

// A share from 0 to 1 (a service-level target, a shrinkage). Planners think in percent, so a
// value such as 30 gets a hint.
std::optional<double> read_share(const Cursor& node, const NumberRule& rule, double fallback) {
  if (!node.present()) return fallback;
  const Json& value = node.json();
  if (value.is_number() && value.get<double>() >= 2.0 && value.get<double>() <= 100.0) {
    node.fail(fmt::format("{} (write {} % as {})", *rule.problem(value),
                          number_text(value.get<double>()),
                          number_text(value.get<double>() / 100.0)));
    return std::nullopt;
  }
  return node.number(rule);
}

// "08:00" -> 480. Hours may have one digit ("8:00").
std::optional<int> clock_minutes(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon < 1 || colon > 2 || text.size() != colon + 3)
    return std::nullopt;
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::string_view view(text);
  if (!digits(view.substr(0, colon)) || !digits(view.substr(colon + 1))) return std::nullopt;
  const int hours = std::stoi(text.substr(0, colon));
  const int minutes = std::stoi(text.substr(colon + 1));
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

bool id_character(char c) {
  const auto u = static_cast<unsigned char>(c);
  // Bytes of UTF-8 sequences are letters of other alphabets ("facturación").
  return std::isalnum(u) || c == '_' || c == '-' || c == '.' || u >= 0x80;
}

// Names are compared byte for byte, so two that print alike must not both be possible: "calls"
// and "calls" with a zero-width space after it would be two contact types.
std::string invisible_message(std::string_view what, char32_t c, const std::string& text) {
  return fmt::format("{} must not contain the invisible character {}, got {}", what,
                     code_point_text(c), show(Json(text)));
}

// "billing, tech, sales" for messages, cut short for very long lists.
std::string id_list(const std::vector<std::string>& ids) {
  constexpr std::size_t listed = 20;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < listed; ++i) out += (i > 0 ? ", " : "") + ids[i];
  if (ids.size() > listed) out += ", ...";
  return out;
}

// "no segment with id "vpi", did you mean "vip"? (segments: vip, standard)": `what` names one
// element ("segment"), `plural` the list ("segments").
void fail_unknown_id(const Cursor& node, std::string_view what, std::string_view plural,
                     const std::string& id, const std::vector<std::string>& known) {
  std::string message = fmt::format("no {} with id {}", what, show(Json(id)));
  if (known.empty()) {
    node.fail(fmt::format("{} (the scenario has no {})", message, plural));
    return;
  }
  if (const auto near = detail::nearest_name(id, known))
    message += fmt::format(", did you mean \"{}\"?", *near);
  node.fail(fmt::format("{} ({}: {})", message, plural, id_list(known)));
}

// A probability: a share from 0 to 1.
const NumberRule probability = NumberRule::at_least(0.0).up_to(1.0);

// Chats one agent holds at once, and agent assist's handle-time factor (below 1: faster): the
// range that makes sense, not a guard of scenario_limits.h.
constexpr double max_chat_concurrency = 20;
constexpr double max_assist_aht_factor = 10;

// What a contact type refers to that is checked once every type and group is read.
struct TypeReferences {
  bool channel_known = true;                // "channel" is absent or readable
  std::optional<Cursor> escalation;         // a readable "p", a number or a list
  std::optional<double> escalation_scalar;  // the number, when "p" is one
  std::optional<Cursor> misroute_to;        // a string
};

class ScenarioReader {
 public:
  ScenarioReader(const Json& document, const std::string& file, std::filesystem::path base_dir)
      : problems_(file), root_(document, JsonPointer(), problems_) {
    distributions_.base_dir = std::move(base_dir);
  }

  Model read() {
    // Nothing else can be read from a top level that is not an object; object() reported it.
    if (!root_.object()) problems_.throw_if_any();
    root_.allow_only(keys::scenario);
    read_name();
    root_.get("description").string();
    root_.get("$schema").string();
    read_horizon(root_.require("horizon"));
    read_run(root_.get("run"));
    const Cursor types = root_.require("contact_types");
    const Cursor groups = root_.require("agent_groups");
    check_table_size(types, groups);
    // Segments first: a contact type takes its segment's service level.
    read_segments(root_.get("segments"));
    read_contact_types(types);
    read_agent_groups(groups);
    read_routing(root_.get("routing"));
    read_automation(root_.get("automation"));
    // What needs every type, group and overflow step read.
    check_chat_concurrency(groups);
    resolve_misroutes();
    compile_escalations();
    check_every_type_is_served(types);
    read_what_if_shapes(root_.get("what_if"));
    problems_.throw_if_any();
    link_routing(model_);
    return std::move(model_);
  }

 private:
  // ---- name, horizon, run

  void read_name() {
    model_.name = std::filesystem::path(problems_.file()).stem().string();
    const Cursor node = root_.get("name");
    const auto name = node.string();
    if (!name) return;
    if (name->empty() || name->size() > limits::name_length) {
      node.expected(fmt::format("a name of 1 to {} characters", limits::name_length));
      return;
    }
    if (const auto c = first_invisible(*name)) {
      node.fail(invisible_message("a name", *c, *name));
      return;
    }
    model_.name = *name;
  }

  void read_horizon(const Cursor& node) {
    if (!node.object()) return;
    node.allow_only(keys::horizon);
    const Cursor intervals_node = node.require("intervals");
    const auto intervals = intervals_node.number(
        NumberRule::at_least(1.0).whole_numbers().limited_to(limits::intervals));
    const auto interval_min = number_or(
        node.get("interval_min"), NumberRule::at_least(1.0).up_to(1440.0).whole_numbers(), 30.0);
    const auto days = number_or(
        node.get("days"), NumberRule::at_least(1.0).whole_numbers().limited_to(limits::days), 1.0);
    std::optional<int> start_min = 0;
    const Cursor start = node.get("start");
    if (start.present()) {
      const auto text =
          start.json().is_string() ? clock_minutes(start.json().get<std::string>()) : std::nullopt;
      if (!text) start.expected(R"(a clock time "HH:MM" from 00:00 to 23:59)");
      start_min = text;
    }
    if (const auto weekday = node.get("start_weekday").choice(weekdays, "weekday"))
      model_.horizon.start_weekday = static_cast<int>(*weekday);
    if (!intervals || !interval_min || !days || !start_min) return;
    if (*intervals * *days > limits::intervals) {
      node.fail(fmt::format("must have intervals * days at most {}, got {} * {} = {}",
                            number_text(limits::intervals), number_text(*intervals),
                            number_text(*days), number_text(*intervals * *days)));
      return;
    }
    model_.horizon.start_min = *start_min;
    model_.horizon.intervals_per_day = static_cast<int>(*intervals);
    model_.horizon.interval_s = *interval_min * 60.0;
    model_.horizon.days = static_cast<int>(*days);
    horizon_known_ = true;
  }

  void read_run(const Cursor& node) {
    if (!node.object()) return;
    node.allow_only(keys::run);
    RunSettings& run = model_.run;
    if (const auto replications = number_or(
            node.get("replications"),
            NumberRule::at_least(1.0).whole_numbers().limited_to(limits::replications), 30))
      run.replications = static_cast<int>(*replications);
    if (const auto seed = read_seed(node.get("seed"))) run.seed = *seed;
    const Cursor warmup = node.get("warmup_min");
    if (const auto minutes =
            warmup.number(NumberRule::at_least(0.0).limited_to(limits::duration_s / 60.0))) {
      const double horizon_min = model_.horizon.length_s() / 60.0;
      if (horizon_known_ && *minutes >= horizon_min)
        warmup.fail(fmt::format("must be less than the horizon of {} min, got {}",
                                number_text(horizon_min), show(warmup.json())));
      run.warmup_s = *minutes * 60.0;
    }
    if (const auto drain = node.get("drain").boolean()) run.drain = *drain;
  }

  static std::optional<std::uint64_t> read_seed(const Cursor& node) {
    if (!node.present()) return std::nullopt;
    const Json& value = node.json();
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
      return static_cast<std::uint64_t>(value.get<std::int64_t>());
    // A whole number past 2^64 - 1 arrives as a double; the limit and the value are printed as
    // the integers they are, not as 1.8446744073709552e+19.
    if (value.is_number_float() && value.get<double>() >= 18446744073709551616.0 &&
        std::isfinite(value.get<double>())) {
      node.fail(fmt::format("must be at most {}, got {}",
                            std::numeric_limits<std::uint64_t>::max(),
                            number_text(value.get<double>())));
      return std::nullopt;
    }
    // The largest double below 2^64, so that the conversion below is defined.
    const auto seed =
        node.number(NumberRule::at_least(0.0).whole_numbers().limited_to(18446744073709549568.0));
    if (!seed) return std::nullopt;
    return static_cast<std::uint64_t>(*seed);
  }

  // Per-interval tables cost (contact types + agent groups) * intervals values; refuse sizes that
  // would exhaust memory before allocating them.
  void check_table_size(const Cursor& types, const Cursor& groups) {
    if (!horizon_known_ || !types.present() || !groups.present() || !types.json().is_array() ||
        !groups.json().is_array())
      return;
    const double rows = static_cast<double>(types.size() + groups.size());
    const double cells = rows * model_.horizon.intervals();
    if (cells <= limits::table_cells) return;
    root_.fail(fmt::format(
        "{} contact types and agent groups over {} intervals make {} per-interval values, more "
        "than the limit of {}",
        number_text(rows), model_.horizon.intervals(), number_text(cells),
        number_text(limits::table_cells)));
    expand_series_ = false;
  }

  // ---- what-ifs: only their shape here; they are applied and checked by what_if.h, and the
  // baseline ignores them.

  void read_what_if_shapes(const Cursor& node) {
    if (!node.object()) return;
    for (const auto& [name, patch] : node.json().items()) {
      const Cursor what_if = node.get(name);
      // `ccsim run --what-if` takes "all" and comma-separated lists of names, and output files
      // call the plan itself "baseline".
      if (name.empty() || name.size() > limits::name_length || name == "all" ||
          name == "baseline" || name.find(',') != std::string::npos) {
        what_if.fail(fmt::format(R"(must have a name of 1 to {} characters, other than "all" or )"
                                 R"("baseline" and without commas, got {})",
                                 limits::name_length, show(Json(name))));
        continue;
      }
      if (const auto c = first_invisible(name)) {
        what_if.fail(invisible_message("a what-if name", *c, name));
        continue;
      }
      if (!patch.is_object() && !patch.is_array())
        what_if.expected("an object (merge patch) or an array (JSON patch)");
    }
  }

  // ---- values per interval

  // A number for every interval, or an array with one value per interval of a day (repeated every
  // day) or per interval of the whole horizon. Nothing if wrong (reported) or absent.
  std::optional<std::vector<double>> read_series(const Cursor& node, const NumberRule& rule) {
    if (!node.present()) return std::nullopt;
    const Horizon& horizon = model_.horizon;
    const auto all = static_cast<std::size_t>(horizon.intervals());
    const auto per_day = static_cast<std::size_t>(horizon.intervals_per_day);
    if (node.json().is_number()) {
      const auto x = node.number(rule);
      if (!x || !horizon_known_ || !expand_series_) return std::nullopt;
      return std::vector<double>(all, *x);
    }
    if (!node.json().is_array()) {
      node.expected(rule.expectation() + " or an array of them");
      return std::nullopt;
    }
    bool ok = true;
    const std::size_t n = node.size();
    if (horizon_known_ && n != per_day && n != all) {
      ok = false;
      if (horizon.days == 1) {
        node.fail(fmt::format("must have {} values (one per interval), got {}", per_day, n));
      } else {
        node.fail(fmt::format(
            "must have {} values (one per interval, the same every day) or {} (one per interval "
            "of all {} days), got {}",
            per_day, all, horizon.days, n));
      }
    }
    std::vector<double> values;
    values.reserve(std::min(n, all));
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = node[i].number(rule);
      if (!x)
        ok = false;
      else if (ok)
        values.push_back(*x);
    }
    if (!ok || !horizon_known_ || !expand_series_) return std::nullopt;
    std::vector<double> expanded;
    expanded.reserve(all);
    while (expanded.size() < all) expanded.insert(expanded.end(), values.begin(), values.end());
    return expanded;
  }

  // ---- ids

  std::optional<std::string> read_id(const Cursor& node) {
    if (!node.present()) return std::nullopt;
    if (!node.json().is_string()) {
      node.expected(id_expectation);
      return std::nullopt;
    }
    const auto& id = node.json().get_ref<const std::string&>();
    if (id.empty() || !std::all_of(id.begin(), id.end(), id_character)) {
      node.expected(id_expectation);
      return std::nullopt;
    }
    if (id.size() > limits::name_length) {
      node.expected(fmt::format("an id of at most {} characters", limits::name_length));
      return std::nullopt;
    }
    if (const auto c = first_invisible(id)) {
      node.fail(invisible_message("an id", *c, id));
      return std::nullopt;
    }
    // What-if paths may name an element by id or by index; an id of digits would be ambiguous.
    if (std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      node.fail(fmt::format("must not be only digits (it would read as an index), got {}",
                            show(node.json())));
      return std::nullopt;
    }
    return id;
  }

  // Records the id's place; false (and reported) if it was used before.
  static bool first_use(std::map<std::string, std::string>& seen, const std::string& id,
                        const Cursor& node) {
    const auto [it, inserted] = seen.emplace(id, node.where().to_string());
    if (!inserted)
      node.fail(fmt::format("duplicate id {}, first used at {}", show(Json(id)), it->second));
    return inserted;
  }

  // ---- segments

  void read_segments(const Cursor& node) {
    if (!node.present()) {
      segment_ids_known_ = true;
      return;
    }
    if (!node.array()) return;
    if (node.size() > limits::segments) {
      node.fail(
          fmt::format("must list at most {} segments, got {}", limits::segments, node.size()));
      return;
    }
    bool ids_known = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
      Segment segment;
      const Cursor element = node[i];
      if (element.object()) {
        element.allow_only(keys::segment);
        const Cursor id_node = element.require("id");
        if (const auto id = read_id(id_node)) {
          segment.id = *id;
          if (!first_use(segment_places_, *id, id_node)) duplicate_segments_.insert(i);
        }
        if (const auto priority = number_or(
                element.get("priority"),
                NumberRule::at_least(0.0).whole_numbers().limited_to(limits::priority), 1.0))
          segment.priority = static_cast<int>(*priority);
        if (element.has("sla")) {
          ServiceLevelRule sla;
          read_sla(element.get("sla"), sla);
          segment.sla = sla;
        }
      }
      ids_known = ids_known && !segment.id.empty();
      model_.segments.push_back(std::move(segment));
    }
    segment_ids_known_ = ids_known;
  }

  std::optional<SegmentIndex> resolve_segment(const Cursor& node) {
    if (!node.present()) return std::nullopt;
    if (!node.json().is_string()) {
      node.expected("a segment id");
      return std::nullopt;
    }
    // With an unreadable segment list, any id might have been meant: say nothing.
    if (!segment_ids_known_) return std::nullopt;
    const auto& id = node.json().get_ref<const std::string&>();
    std::vector<std::string> known;
    for (std::size_t i = 0; i < model_.segments.size(); ++i) {
      if (model_.segments[i].id == id) return static_cast<SegmentIndex>(i);
      if (!duplicate_segments_.contains(i)) known.push_back(model_.segments[i].id);
    }
    fail_unknown_id(node, "segment", "segments", id, known);
    return std::nullopt;
  }

  // ---- contact types

  void read_contact_types(const Cursor& node) {
    if (!node.array()) return;
    if (node.size() == 0) {
      node.fail("must list at least one contact type, got []");
      return;
    }
    if (node.size() > limits::contact_types) {
      node.fail(fmt::format("must list at most {} contact types, got {}", limits::contact_types,
                            node.size()));
      return;
    }
    type_references_.resize(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) {
      ContactType type;
      read_contact_type(node[i], type, type_references_[i]);
      type_ids_.push_back(type.id);
      model_.contact_types.push_back(std::move(type));
    }
    type_ids_known_ = std::none_of(type_ids_.begin(), type_ids_.end(),
                                   [](const std::string& id) { return id.empty(); });
  }

  void read_contact_type(const Cursor& node, ContactType& type, TypeReferences& references) {
    if (!node.object()) return;
    node.allow_only(keys::contact_type);
    const Cursor id_node = node.require("id");
    if (const auto id = read_id(id_node)) {
      type.id = *id;
      if (!first_use(type_places_, *id, id_node))
        duplicate_types_.insert(model_.contact_types.size());
    }
    // The channel first: what else the type may have depends on it.
    const Cursor channel = node.get("channel");
    if (const auto c = channel.choice(channels, "channel"))
      type.channel = static_cast<Channel>(*c);
    else if (channel.present())
      references.channel_known = false;
    const bool email = type.channel == Channel::email && references.channel_known;
    read_arrivals(node.require("arrivals"), type);
    if (auto handle_time = read_distribution(node.require("handle_time"), distributions_))
      type.handle_time = std::move(*handle_time);
    if (email && node.has("patience"))
      node.get("patience").fail("does not apply to email contact types (emails do not abandon)");
    else if (node.has("patience"))
      type.patience = read_distribution(node.get("patience"), distributions_);
    if (const auto segment = resolve_segment(node.get("segment"))) {
      type.segment = *segment;
      // A type without a service level of its own is measured against its segment's.
      if (!node.has("sla") && model_.segments[*segment].sla)
        type.sla = *model_.segments[*segment].sla;
    }
    if (email && !node.has("sla"))
      node.fail(R"(missing key "sla" (an email contact type needs its "respond_within_h"))");
    else if (email)
      read_response(node.get("sla"), type);
    else
      read_type_sla(node.get("sla"), type, references.channel_known);
    read_resolution(node.get("resolution"), type);
    read_escalation(node.get("escalation"), type, references);
    read_misroute(node.get("misroute"), type, references);
    read_repeat(node.get("repeat"), type);
    read_retry(node.get("retry"), type);
    if (email && node.has("callback"))
      node.get("callback").fail(
          "does not apply to email contact types (callbacks are offered to waiting callers)");
    else
      read_callback(node.get("callback"), type);
    read_deflection(node.get("deflection"), type);
    read_silent_abandonment(node.get("silent_abandonment"), type, references.channel_known);
  }

  // ---- channels: a voice or chat type's service level, an email type's response target

  // The voice and chat rule; the email keys are refused (unless the channel itself was wrong).
  void read_type_sla(const Cursor& node, ContactType& type, bool channel_known) {
    if (!node.object()) return;
    node.allow_only(keys::type_sla);
    if (channel_known)
      for (const std::string& key : keys::response)
        if (node.has(key))
          node.get(key).fail(fmt::format("does not apply to {} contact types (only email has a "
                                         "response-time target)",
                                         channels[static_cast<std::size_t>(type.channel)]));
    read_sla_values(node, type.sla);
  }

  // An email type's sla: respond within so many hours, of business time when business hours are
  // given. Emails wait without abandoning, so the answer-time keys are refused.
  void read_response(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::type_sla);
    for (const std::string& key : keys::answer)
      if (node.has(key))
        node.get(key).fail(
            "does not apply to email contact types (they are measured by respond_within_h)");
    ResponseRule response;
    const NumberRule hours_rule = NumberRule::above(0.0).limited_to(limits::duration_s / 3600.0);
    if (const auto hours = node.require("respond_within_h").number(hours_rule))
      response.respond_within_s = *hours * 3600.0;
    if (const auto target = read_share(node.get("target"), probability, response.target))
      response.target = *target;
    if (node.has("business_hours"))
      response.business_hours = read_business_hours(node.get("business_hours"));
    type.response = std::move(response);
  }

  // Start and end of each business day ("HH:MM"; the end may be "24:00") and its days. Nothing if
  // wrong (reported).
  std::optional<BusinessHours> read_business_hours(const Cursor& node) {
    if (!node.object()) return std::nullopt;
    node.allow_only(keys::business_hours);
    BusinessHours hours;
    bool ok = true;
    const auto clock = [&](const char* key, int& minutes, bool midnight_end) {
      const Cursor at = node.get(key);
      if (!at.present()) return;
      const Json& value = at.json();
      std::optional<int> text;
      if (value.is_string())
        text = midnight_end && value.get<std::string>() == "24:00"
                   ? std::optional<int>(24 * 60)
                   : clock_minutes(value.get<std::string>());
      if (!text) {
        at.expected(midnight_end ? R"(a clock time "HH:MM" from 00:00 to 24:00)"
                                 : R"(a clock time "HH:MM" from 00:00 to 23:59)");
        ok = false;
        return;
      }
      minutes = *text;
    };
    clock("start", hours.start_min, false);
    clock("end", hours.end_min, true);
    const Cursor days = node.get("days");
    if (days.present()) {
      if (const auto read = read_days(days))
        hours.days = *read;
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    if (hours.start_min >= hours.end_min) {
      const auto label = [](int m) { return fmt::format("{:02d}:{:02d}", m / 60, m % 60); };
      node.fail(fmt::format(
          "must open before they close (business hours that never open), got start {} and end {}",
          label(hours.start_min), label(hours.end_min)));
      return std::nullopt;
    }
    if (std::none_of(hours.days.begin(), hours.days.end(), [](bool open) { return open; })) {
      days.fail(
          fmt::format("must name at least one day (business hours that never open), got {}",
                      show(days.json())));
      return std::nullopt;
    }
    return hours;
  }

  // "Mon-Fri" (a range, wrapping past Sunday: "Sat-Mon"), "Sat" (one day) or ["Mon", "Wed"].
  std::optional<std::array<bool, 7>> read_days(const Cursor& node) {
    std::array<bool, 7> open{};
    const Json& value = node.json();
    if (value.is_array()) {
      bool ok = true;
      std::map<std::size_t, std::string> listed;
      for (std::size_t i = 0; i < node.size(); ++i) {
        const Cursor element = node[i];
        const auto day = element.choice(weekdays, "day");
        if (!day) {
          ok = false;
          continue;
        }
        const auto [it, inserted] = listed.emplace(*day, element.where().to_string());
        if (!inserted) {
          element.fail(fmt::format("duplicate day {}, first listed at {}", show(element.json()),
                                   it->second));
          ok = false;
          continue;
        }
        open[*day] = true;
      }
      if (!ok) return std::nullopt;
      return open;
    }
    const std::string expectation =
        R"(a day such as "Sat", a range such as "Mon-Fri" or an array of days)";
    if (!value.is_string()) {
      node.expected(expectation);
      return std::nullopt;
    }
    const auto& text = value.get_ref<const std::string&>();
    const std::size_t dash = text.find('-');
    const std::string first = text.substr(0, dash);
    const std::string last = dash == std::string::npos ? first : text.substr(dash + 1);
    const auto day_of = [&](const std::string& name) -> std::optional<std::size_t> {
      const auto it = std::find(weekdays.begin(), weekdays.end(), name);
      if (it != weekdays.end()) return static_cast<std::size_t>(it - weekdays.begin());
      return std::nullopt;
    };
    const auto from = day_of(first);
    const auto to = day_of(last);
    if (!from || !to) {
      const std::string& wrong = from ? last : first;
      std::string message = fmt::format("unknown day {} in {}", show(Json(wrong)), show(value));
      if (const auto near = detail::nearest_name(wrong, weekdays))
        message += fmt::format(", did you mean \"{}\"?", *near);
      else
        message += fmt::format(", expected {}", expectation);
      node.fail(message);
      return std::nullopt;
    }
    for (std::size_t d = *from;; d = (d + 1) % 7) {
      open[d] = true;
      if (d == *to) break;
    }
    return open;
  }

  // ---- self-service and silent chat abandonment

  void read_deflection(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::deflection);
    Deflection deflection;
    if (const auto share = read_share(node.require("share"), probability, 0.0))
      deflection.share = *share;
    if (const auto p = read_share(node.get("leak_p"), probability, deflection.leak_p))
      deflection.leak_p = *p;
    if (node.has("leak_delay")) {
      if (auto delay = read_distribution(node.get("leak_delay"), distributions_))
        deflection.leak_delay = std::move(*delay);
    }
    type.deflection = std::move(deflection);
  }

  void read_silent_abandonment(const Cursor& node, ContactType& type, bool channel_known) {
    if (!node.present()) return;
    if (type.channel != Channel::chat) {
      if (channel_known)
        node.fail(fmt::format("does not apply to {} contact types (only chats abandon silently)",
                              channels[static_cast<std::size_t>(type.channel)]));
      return;
    }
    if (!node.object()) return;
    node.allow_only(keys::silent_abandonment);
    SilentAbandonment silent;
    if (const auto share = read_share(node.require("share"), probability, 0.0))
      silent.share = *share;
    if (node.has("discover_s")) {
      if (auto discover = read_distribution(node.get("discover_s"), distributions_))
        silent.discover_time = std::move(*discover);
    }
    type.silent_abandonment = std::move(silent);
  }

  // ---- what happens after a contact is handled, abandoned or waits too long

  void read_resolution(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::resolution);
    if (const auto p = read_share(node.require("p"), probability, 1.0)) type.resolution_p = *p;
  }

  // The probabilities are kept as written; compile_escalations() spreads them over the tiers once
  // the agent groups are read.
  void read_escalation(const Cursor& node, ContactType& type, TypeReferences& references) {
    if (!node.object()) return;
    node.allow_only(keys::escalation);
    Escalation escalation;
    const Cursor p = node.require("p");
    if (p.present() && p.json().is_array()) {
      bool ok = true;
      if (p.size() == 0 || p.size() > static_cast<std::size_t>(max_tier)) {
        p.fail(fmt::format("must have 1 to {} values (one per tier, from tier 1), got {}", max_tier,
                           p.size()));
        ok = false;
      }
      for (std::size_t k = 0; k < p.size(); ++k) {
        const auto x = read_share(p[k], probability, 0.0);
        if (!x)
          ok = false;
        else if (k < escalation.p_by_tier.size())
          escalation.p_by_tier[k] = *x;
      }
      if (ok) references.escalation = p;
    } else if (p.present() && p.json().is_number()) {
      if (const auto x = read_share(p, probability, 0.0)) {
        references.escalation = p;
        references.escalation_scalar = *x;
      }
    } else if (p.present()) {
      p.expected(fmt::format("a number in [0, 1] or an array of 1 to {} of them (one per tier)",
                             max_tier));
    }
    if (const auto mode = node.get("transfer").choice(transfer_modes, "transfer"))
      escalation.transfer = static_cast<TransferMode>(*mode);
    if (node.has("handoff_s"))
      escalation.handoff = read_distribution(node.get("handoff_s"), distributions_);
    if (node.has("handle_time"))
      escalation.handle_time = read_distribution(node.get("handle_time"), distributions_);
    if (const auto priority =
            node.get("priority")
                .number(NumberRule::at_least(0.0).whole_numbers().limited_to(limits::priority)))
      escalation.priority = static_cast<int>(*priority);
    if (const auto limit = number_or(node.get("warm_limit_s"),
                                     NumberRule::at_least(0.0).limited_to(limits::duration_s),
                                     escalation.warm_limit_s))
      escalation.warm_limit_s = *limit;
    type.escalation = std::move(escalation);
  }

  // The target type is resolved by resolve_misroutes(), once every id is known.
  void read_misroute(const Cursor& node, ContactType& type, TypeReferences& references) {
    if (!node.object()) return;
    node.allow_only(keys::misroute);
    Misroute misroute;
    if (const auto p = read_share(node.require("p"), probability, 0.0)) misroute.p = *p;
    const Cursor to = node.require("to");
    if (to.present()) {
      if (to.json().is_string())
        references.misroute_to = to;
      else
        to.expected("a contact type id");
    }
    if (node.has("handle_time")) {
      if (auto handle_time = read_distribution(node.get("handle_time"), distributions_))
        misroute.handle_time = std::move(*handle_time);
    }
    type.misroute = std::move(misroute);
  }

  void read_repeat(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::repeat);
    Repeat repeat;
    if (const auto p = read_share(node.require("p"), probability, 0.0)) repeat.p = *p;
    if (auto delay = read_distribution(node.require("delay"), distributions_))
      repeat.delay = std::move(*delay);
    if (const auto hours = number_or(node.get("window_h"),
                                     NumberRule::above(0.0).limited_to(limits::duration_s / 3600.0),
                                     repeat.window_s / 3600.0))
      repeat.window_s = *hours * 3600.0;
    type.repeat = std::move(repeat);
  }

  void read_retry(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::retry);
    Retry retry;
    if (const auto p = read_share(node.require("p"), probability, 0.0)) retry.p = *p;
    if (auto delay = read_distribution(node.require("delay"), distributions_))
      retry.delay = std::move(*delay);
    type.retry = std::move(retry);
  }

  void read_callback(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::callback);
    Callback callback;
    if (const auto wait = node.require("offer_when_wait_s")
                              .number(NumberRule::at_least(0.0).limited_to(limits::duration_s)))
      callback.offer_when_wait_s = *wait;
    if (const auto p = read_share(node.require("accept_p"), probability, callback.accept_p))
      callback.accept_p = *p;
    if (const auto predictor = node.get("predictor").choice(wait_predictors, "predictor"))
      callback.predictor = static_cast<WaitPredictor>(*predictor);
    if (const auto p = read_share(node.get("reach_p"), probability, callback.reach_p))
      callback.reach_p = *p;
    if (node.has("dial_s")) {
      if (auto dial = read_distribution(node.get("dial_s"), distributions_))
        callback.dial_time = std::move(*dial);
    }
    type.callback = std::move(callback);
  }

  void read_arrivals(const Cursor& node, ContactType& type) {
    if (!node.object()) return;
    node.allow_only(keys::arrivals);
    const bool hourly = node.has("rate_per_hour");
    const bool counts = node.has("per_interval");
    const bool replay = node.has("times_s") || node.has("file");
    if (hourly + counts + replay != 1) {
      node.fail(fmt::format(
          R"(needs one of "rate_per_hour", "per_interval", "times_s" or "file", got {})",
          hourly + counts + replay == 0 ? "none" : "more than one"));
    }
    if (replay && hourly + counts == 0) {
      read_replayed_arrivals(node, type);
      return;
    }
    const Seconds interval_s = horizon_known_ ? model_.horizon.interval_s : 86400.0;
    // Rates are kept per second; the limit is per hour, whatever the interval.
    std::optional<std::vector<double>> rates;
    if (hourly) {
      rates = read_series(node.get("rate_per_hour"),
                          NumberRule::at_least(0.0).limited_to(limits::rate_per_hour));
      if (rates)
        for (double& r : *rates) r /= 3600.0;
    } else if (counts) {
      rates = read_series(
          node.get("per_interval"),
          NumberRule::at_least(0.0).limited_to(limits::rate_per_hour * interval_s / 3600.0));
      if (rates)
        for (double& r : *rates) r /= interval_s;
    }
    const Cursor scale_node = node.get("scale");
    const auto scale =
        number_or(scale_node, NumberRule::at_least(0.0).limited_to(limits::scale), 1.0);
    if (const auto cv = number_or(node.get("busyness_cv"),
                                  NumberRule::at_least(0.0).limited_to(limits::busyness_cv), 0.0))
      type.busyness_cv = *cv;
    if (!rates || !scale || hourly == counts) return;
    const double busiest_per_hour =
        *std::max_element(rates->begin(), rates->end()) * 3600.0 * *scale;
    if (busiest_per_hour > limits::rate_per_hour) {
      scale_node.fail(
          fmt::format("must keep arrivals at most {} per hour, got {} per hour at the "
                      "busiest interval",
                      number_text(limits::rate_per_hour), number_text(busiest_per_hour)));
      return;
    }
    for (double& r : *rates) r *= *scale;
    type.rate_per_s = std::move(*rates);
  }

  // Arrival times replayed as they are (a day of a real call log, say): seconds from the horizon's
  // start, inline or from a CSV column, in any order. Rates, scale and busyness do not apply; the
  // rates kept are the trace's counts per interval, for `ccsim validate`'s load table.
  void read_replayed_arrivals(const Cursor& node, ContactType& type) {
    for (const char* key : {"scale", "busyness_cv"})
      if (node.has(key)) node.get(key).fail("does not apply to replayed arrival times");
    const bool inline_times = node.has("times_s");
    if (inline_times && (node.has("file") || node.has("column")))
      node.fail(R"(needs either "times_s" or "file" (with "column"), got both)");
    const Cursor source = node.get(inline_times ? "times_s" : "file");
    auto times = detail::read_values(node, inline_times ? "times_s" : nullptr,
                                     NumberRule::at_least(0.0).limited_to(limits::duration_s),
                                     "arrival time in seconds", distributions_);
    if (!times || !horizon_known_) return;
    const Seconds end = model_.horizon.length_s();
    const auto late = std::count_if(times->begin(), times->end(), [end](double t) { return t >= end; });
    if (late > 0) {
      source.fail(fmt::format("has {} arrival time{} at or after the horizon's end ({} s)", late,
                              late == 1 ? "" : "s", number_text(end)));
      return;
    }
    std::sort(times->begin(), times->end());
    type.rate_per_s.assign(static_cast<std::size_t>(model_.horizon.intervals()), 0.0);
    for (double t : *times)
      type.rate_per_s[static_cast<std::size_t>(t / model_.horizon.interval_s)] += 1.0 / model_.horizon.interval_s;
    type.arrival_times_s = std::move(*times);
  }

  // A segment's service level.
  void read_sla(const Cursor& node, ServiceLevelRule& sla) {
    if (!node.object()) return;
    node.allow_only(keys::sla);
    read_sla_values(node, sla);
  }

  void read_sla_values(const Cursor& node, ServiceLevelRule& sla) {
    const NumberRule duration = NumberRule::at_least(0.0).limited_to(limits::duration_s);
    if (const auto t = node.get("answer_within_s").number(duration)) sla.answer_within_s = *t;
    if (const auto target =
            read_share(node.get("target"), NumberRule::at_least(0.0).up_to(1.0), sla.target))
      sla.target = *target;
    if (const auto t = node.get("short_abandon_s").number(duration)) sla.short_abandon_s = *t;
    if (const auto d = node.get("denominator").choice(sla_denominators, "denominator"))
      sla.denominator = static_cast<SlaDenominator>(*d);
  }

  // ---- agent groups

  void read_agent_groups(const Cursor& node) {
    if (!node.array()) {
      skills_complete_ = false;
      return;
    }
    if (node.size() == 0) {
      node.fail("must list at least one agent group, got []");
      skills_complete_ = false;
      return;
    }
    if (node.size() > limits::agent_groups) {
      node.fail(fmt::format("must list at most {} agent groups, got {}", limits::agent_groups,
                            node.size()));
      skills_complete_ = false;
      return;
    }
    served_.assign(model_.contact_types.size(), false);
    for (std::size_t i = 0; i < node.size(); ++i) {
      AgentGroup group;
      read_agent_group(node[i], group);
      group_ids_.push_back(group.id);
      model_.agent_groups.push_back(std::move(group));
    }
    group_ids_known_ = std::none_of(group_ids_.begin(), group_ids_.end(),
                                    [](const std::string& id) { return id.empty(); });
  }

  void read_agent_group(const Cursor& node, AgentGroup& group) {
    if (!node.object()) {
      skills_complete_ = false;
      return;
    }
    node.allow_only(keys::agent_group);
    const Cursor id_node = node.require("id");
    if (const auto id = read_id(id_node)) {
      group.id = *id;
      if (!first_use(group_places_, *id, id_node))
        duplicate_groups_.insert(model_.agent_groups.size());
    }
    const auto tier = number_or(node.get("tier"),
                                NumberRule::at_least(1.0)
                                    .up_to(static_cast<double>(max_tier))
                                    .whole_numbers()
                                    .described_as("a tier 1, 2 or 3"),
                                1.0);
    if (tier)
      group.tier = static_cast<int>(*tier);
    else
      tiers_known_ = false;
    read_skills(node.require("skills"), group);
    const auto staffed =
        read_series(node.require("staffing"),
                    NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing));
    const auto shrinkage =
        read_share(node.get("shrinkage"), NumberRule::at_least(0.0).below(1.0), 0.0);
    if (const auto cost =
            number_or(node.get("cost_per_hour"),
                      NumberRule::at_least(0.0).limited_to(limits::cost_per_hour), 0.0))
      group.cost_per_hour = *cost;
    if (const auto cost =
            number_or(node.get("cost_per_contact"),
                      NumberRule::at_least(0.0).limited_to(limits::cost_per_contact), 0.0))
      group.cost_per_contact = *cost;
    if (const auto cost =
            number_or(node.get("cost_per_minute"),
                      NumberRule::at_least(0.0).limited_to(limits::cost_per_minute), 0.0))
      group.cost_per_minute = *cost;
    read_assist(node.get("assist"), group);
    if (const auto n = number_or(
            node.get("chat_concurrency"),
            NumberRule::at_least(1.0).up_to(max_chat_concurrency).whole_numbers(), 1.0))
      group.chat_concurrency = static_cast<int>(*n);
    if (const auto slowdown = number_or(
            node.get("concurrency_slowdown"),
            NumberRule::at_least(0.0).limited_to(limits::concurrency_slowdown), 0.0))
      group.concurrency_slowdown = *slowdown;
    if (const auto reserve = number_or(
            node.get("voice_reserve"),
            NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing), 0.0))
      group.voice_reserve = static_cast<int>(*reserve);
    if (!staffed || !shrinkage) {
      // Whether the group has agents is unknown: later checks must not assume it has none.
      staffing_known_ = false;
      return;
    }
    group.staffed = *staffed;
    group.shrinkage = *shrinkage;
    group.on_duty.reserve(staffed->size());
    for (double agents : *staffed)
      group.on_duty.push_back(on_duty_after_shrinkage(agents, *shrinkage));
  }

  void read_assist(const Cursor& node, AgentGroup& group) {
    if (!node.object()) return;
    node.allow_only(keys::assist);
    AgentGroup::Assist assist;
    if (const auto f = node.require("aht_factor")
                           .number(NumberRule::above(0.0).up_to(max_assist_aht_factor)))
      assist.aht_factor = *f;
    if (const auto adoption = read_share(node.get("adoption"), probability, assist.adoption))
      assist.adoption = *adoption;
    if (const auto cost =
            number_or(node.get("cost_per_agent_hour"),
                      NumberRule::at_least(0.0).limited_to(limits::cost_per_hour), 0.0))
      assist.cost_per_agent_hour = *cost;
    group.assist = assist;
  }

  // Skills as a list of contact type ids (priority 1, handle time and resolution as the type's) or
  // as an object {type id: {"priority": p, "aht_factor": f, "resolve_factor": r}}.
  void read_skills(const Cursor& node, AgentGroup& group) {
    if (!node.present()) {
      skills_complete_ = false;
      return;
    }
    const Json& value = node.json();
    if (!value.is_array() && !value.is_object()) {
      node.expected("an array of contact type ids or an object of skills");
      skills_complete_ = false;
      return;
    }
    if (value.empty()) {
      node.fail(fmt::format("must name at least one contact type, got {}", show(value)));
      return;
    }
    if (value.is_array()) {
      std::map<std::string, std::string> seen;
      for (std::size_t i = 0; i < node.size(); ++i) {
        const Cursor element = node[i];
        if (!element.json().is_string()) {
          element.expected("a contact type id");
          skills_complete_ = false;
          continue;
        }
        const auto& id = element.json().get_ref<const std::string&>();
        const auto [it, inserted] = seen.emplace(id, element.where().to_string());
        if (!inserted) {
          element.fail(
              fmt::format("duplicate skill {}, first listed at {}", show(Json(id)), it->second));
          continue;
        }
        if (const auto type = resolve(element, id)) group.skills.push_back({*type, 1, 1.0, 1.0});
      }
      return;
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const Cursor skill = node.get(it.key());
      int priority = 1;
      double aht_factor = 1.0;
      double resolve_factor = 1.0;
      if (skill.object()) {
        skill.allow_only(keys::skill);
        const auto p =
            skill.get("priority")
                .number(NumberRule::at_least(1.0).whole_numbers().limited_to(limits::priority));
        const auto f =
            skill.get("aht_factor").number(NumberRule::above(0.0).limited_to(limits::aht_factor));
        const auto r = skill.get("resolve_factor")
                           .number(NumberRule::at_least(0.0).limited_to(limits::resolve_factor));
        if (p) priority = static_cast<int>(*p);
        if (f) aht_factor = *f;
        if (r) resolve_factor = *r;
      }
      if (const auto type = resolve(skill, it.key()))
        group.skills.push_back({*type, priority, aht_factor, resolve_factor});
    }
    // A JSON object has no order of its own: equal priorities go in the order of contact_types.
    std::stable_sort(group.skills.begin(), group.skills.end(),
                     [](const Skill& a, const Skill& b) { return a.type < b.type; });
  }

  // A skill's contact type, which the group then serves.
  std::optional<ContactTypeIndex> resolve(const Cursor& node, const std::string& id) {
    const auto index = find_type(node, id);
    if (index) served_[*index] = true;
    return index;
  }

  // The contact type with this id, or nothing (reported, with a "did you mean").
  std::optional<ContactTypeIndex> find_type(const Cursor& node, const std::string& id) const {
    // With an unreadable contact type list, any id might have been meant: say nothing.
    if (!type_ids_known_) return std::nullopt;
    const auto it = std::find(type_ids_.begin(), type_ids_.end(), id);
    if (it == type_ids_.end()) {
      std::vector<std::string> known;
      for (std::size_t i = 0; i < type_ids_.size(); ++i)
        if (!duplicate_types_.contains(i)) known.push_back(type_ids_[i]);
      fail_unknown_id(node, "contact type", "contact types", id, known);
      return std::nullopt;
    }
    return static_cast<ContactTypeIndex>(it - type_ids_.begin());
  }

  // The agent group with this id, or nothing (reported, with a "did you mean").
  std::optional<AgentGroupIndex> find_group(const Cursor& node, const std::string& id) const {
    if (!group_ids_known_) return std::nullopt;
    const auto it = std::find(group_ids_.begin(), group_ids_.end(), id);
    if (it == group_ids_.end()) {
      std::vector<std::string> known;
      for (std::size_t i = 0; i < group_ids_.size(); ++i)
        if (!duplicate_groups_.contains(i)) known.push_back(group_ids_[i]);
      fail_unknown_id(node, "agent group", "agent groups", id, known);
      return std::nullopt;
    }
    return static_cast<AgentGroupIndex>(it - group_ids_.begin());
  }

  // ---- routing: overflow steps, then the policy with its weights or reserves

  void read_routing(const Cursor& node) {
    if (!node.object()) {
      if (node.present()) overflow_complete_ = false;
      return;
    }
    node.allow_only(keys::routing);
    read_overflow(node.get("overflow"));
    // After the overflow steps: a weight names a group that serves a type, by skill or overflow.
    read_routing_policy(node);
  }

  // The policy (priority when absent). Weights belong to longest_weighted_wait and a reserve to
  // reservation; each is refused under another policy, and read for its ids and values when the
  // policy itself is unreadable (it might have been meant for either).
  void read_routing_policy(const Cursor& node) {
    const Cursor policy_node = node.get("policy");
    const std::optional<std::size_t> policy =
        policy_node.present() ? policy_node.choice(routing_policies, "routing policy")
                              : std::optional<std::size_t>(0);
    if (policy) model_.routing.policy = static_cast<RoutingPolicy>(*policy);
    const auto refused = [&](const Cursor& at, RoutingPolicy needed, const char* what) {
      if (!at.present() || !policy || model_.routing.policy == needed) return false;
      at.fail(fmt::format(R"(does not apply to routing policy "{}" ({} "policy": "{}"))",
                          routing_policies[*policy], what,
                          routing_policies[static_cast<std::size_t>(needed)]));
      return true;
    };
    // The model gets the table its policy uses, in full, and no other.
    const Cursor weights = node.get("weights");
    if (!refused(weights, RoutingPolicy::longest_weighted_wait, "weights need")) {
      auto read = read_weights(weights);
      if (policy && model_.routing.policy == RoutingPolicy::longest_weighted_wait)
        model_.routing.weights = std::move(read);
    }
    const Cursor reserve = node.get("reserve");
    if (!refused(reserve, RoutingPolicy::reservation, "a reserve needs")) {
      auto read = read_reserve(reserve);
      if (policy && model_.routing.policy == RoutingPolicy::reservation)
        model_.routing.reserve = std::move(read);
    }
  }

  // {type id: weight for every group, or {group id: weight}}, expanded to
  // weights[type * group_count + group]; what is not written weighs 1.
  std::vector<double> read_weights(const Cursor& node) {
    std::vector<double> weights(model_.type_count() * model_.group_count(), 1.0);
    if (!node.present()) return weights;
    if (!node.json().is_object()) {
      node.expected("an object of weights by contact type id");
      return weights;
    }
    const NumberRule rule = NumberRule::above(0.0).limited_to(limits::routing_weight);
    const std::size_t group_count = model_.group_count();
    for (auto it = node.json().begin(); it != node.json().end(); ++it) {
      const Cursor by_type = node.get(it.key());
      const auto type = find_type(by_type, it.key());
      if (by_type.json().is_number()) {
        const auto weight = by_type.number(rule);
        if (!type || !weight) continue;
        for (std::size_t g = 0; g < group_count; ++g) weights[*type * group_count + g] = *weight;
        continue;
      }
      if (!by_type.json().is_object()) {
        by_type.expected(
            "a weight > 0 for every agent group or an object of weights by agent group id");
        continue;
      }
      for (auto g = by_type.json().begin(); g != by_type.json().end(); ++g) {
        const Cursor by_group = by_type.get(g.key());
        const auto group = find_group(by_group, g.key());
        const auto weight = by_group.number(rule);
        if (!type || !group || !weight) continue;
        if (!serves(*group, *type)) {
          by_group.fail(fmt::format(
              "agent group {} does not serve contact type {} (by a skill or an overflow step)",
              show(Json(group_ids_[*group])), show(Json(type_ids_[*type]))));
          continue;
        }
        weights[*type * group_count + *group] = *weight;
      }
    }
    return weights;
  }

  // {group id: agents kept idle}, expanded to one value per group; groups not named keep none.
  std::vector<int> read_reserve(const Cursor& node) {
    std::vector<int> reserve(model_.group_count(), 0);
    if (!node.present()) return reserve;
    if (!node.json().is_object()) {
      node.expected("an object of agents kept in reserve by agent group id");
      return reserve;
    }
    const NumberRule rule = NumberRule::at_least(0.0).whole_numbers().limited_to(limits::staffing);
    for (auto it = node.json().begin(); it != node.json().end(); ++it) {
      const Cursor by_group = node.get(it.key());
      const auto group = find_group(by_group, it.key());
      const auto agents = by_group.number(rule);
      if (group && agents) reserve[*group] = static_cast<int>(*agents);
    }
    return reserve;
  }

  // The group takes the type by a skill or through an overflow step. True when that is unknown
  // (a skill list or an overflow step could not be read), so that nothing is refused on a guess.
  bool serves(AgentGroupIndex g, ContactTypeIndex t) const {
    if (!skills_complete_ || !overflow_complete_) return true;
    const AgentGroup& group = model_.agent_groups[g];
    if (std::any_of(group.skills.begin(), group.skills.end(),
                    [t](const Skill& skill) { return skill.type == t; }))
      return true;
    return std::any_of(
        model_.overflow.begin(), model_.overflow.end(), [&](const OverflowStep& step) {
          return step.type == t && std::find(step.to.begin(), step.to.end(), g) != step.to.end();
        });
  }

  void read_overflow(const Cursor& overflow) {
    if (!overflow.array()) {
      if (overflow.present()) overflow_complete_ = false;
      return;
    }
    if (overflow.size() > limits::overflow_steps) {
      overflow.fail(fmt::format("must list at most {} steps, got {}", limits::overflow_steps,
                                overflow.size()));
      overflow_complete_ = false;
      return;
    }
    // (type, tier, after_s) -> where that step was first written.
    std::map<std::tuple<ContactTypeIndex, int, double>, std::string> seen;
    for (std::size_t i = 0; i < overflow.size(); ++i) {
      OverflowStep step;
      if (read_overflow_step(overflow[i], step, seen))
        model_.overflow.push_back(std::move(step));
      else
        overflow_complete_ = false;
    }
    // link_routing() sorts them per type and tier in increasing after_s.
  }

  bool read_overflow_step(const Cursor& node, OverflowStep& step,
                          std::map<std::tuple<ContactTypeIndex, int, double>, std::string>& seen) {
    if (!node.object()) return false;
    node.allow_only(keys::overflow_step);
    bool ok = true;
    std::optional<ContactTypeIndex> type;
    const Cursor type_node = node.require("type");
    if (type_node.present() && !type_node.json().is_string())
      type_node.expected("a contact type id");
    else if (type_node.present())
      type = find_type(type_node, type_node.json().get<std::string>());
    ok = ok && type.has_value();

    const Cursor tier_node = node.get("tier");
    const auto tier = tier_node.number(NumberRule::at_least(1.0)
                                           .up_to(static_cast<double>(max_tier))
                                           .whole_numbers()
                                           .described_as("a tier 1, 2 or 3"));
    if (tier_node.present() && !tier) ok = false;

    const auto after =
        node.require("after_s").number(NumberRule::at_least(0.0).limited_to(limits::duration_s));
    ok = ok && after.has_value();

    const Cursor to = node.require("to");
    if (to.present() && to.json().is_string()) {
      if (const auto group = find_group(to, to.json().get<std::string>()))
        step.to.push_back(*group);
      else
        ok = false;
    } else if (to.present() && to.json().is_array() && to.size() > 0) {
      std::map<AgentGroupIndex, std::string> listed;
      for (std::size_t k = 0; k < to.size(); ++k) {
        const Cursor element = to[k];
        if (!element.json().is_string()) {
          element.expected("an agent group id");
          ok = false;
          continue;
        }
        const auto group = find_group(element, element.json().get<std::string>());
        if (!group) {
          ok = false;
          continue;
        }
        const auto [it, inserted] = listed.emplace(*group, element.where().to_string());
        if (!inserted) {
          element.fail(fmt::format("duplicate agent group {}, first listed at {}",
                                   show(element.json()), it->second));
          ok = false;
          continue;
        }
        step.to.push_back(*group);
      }
    } else if (to.present()) {
      to.expected("an agent group id or a non-empty array of them");
      ok = false;
    } else {
      ok = false;
    }
    if (!ok || !tiers_known_ || !skills_complete_) return false;

    // The tiers at which a group has the type's skill.
    std::set<int> tiers;
    for (const AgentGroup& group : model_.agent_groups)
      for (const Skill& skill : group.skills)
        if (skill.type == *type) tiers.insert(group.tier);
    if (tier) {
      step.tier = static_cast<int>(*tier);
      if (!tiers.contains(step.tier)) {
        std::vector<std::string> served_at;
        for (int k : tiers) served_at.push_back(std::to_string(k));
        tier_node.fail(fmt::format(
            "must be a tier at which an agent group serves contact type {} (tiers: {}), got {}",
            show(Json(type_ids_[*type])), served_at.empty() ? "none" : id_list(served_at),
            show(tier_node.json())));
        return false;
      }
    } else {
      // The front door of the type; a type that only overflow steps serve waits at tier 1.
      step.tier = tiers.empty() ? 1 : *tiers.begin();
    }
    step.type = *type;
    step.after_s = *after;
    const auto [it, inserted] =
        seen.emplace(std::make_tuple(step.type, step.tier, step.after_s), node.where().to_string());
    if (!inserted) {
      node.fail(fmt::format("duplicate step for contact type {} at tier {} after {} s, first at {}",
                            show(Json(type_ids_[*type])), step.tier, number_text(step.after_s),
                            it->second));
      return false;
    }
    served_[step.type] = true;
    return true;
  }

  // ---- automation: bots at the front door of contact types

  void read_automation(const Cursor& node) {
    if (!node.object()) return;
    node.allow_only(keys::automation);
    const Cursor bots = node.get("bots");
    if (!bots.array()) return;
    if (bots.size() > limits::bots) {
      bots.fail(fmt::format("must list at most {} bots, got {}", limits::bots, bots.size()));
      return;
    }
    std::map<std::string, std::string> places;        // bot id -> where
    std::map<ContactTypeIndex, std::string> fronted;  // type -> where a bot lists it
    for (std::size_t i = 0; i < bots.size(); ++i) {
      Bot bot;
      if (read_bot(bots[i], bot, places, fronted)) model_.bots.push_back(std::move(bot));
    }
  }

  bool read_bot(const Cursor& node, Bot& bot, std::map<std::string, std::string>& places,
                std::map<ContactTypeIndex, std::string>& fronted) {
    if (!node.object()) return false;
    node.allow_only(keys::bot);
    const Cursor id_node = node.require("id");
    if (const auto id = read_id(id_node)) {
      bot.id = *id;
      first_use(places, *id, id_node);
    }
    const Cursor types = node.require("types");
    if (types.present() && (!types.json().is_array() || types.size() == 0)) {
      types.expected("a non-empty array of contact type ids");
    } else if (types.present()) {
      std::set<ContactTypeIndex> listed;
      for (std::size_t k = 0; k < types.size(); ++k) {
        const Cursor element = types[k];
        if (!element.json().is_string()) {
          element.expected("a contact type id");
          continue;
        }
        const auto type = find_type(element, element.json().get<std::string>());
        if (!type) continue;
        const auto [it, inserted] = fronted.emplace(*type, element.where().to_string());
        if (!inserted && listed.contains(*type)) {
          element.fail(fmt::format("duplicate contact type {}, first listed at {}",
                                   show(element.json()), it->second));
          continue;
        }
        if (!inserted) {
          element.fail(fmt::format(
              "contact type {} already has a bot, at {} (a type has at most one bot)",
              show(element.json()), it->second));
          continue;
        }
        listed.insert(*type);
        bot.types.push_back(*type);
      }
    }
    const auto entry = read_share(node.get("entry_share"), probability, bot.entry_share);
    if (entry) bot.entry_share = *entry;
    const auto contained = read_share(node.require("containment_p"), probability, 0.0);
    if (contained) bot.containment_p = *contained;
    const auto abandoned = read_share(node.get("abandon_p"), probability, bot.abandon_p);
    if (abandoned) bot.abandon_p = *abandoned;
    if (contained && abandoned && *contained + *abandoned > 1.0)
      node.fail(fmt::format("must have containment_p + abandon_p at most 1, got {} + {} = {}",
                            number_text(*contained), number_text(*abandoned),
                            number_text(*contained + *abandoned)));
    if (auto duration = read_distribution(node.require("duration"), distributions_))
      bot.duration = std::move(*duration);
    const Cursor capacity_node = node.get("capacity");
    if (const auto capacity = capacity_node.number(
            NumberRule::at_least(0.0).whole_numbers().limited_to(limits::bot_capacity))) {
      bot.capacity = static_cast<int>(*capacity);
      if (*capacity == 0 && entry && *entry > 0)
        capacity_node.fail(
            "must be at least 1 while entry_share is above 0 (a bot with no capacity takes no "
            "sessions), got 0");
    }
    if (const auto cost =
            number_or(node.get("cost_per_session"),
                      NumberRule::at_least(0.0).limited_to(limits::cost_per_contact), 0.0))
      bot.cost_per_session = *cost;
    read_handoff(node.get("handoff"), bot);
    if (const auto f = number_or(node.get("residual_aht_factor"),
                                 NumberRule::above(0.0).limited_to(limits::aht_factor), 1.0))
      bot.residual_aht_factor = *f;
    return true;
  }

  void read_handoff(const Cursor& node, Bot& bot) {
    if (!node.object()) return;
    node.allow_only(keys::handoff);
    if (const auto context = node.get("context").boolean()) bot.handoff_context = *context;
    if (const auto f = number_or(node.get("aht_factor"),
                                 NumberRule::above(0.0).limited_to(limits::aht_factor), 1.0))
      bot.handoff_aht_factor = *f;
    if (node.has("extra_handle"))
      bot.handoff_extra_handle = read_distribution(node.get("extra_handle"), distributions_);
  }

  // ---- what needs every type, group and overflow step

  // Only chats can be held several at once: a group holding more than one serves chat alone.
  void check_chat_concurrency(const Cursor& groups) {
    if (!type_ids_known_ || !skills_complete_ || !overflow_complete_) return;
    for (std::size_t g = 0; g < model_.agent_groups.size(); ++g) {
      const AgentGroup& group = model_.agent_groups[g];
      if (group.chat_concurrency <= 1) continue;
      // What the group serves: its skills and the overflow steps to it, in contact-type order.
      std::set<ContactTypeIndex> served;
      for (const Skill& skill : group.skills) served.insert(skill.type);
      for (const OverflowStep& step : model_.overflow)
        if (std::find(step.to.begin(), step.to.end(), g) != step.to.end()) served.insert(step.type);
      std::array<bool, channel_count> channels_served{};
      std::optional<ContactTypeIndex> other;  // the first type that is not chat
      bool unknown = false;
      for (ContactTypeIndex t : served) {
        if (!type_references_[t].channel_known) unknown = true;
        const Channel channel = model_.contact_types[t].channel;
        channels_served[static_cast<std::size_t>(channel)] = true;
        if (channel != Channel::chat && !other) other = t;
      }
      if (unknown || !other) continue;
      const Cursor at = groups[g].get("chat_concurrency");
      const std::size_t voice = static_cast<std::size_t>(Channel::voice);
      const std::size_t chat = static_cast<std::size_t>(Channel::chat);
      const std::size_t mail = static_cast<std::size_t>(Channel::email);
      if (channels_served[chat]) {
        at.fail(fmt::format(
            "must be 1: the group also serves {} contact type {}, and only chats can be held "
            "several at once, got {}",
            channels[static_cast<std::size_t>(model_.contact_types[*other].channel)],
            show(Json(type_ids_[*other])), group.chat_concurrency));
      } else {
        const char* kind = !channels_served[mail]    ? "a voice-only group"
                           : !channels_served[voice] ? "an email-only group"
                                                     : "a voice and email group";
        at.fail(fmt::format("must be 1: the group serves no chat contact type ({}), got {}", kind,
                            group.chat_concurrency));
      }
    }
  }

  void resolve_misroutes() {
    for (std::size_t i = 0; i < type_references_.size(); ++i) {
      const auto& to = type_references_[i].misroute_to;
      if (!to) continue;
      const auto target = find_type(*to, to->json().get<std::string>());
      if (!target) continue;
      if (*target == i) {
        to->fail(
            fmt::format("must be a contact type other than this one, got {}", show(to->json())));
        continue;
      }
      model_.contact_types[i].misroute->to = *target;
    }
  }

  // Spreads each escalation probability over the tiers that serve the type, and refuses one that
  // sends contacts to a tier with nobody to take them.
  void compile_escalations() {
    if (!type_ids_known_ || !skills_complete_ || !tiers_known_ || served_.empty()) return;
    for (std::size_t t = 0; t < type_references_.size(); ++t) {
      ContactType& type = model_.contact_types[t];
      const TypeReferences& references = type_references_[t];
      if (!type.escalation || !references.escalation) continue;
      // serves[k]: a group of tier k has the skill (or an overflow step waits at tier k);
      // staffed[k]: such a group has agents at some interval.
      std::array<bool, max_tier + 1> serves{};
      std::array<bool, max_tier + 1> staffed{};
      for (const AgentGroup& group : model_.agent_groups) {
        const bool skilled = std::any_of(group.skills.begin(), group.skills.end(),
                                         [t](const Skill& s) { return s.type == t; });
        if (!skilled) continue;
        serves[group.tier] = true;
        const bool agents =
            !staffing_known_ || std::any_of(group.staffed.begin(), group.staffed.end(),
                                            [](double n) { return n > 0.0; });
        if (agents) staffed[group.tier] = true;
      }
      for (const OverflowStep& step : model_.overflow)
        if (step.type == t) serves[step.tier] = true;
      int lowest = 0;
      int highest = 0;
      for (int k = 1; k <= max_tier; ++k) {
        if (!serves[k]) continue;
        if (lowest == 0) lowest = k;
        highest = k;
      }
      if (highest == 0) continue;  // served by no one: reported as such
      const auto staffed_above = [&](int tier) {
        for (int k = tier + 1; k <= max_tier; ++k)
          if (staffed[k]) return true;
        return false;
      };
      const auto nowhere_to_go = [&](const Cursor& at, int tier, double p) {
        at.fail(
            fmt::format("must be 0: no tier above tier {} serves contact type {} with "
                        "agents, got {}",
                        tier, show(Json(type.id)), number_text(p)));
      };
      auto& p_by_tier = type.escalation->p_by_tier;
      if (references.escalation_scalar) {
        // One probability for every tier below the highest; at a single tier, the one tier.
        const double p = *references.escalation_scalar;
        p_by_tier.fill(0.0);
        for (int k = 1; k < highest; ++k) p_by_tier[static_cast<std::size_t>(k - 1)] = p;
        if (p > 0.0) {
          for (int k = lowest; k <= std::max(lowest, highest - 1); ++k) {
            if (serves[k] && !staffed_above(k)) {
              nowhere_to_go(*references.escalation, k, p);
              break;
            }
          }
        }
      } else {
        const Cursor& list = *references.escalation;
        for (int k = 1; k <= max_tier && static_cast<std::size_t>(k) <= list.size(); ++k) {
          const double p = p_by_tier[static_cast<std::size_t>(k - 1)];
          if (p <= 0.0) continue;
          const Cursor element = list[static_cast<std::size_t>(k - 1)];
          if (!serves[k])
            element.fail(
                fmt::format("must be 0: no agent group of tier {} serves contact type "
                            "{}, got {}",
                            k, show(Json(type.id)), number_text(p)));
          else if (!staffed_above(k))
            nowhere_to_go(element, k, p);
        }
        // Nowhere to escalate to from the highest tier.
        for (int k = highest; k <= max_tier; ++k) p_by_tier[static_cast<std::size_t>(k - 1)] = 0.0;
      }
    }
  }

  // By a skill or by an overflow step.
  void check_every_type_is_served(const Cursor& types) {
    if (!type_ids_known_ || !skills_complete_ || !overflow_complete_ || served_.empty()) return;
    for (std::size_t i = 0; i < served_.size(); ++i) {
      // A repeated id is reported already, and references go to its first use.
      if (!served_[i] && !duplicate_types_.contains(i))
        types[i].fail(
            fmt::format("no agent group serves contact type {}", show(Json(type_ids_[i]))));
    }
  }

  detail::Problems problems_;
  Cursor root_;
  detail::DistributionContext distributions_;
  Model model_;
  bool horizon_known_ = false;
  bool expand_series_ = true;
  bool type_ids_known_ = false;
  bool skills_complete_ = true;
  bool segment_ids_known_ = false;
  bool group_ids_known_ = false;
  bool tiers_known_ = true;        // every group's tier was read
  bool staffing_known_ = true;     // every group's staffing was read
  bool overflow_complete_ = true;  // every overflow step was read
  std::map<std::string, std::string> segment_places_;
  std::set<std::size_t> duplicate_segments_;
  std::vector<std::string> type_ids_;  // by index; empty where the id was wrong
  std::map<std::string, std::string> type_places_;
  std::set<std::size_t> duplicate_types_;  // indices of contact types whose id was used before
  std::vector<TypeReferences> type_references_;  // by index
  std::vector<std::string> group_ids_;           // by index; empty where the id was wrong
  std::map<std::string, std::string> group_places_;
  std::set<std::size_t> duplicate_groups_;
  std::vector<bool> served_;
};

}  // namespace

Model compile_scenario(const nlohmann::json& document, const std::string& file,
                       const std::filesystem::path& base_dir) {
  Model model = ScenarioReader(document, file, base_dir).read();
  if (std::vector<Diagnostic> loops = endless_loops(model, file); !loops.empty())
    throw InputError(std::move(loops));
  return model;
}

}  // namespace ccsim
