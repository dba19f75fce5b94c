// Lengths written for people in the configuration ("12mm", "1.2 cm").
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "ingest/ingest.h"

namespace dossier::ingest {

std::optional<double> parse_length(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  // std::from_chars is locale-independent: "12.5mm" reads the same
  // whatever LC_NUMERIC says.
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  auto unit =
      trim(std::string_view(end, static_cast<std::size_t>(text.data() + text.size() - end)));
  // 1 in = 72 pt = 25.4 mm (the PostScript point PDF uses).
  if (unit == "mm") return value * 72.0 / 25.4;
  if (unit == "cm") return value * 720.0 / 25.4;
  if (unit == "pt") return value;
  if (unit == "in") return value * 72.0;
  return std::nullopt;
}

}  // namespace dossier::ingest
