// The channels and the detail that shape a KpiLayout, and their names in options and outputs.
#include <string_view>
#include <vector>

#include "ccsim/summary.h"

namespace ccsim {

std::string_view channel_id(Channel channel) {
  switch (channel) {
    case Channel::voice: return "voice";
    case Channel::chat: return "chat";
    case Channel::email: return "email";
  }
  return "";
}

std::vector<Channel> channels_used(const Model& model) {
  std::vector<Channel> used;
  for (const Channel channel : {Channel::voice, Channel::chat, Channel::email})
    for (const ContactType& type : model.contact_types)
      if (type.channel == channel) {
        used.push_back(channel);
        break;
      }
  return used;
}

std::string_view detail_name(Detail detail) {
  switch (detail) {
    case Detail::total: return "total";
    case Detail::day: return "day";
    case Detail::interval: return "interval";
  }
  return "";
}

Detail default_detail(const Horizon& horizon) {
  return horizon.days > 7 ? Detail::day : Detail::interval;
}

}  // namespace ccsim
