// ISO 8601 dates and times, through std::chrono's civil calendar: the
// config's dates, SOURCE_DATE_EPOCH, the petition's signing times and the
// PDF's dates (ISO 32000-2 7.9.4) all read and write through here, so a
// time written in one place reads the same in another.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::iso8601 {

// A moment as it was written: the instant, and the UTC offset it was
// written with (local time = utc + offset).
struct Moment {
  std::chrono::sys_seconds utc{};
  std::chrono::minutes offset{0};
};

// "YYYY-MM-DD", optionally followed by 'T' or ' ' and "HH:MM[:SS[.fff]]",
// optionally followed by 'Z' or "+HH[:MM]" / "-HH[:MM]" (no offset: UTC).
// As lenient as spreadsheet exports need: one-digit months, days and
// hours are read, and anything after what was read is ignored. nullopt
// when no date can be read.
std::optional<Moment> parse(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(std::chrono::sys_seconds t);
// "YYYY-MM-DDTHH:MM:SS+HH:MM", in the moment's own offset.
std::string format(const Moment& m);
// A PDF date, "D:YYYYMMDDHHmmSS+HH'mm'", in the moment's own offset; UTC
// as +00'00' (a bare Z is not read by every reader).
std::string pdf_date(const Moment& m);

}  // namespace dossier::iso8601
