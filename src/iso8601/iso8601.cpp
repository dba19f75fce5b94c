#include "iso8601/iso8601.h"

#include <fmt/format.h>

#include <cstdlib>

namespace dossier::iso8601 {
namespace {

using namespace std::chrono;

// Reads up to `max` digits at `at` (at least one); advances `at`.
std::optional<int> digits(std::string_view s, std::size_t& at, std::size_t max) {
  int value = 0;
  std::size_t n = 0;
  while (n < max && at < s.size() && s[at] >= '0' && s[at] <= '9') {
    value = value * 10 + (s[at++] - '0');
    ++n;
  }
  if (n == 0) return std::nullopt;
  return value;
}

bool skip(std::string_view s, std::size_t& at, char c) {
  if (at >= s.size() || s[at] != c) return false;
  ++at;
  return true;
}

// The moment's local date and time as YYYY MM DD HH MM SS, the date's
// fields joined by `date`, the time's by `time`, and `between` the two.
std::string civil_text(const Moment& m, std::string_view date, std::string_view between,
                       std::string_view time) {
  const auto local = m.utc + m.offset;
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss hms(local - day);
  return fmt::format("{:04}{}{:02}{}{:02}{}{:02}{}{:02}{}{:02}", static_cast<int>(ymd.year()), date,
                     static_cast<unsigned>(ymd.month()), date, static_cast<unsigned>(ymd.day()),
                     between, hms.hours().count(), time, hms.minutes().count(), time,
                     hms.seconds().count());
}

std::string offset_text(minutes offset, const char* between) {
  const char sign = offset < minutes(0) ? '-' : '+';
  const auto a = abs(offset).count();
  return fmt::format("{}{:02}{}{:02}", sign, a / 60, between, a % 60);
}

}  // namespace

std::optional<Moment> parse(std::string_view s) {
  std::size_t at = 0;
  const auto y = digits(s, at, 4);
  if (!y || !skip(s, at, '-')) return std::nullopt;
  const auto mo = digits(s, at, 2);
  if (!mo || !skip(s, at, '-')) return std::nullopt;
  const auto d = digits(s, at, 2);
  if (!d) return std::nullopt;
  seconds time{0};
  if (at < s.size() && (s[at] == 'T' || s[at] == ' ')) {
    ++at;
    const auto h = digits(s, at, 2);
    if (!h || !skip(s, at, ':')) return std::nullopt;
    const auto mi = digits(s, at, 2);
    if (!mi) return std::nullopt;
    int se = 0;
    if (skip(s, at, ':')) se = digits(s, at, 2).value_or(0);
    while (at < s.size() && (s[at] == '.' || (s[at] >= '0' && s[at] <= '9'))) ++at;
    time = hours(*h) + minutes(*mi) + seconds(se);
  }
  minutes offset{0};
  if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    const bool minus = s[at++] == '-';
    const auto oh = digits(s, at, 2);
    if (!oh) return std::nullopt;
    int om = 0;
    if (skip(s, at, ':')) om = digits(s, at, 2).value_or(0);
    offset = (minus ? -1 : 1) * (hours(*oh) + minutes(om));
  }
  if (*mo < 1 || *mo > 12) return std::nullopt;
  // A day past the month's end runs on into the next month (C++20
  // [time.cal.ymd.nonmembers]: defined while year and month are valid).
  const auto start = sys_days(year(*y) / month(static_cast<unsigned>(*mo)) / 1) + days(*d - 1);
  return Moment{start + time - offset, offset};
}

std::string format_utc(sys_seconds t) { return civil_text(Moment{t}, "-", "T", ":") + "Z"; }

std::string format(const Moment& m) {
  return civil_text(m, "-", "T", ":") + offset_text(m.offset, ":");
}

std::string pdf_date(const Moment& m) {
  return "D:" + civil_text(m, "", "", "") + offset_text(m.offset, "'") + "'";
}

}  // namespace dossier::iso8601
