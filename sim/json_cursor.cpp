#include "ccsim/detail/json_cursor.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/core.h>

namespace ccsim::detail {

// ---------------------------------------------------------------------------------------------
// Problems

void Problems::add(std::string where, std::string message) {
  ++count_;
  if (kept_.size() < kept_at_most) kept_.push_back({file_, std::move(where), std::move(message)});
}

void Problems::throw_if_any() const {
  if (count_ == 0) return;
  std::vector<Diagnostic> all = kept_;
  if (count_ > kept_.size())
    all.push_back({file_, "", fmt::format("{} more problems not shown", count_ - kept_.size())});
  throw InputError(std::move(all));
}

// ---------------------------------------------------------------------------------------------
// Showing values in messages

namespace {

constexpr std::size_t shown_at_most = 40;

// Length of the longest prefix of `s` no longer than `n` bytes that does not split a UTF-8
// sequence, so that a cut message is still valid text.
std::size_t utf8_prefix(std::string_view s, std::size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

void append_string(std::string& out, std::string_view s) {
  const std::string cut(s.substr(0, utf8_prefix(s, shown_at_most + 1)));
  // `replace` keeps a document built in code (not parsed) with broken UTF-8 from throwing here.
  out += Json(cut).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Appends compact JSON, stopping once the text is longer than can be shown: the recursion depth
// is therefore bounded by the budget, however deep the value is nested.
void append_shown(std::string& out, const Json& value) {
  if (out.size() > shown_at_most) return;
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end() && out.size() <= shown_at_most; ++it) {
        if (!first) out += ',';
        first = false;
        append_string(out, it.key());
        out += ':';
        append_shown(out, it.value());
      }
      out += '}';
      break;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (auto it = value.begin(); it != value.end() && out.size() <= shown_at_most; ++it) {
        if (!first) out += ',';
        first = false;
        append_shown(out, *it);
      }
      out += ']';
      break;
    }
    case Json::value_t::string:
      append_string(out, value.get_ref<const std::string&>());
      break;
    case Json::value_t::number_float: {
      // nlohmann prints infinities as null; say what they are.
      const double x = value.get<double>();
      if (std::isinf(x)) {
        out += x > 0 ? "inf" : "-inf";
        break;
      }
      out += value.dump();
      break;
    }
    default:
      out += value.dump();
  }
}

}  // namespace

std::string show(const Json& value) {
  std::string out;
  append_shown(out, value);
  if (out.size() > shown_at_most) out = out.substr(0, utf8_prefix(out, shown_at_most - 3)) + "...";
  return out;
}

std::string number_text(double x) {
  // Up to 1e21 a whole double prints exactly as an integer; a seed's 18446744073709551615 reads
  // better than 1.8446744073709552e+19.
  if (x == std::floor(x) && std::abs(x) < 1e21) {
    if (x == 0.0) return "0";  // not "-0"
    return fmt::format("{:.0f}", x);
  }
  return fmt::format("{}", x);
}

std::string quoted_list(const std::vector<std::string>& names, std::string_view last_joint) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? fmt::format(" {} ", last_joint) : std::string(", ");
    out += '"' + names[i] + '"';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Did you mean

namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance (insertions, deletions, substitutions), two rows.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& known) {
  // Long garbage is no typo, and would make the quadratic distance slow.
  if (name.empty() || name.size() > 64) return std::nullopt;
  const std::string wanted = lowercase(name);
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const std::string& candidate : known) {
    const std::string lower = lowercase(candidate);
    std::size_t distance = edit_distance(wanted, lower);
    // About one typo per three letters still reads as the same word.
    const std::size_t tolerated = std::max<std::size_t>(1, lower.size() / 3);
    // A cut-short key ("cost" for "cost_per_hour") is a near miss too.
    const bool truncated = wanted.size() >= 3 && lower.starts_with(wanted);
    if (distance > tolerated && !truncated) continue;
    if (truncated) distance = std::min(distance, tolerated);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Number rules

NumberRule NumberRule::at_least(double min) {
  NumberRule rule;
  rule.min = min;
  return rule;
}

NumberRule NumberRule::above(double min) {
  NumberRule rule = at_least(min);
  rule.min_open = true;
  return rule;
}

NumberRule NumberRule::up_to(double max) const {
  NumberRule rule = *this;
  rule.max = max;
  rule.max_open = false;
  return rule;
}

NumberRule NumberRule::below(double max) const {
  NumberRule rule = up_to(max);
  rule.max_open = true;
  return rule;
}

NumberRule NumberRule::whole_numbers() const {
  NumberRule rule = *this;
  rule.whole = true;
  return rule;
}

NumberRule NumberRule::limited_to(double limit) const {
  NumberRule rule = *this;
  rule.limit = limit;
  return rule;
}

NumberRule NumberRule::described_as(std::string text) const {
  NumberRule rule = *this;
  rule.text = std::move(text);
  return rule;
}

std::string NumberRule::expectation() const {
  if (!text.empty()) return text;
  std::string out = whole ? "a whole number" : "a number";
  if (min && max) {
    out += fmt::format(" in {}{}, {}{}", min_open ? "(" : "[", number_text(*min), number_text(*max),
                       max_open ? ")" : "]");
  } else if (min) {
    out += fmt::format(" {} {}", min_open ? ">" : ">=", number_text(*min));
  } else if (max) {
    out += fmt::format(" {} {}", max_open ? "<" : "<=", number_text(*max));
  }
  return out;
}

std::optional<std::string> NumberRule::problem(const Json& value) const {
  const auto wrong = [&] { return fmt::format("must be {}, got {}", expectation(), show(value)); };
  if (!value.is_number()) return wrong();
  const double x = value.get<double>();
  if (!std::isfinite(x)) return wrong();
  if (whole && x != std::floor(x)) return wrong();
  if (min && (x < *min || (min_open && x == *min))) return wrong();
  if (max && (x > *max || (max_open && x == *max))) return wrong();
  if (x > limit) return fmt::format("must be at most {}, got {}", number_text(limit), show(value));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Cursor

void Cursor::fail(std::string message) const {
  problems_->add(where_.to_string(), std::move(message));
}

void Cursor::expected(std::string_view expectation) const {
  fail(fmt::format("must be {}, got {}", expectation, present() ? show(*value_) : "nothing"));
}

bool Cursor::object() const {
  if (!present()) return false;
  if (value_->is_object()) return true;
  expected("an object");
  return false;
}

Cursor Cursor::get(std::string_view key) const {
  const JsonPointer where = where_ / std::string(key);
  if (!present() || !value_->is_object()) return absent(where, *problems_);
  const auto it = value_->find(key);
  if (it == value_->end()) return absent(where, *problems_);
  return Cursor(*it, where, *problems_);
}

Cursor Cursor::require(std::string_view key) const {
  if (present() && value_->is_object() && !value_->contains(key))
    fail(fmt::format("missing key \"{}\"", key));
  return get(key);
}

bool Cursor::has(std::string_view key) const {
  return present() && value_->is_object() && value_->contains(key);
}

void Cursor::allow_only(const std::vector<std::string>& known) const {
  if (!present() || !value_->is_object()) return;
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
    const Cursor member(it.value(), where_ / it.key(), *problems_);
    if (const auto suggestion = nearest_name(it.key(), known)) {
      member.fail(fmt::format("unknown key, did you mean \"{}\"?", *suggestion));
    } else {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      member.fail("unknown key, expected one of: " + list);
    }
  }
}

bool Cursor::array() const {
  if (!present()) return false;
  if (value_->is_array()) return true;
  expected("an array");
  return false;
}

std::size_t Cursor::size() const { return present() ? value_->size() : 0; }

Cursor Cursor::operator[](std::size_t index) const {
  return Cursor((*value_)[index], where_ / index, *problems_);
}

std::optional<double> Cursor::number(const NumberRule& rule) const {
  if (!present()) return std::nullopt;
  if (auto message = rule.problem(*value_)) {
    fail(std::move(*message));
    return std::nullopt;
  }
  return value_->get<double>();
}

std::optional<std::string> Cursor::string() const {
  if (!present()) return std::nullopt;
  if (value_->is_string()) return value_->get<std::string>();
  expected("a string");
  return std::nullopt;
}

std::optional<bool> Cursor::boolean() const {
  if (!present()) return std::nullopt;
  if (value_->is_boolean()) return value_->get<bool>();
  expected("true or false");
  return std::nullopt;
}

std::optional<std::size_t> Cursor::choice(const std::vector<std::string>& names,
                                          std::string_view what) const {
  if (!present()) return std::nullopt;
  if (!value_->is_string()) {
    expected(fmt::format("one of {}", quoted_list(names, "or")));
    return std::nullopt;
  }
  const auto& name = value_->get_ref<const std::string&>();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  if (const auto suggestion = nearest_name(name, names)) {
    fail(fmt::format("unknown {} {}, did you mean \"{}\"?", what, show(*value_), *suggestion));
  } else {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    fail(fmt::format("unknown {} {}, expected one of: {}", what, show(*value_), list));
  }
  return std::nullopt;
}

}  // namespace ccsim::detail
