// Adding up tallies: a scope's contacts and issues, an agent group's time and cost, and that cost
// shared among the channels.
#include "sim/slot_sums.h"

namespace ccsim {

void add_sums(ContactTally& into, const ContactTally& t) {
  into.offered += t.offered;
  into.answered += t.answered;
  into.handled += t.handled;
  into.abandoned += t.abandoned;
  into.short_abandoned += t.short_abandoned;
  into.answered_within_sla += t.answered_within_sla;
  for (std::size_t k = 0; k < max_further_thresholds; ++k)
    into.answered_within_also[k] += t.answered_within_also[k];
  into.wait_answered_s += t.wait_answered_s;
  into.handle_s += t.handle_s;
  into.wrap_s += t.wrap_s;
  into.resolved += t.resolved;
  into.escalated += t.escalated;
  into.transferred += t.transferred;
  into.callbacks_offered += t.callbacks_offered;
  into.callbacks_accepted += t.callbacks_accepted;
  into.callbacks_answered += t.callbacks_answered;
  into.callback_wait_s += t.callback_wait_s;
  into.deflected += t.deflected;
  into.leaked += t.leaked;
  into.bot_entries += t.bot_entries;
  into.contained += t.contained;
  into.bot_abandoned += t.bot_abandoned;
  into.handed_off += t.handed_off;
  into.bot_cost += t.bot_cost;
  into.responded_within += t.responded_within;
}

void add_issues(IssueTally& into, const IssueTally& t) {
  into.opened += t.opened;
  into.resolved += t.resolved;
  into.gave_up += t.gave_up;
  into.open_at_end += t.open_at_end;
  into.first_contact_resolved += t.first_contact_resolved;
  into.repeated += t.repeated;
  into.contacts += t.contacts;
}

void add_agent(AgentTally& into, const AgentTally& t) {
  into.handled += t.handled;
  into.handle_s += t.handle_s;
  into.wrap_s += t.wrap_s;
  into.busy_s += t.busy_s;
  into.present_s += t.present_s;
  into.paid_s += t.paid_s;
  into.cost += t.cost;
  into.resolved += t.resolved;
  into.escalated += t.escalated;
  into.transferred += t.transferred;
  into.assist_cost += t.assist_cost;
  for (std::size_t c = 0; c < channel_count; ++c) into.handle_s_by_channel[c] += t.handle_s_by_channel[c];
}

std::array<double, channel_count> cost_by_channel(const AgentTally& a) {
  std::array<double, channel_count> shares{};
  double handle_s = 0.0;
  for (double h : a.handle_s_by_channel) handle_s += h;
  if (handle_s <= 0.0) return shares;
  for (std::size_t c = 0; c < channel_count; ++c) shares[c] = a.cost * (a.handle_s_by_channel[c] / handle_s);
  return shares;
}

}  // namespace ccsim
