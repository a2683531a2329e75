#include "ccsim/business_time.h"

#include <cmath>

#include "ccsim/model.h"

namespace ccsim {

std::vector<BusinessTime> compile_business_time(const Model& model) {
  const Horizon& horizon = model.horizon;
  const auto intervals = static_cast<std::size_t>(horizon.intervals());
  const double interval_s = horizon.interval_s;
  std::vector<BusinessTime> business(model.type_count());
  for (std::size_t k = 0; k < model.type_count(); ++k) {
    const ContactType& type = model.contact_types[k];
    if (type.channel != Channel::email || !type.response || !type.response->business_hours) continue;
    const BusinessHours& hours = *type.response->business_hours;
    BusinessTime& time = business[k];
    time.at_boundary.assign(intervals + 1, 0.0);
    time.window.assign(intervals, {0.0, 0.0});
    for (std::size_t i = 0; i < intervals; ++i) {
      const auto per_day = static_cast<std::size_t>(horizon.intervals_per_day);
      const int day = static_cast<int>(i / per_day);
      const double start = horizon.start_min * 60.0 + static_cast<double>(i % per_day) * interval_s;
      const double of_day = std::fmod(start, 86400.0);
      const int weekday = (horizon.start_weekday + day + static_cast<int>(start / 86400.0)) % 7;
      double open = 0.0, close = 0.0;
      if (hours.days[static_cast<std::size_t>(weekday)]) {
        open = std::clamp(hours.start_min * 60.0 - of_day, 0.0, interval_s);
        close = std::clamp(hours.end_min * 60.0 - of_day, 0.0, interval_s);
      }
      time.window[i] = {open, std::max(open, close)};
      time.at_boundary[i + 1] = time.at_boundary[i] + (time.window[i].second - time.window[i].first);
    }
  }
  return business;
}

}  // namespace ccsim
