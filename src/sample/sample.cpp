// Synthetic signatures for a European campaign run from Germany and
// Switzerland. Everything random comes from our own xoshiro256** and integer
// arithmetic: std:: distributions and floating point differ between standard
// libraries and CPUs, and the fixture must be byte-identical everywhere.
#include "sample/sample.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iso8601/iso8601.h"
#include "sample/tables.h"

namespace dossier::sample {
namespace {

// ---------------------------------------------------------------------------
// Random numbers

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    // splitmix64 spreads small, similar seeds (0, 1, 2...) over the whole
    // state, which xoshiro itself does not.
    for (auto& s : s_) s = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0. Multiply-shift on the high 32 bits avoids a
  // division per draw; its bias (below n / 2^32) is invisible here.
  std::uint64_t below(std::uint64_t n) {
    if (n <= 0xFFFFFFFFULL) return ((next() >> 32) * n) >> 32;
    return next() % n;
  }

  bool chance(std::uint32_t per_10000) { return below(10000) < per_10000; }

  template <class List>
  const auto& pick(const List& items) {
    return items[static_cast<std::size_t>(below(std::size(items)))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---------------------------------------------------------------------------
// ASCII for e-mail addresses

// Base letters of U+00C0..U+024F and U+1E00..U+1EFF (derived from the
// canonical decompositions; '?' expands to two letters, '_' has none).
constexpr std::string_view kLatinBase =
    "AAAAAA?CEEEEIIIIDNOOOOO_OUUUUY??aaaaaa?ceeeeiiiidnooooo_ouuuuy?y"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkqLlLlLlL"
    "lLlNnNnNnn??OoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz_"
    "_B________D_______f_____________Oo_____________Uu__Yy___________"
    "_____________AaIiOoUuUuUuUuUu_AaAa____GgKkOoOo__j___Gg__NnAa____"
    "AaAaEeEeIiIiOoOoRrRrUuUuSsTt__Hh______AaEeOoOoOoOoYy____________"
    "________________";
constexpr std::string_view kLatinExtendedAdditionalBase =
    "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
    "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
    "WwWwWwWwWwXxXxYyZzZzZzhtwy____?_AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
    "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy______";
static_assert(kLatinBase.size() == 0x250 - 0xC0);
static_assert(kLatinExtendedAdditionalBase.size() == 0x100);

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  ++i;
  for (; extra > 0 && i < s.size(); --extra, ++i)
    c = (c << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return c;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// How German writes an umlaut without it ("Müller" as "mueller"), or
// nullptr.
const char* german_spelling(char32_t c) {
  switch (c) {
    case U'ä':
    case U'Ä':
      return "ae";
    case U'ö':
    case U'Ö':
      return "oe";
    case U'ü':
    case U'Ü':
      return "ue";
    default:
      return nullptr;
  }
}

// Letters that ASCII spells with two, or nullptr.
const char* two_letter_spelling(char32_t c) {
  switch (c) {
    case U'Æ':
    case U'æ':
      return "ae";
    case U'Œ':
    case U'œ':
      return "oe";
    case U'Þ':
    case U'þ':
      return "th";
    case U'ß':
    case U'ẞ':
      return "ss";
    case U'Ĳ':
    case U'ĳ':
      return "ij";
    case U'Ŋ':
    case U'ŋ':
      return "ng";
    default:
      return nullptr;
  }
}

// Appends the lowercase ASCII letters of `text`; everything else (spaces,
// hyphens, apostrophes) is dropped, as people do in their addresses.
void append_ascii(std::string& out, std::string_view text, Ascii mode) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x80) {
      const char a = lower(static_cast<char>(c));
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) out += a;
      continue;
    }
    if (const char* german = mode == Ascii::kGerman ? german_spelling(c) : nullptr) {
      out += german;
      continue;
    }
    if (const char* two = two_letter_spelling(c)) {
      out += two;
      continue;
    }
    char base = '_';
    if (c >= 0xC0 && c < 0x250)
      base = kLatinBase[c - 0xC0];
    else if (c >= 0x1E00 && c < 0x1F00)
      base = kLatinExtendedAdditionalBase[c - 0x1E00];
    if (base != '_' && base != '?') out += lower(base);
  }
}

// ---------------------------------------------------------------------------
// Names and addresses

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view first_code_point(std::string_view s) {
  std::size_t i = 0;
  next_code_point(s, i);
  return s.substr(0, i);
}

const City& pick_city(Rng& rng, const Cities& list) {
  const std::uint64_t r = rng.below(list.total);
  const auto at = std::upper_bound(list.upto.begin(), list.upto.end(), r);
  return list.items[static_cast<std::size_t>(at - list.upto.begin())];
}

const Group& pick_group(Rng& rng, const std::vector<Group>& groups) {
  std::uint64_t r = rng.below(10000);
  for (const Group& g : groups) {
    if (r < g.weight) return g;
    r -= g.weight;
  }
  return groups.front();
}

struct Person {
  std::string name;
  std::string given_ascii;
  std::string family_ascii;
};

class NameMaker {
 public:
  NameMaker(Rng& rng, const Group& g, bool female, Person& p)
      : rng_(rng), g_(g), female_(female), p_(p) {}

  void make(bool abroad) {
    p_.name.clear();
    p_.given_ascii.clear();
    p_.family_ascii.clear();
    const Word& given = rng_.pick(female_ ? g_.female : g_.male);
    const Word& family = surname();
    ascii(p_.given_ascii, given);
    ascii(p_.family_ascii, family);
    if (in_group_order(given, family, abroad)) return;
    if (with_nickname(family)) return;
    given_then_family(given, family);
  }

 private:
  // The forms a group's own naming order makes; false when the name is
  // written given name first after all.
  bool in_group_order(const Word& given, const Word& family, bool abroad) {
    const Variety& v = g_.variety;
    switch (g_.order) {
      case Order::kNoSpace:
        append(family.text);
        append(given.text);
        return true;
      case Order::kJapanese:
        append(family.text);
        // Japanese forms get all three: no space, a space, an ideographic space.
        if (const auto r = rng_.below(10); r >= 4) append(r == 9 ? "\u3000" : " ");
        append(given.text);
        return true;
      case Order::kVietnamese:
        append(family.text);
        if (rng_.chance(v.middle)) sep(surname_form(rng_.pick(g_.middle)).text);
        sep(given.text);
        return true;
      case Order::kFamilyGiven:
        // Hungarians abroad tend to adopt the local order.
        if (!abroad) {
          append(family.text);
          sep(given.text);
          if (rng_.chance(v.middle)) sep(second_given(given).text);
          return true;
        }
        return false;
      case Order::kSpanish:
        if (!rng_.chance(v.long_name)) return false;
        long_spanish(family);
        return true;
      case Order::kPortuguese:
        if (!rng_.chance(v.long_name)) return false;
        long_portuguese(given, family);
        return true;
      case Order::kGivenFamily:
        return false;
    }
    return false;
  }

  bool with_nickname(const Word& family) {
    if (g_.nicknames.empty() || !rng_.chance(g_.variety.nickname)) return false;
    for (const Nickname& n : g_.nicknames) {
      if (n.female != female_ || rng_.below(3) != 0) continue;
      append(n.given);
      append(" \"");
      append(n.nick);
      append("\" ");
      append(family.text);
      p_.given_ascii.clear();
      append_ascii(p_.given_ascii, n.nick, g_.ascii);
      return true;
    }
    return false;
  }

  void given_then_family(const Word& given, const Word& family) {
    const Variety& v = g_.variety;
    std::string_view middle;
    if (rng_.chance(v.middle))
      middle =
          g_.middle.empty() ? second_given(given).text : surname_form(rng_.pick(g_.middle)).text;
    const Word* second_family = nullptr;
    if (g_.order == Order::kSpanish) {
      second_family = &other_surname(family.text);
    } else if (g_.order == Order::kPortuguese) {
      // Portuguese put the mother's surname first; both are in daily use.
      second_family = &other_surname(family.text);
    } else if (rng_.chance(v.double_family)) {
      second_family = &other_surname(family.text);
    }
    const bool initial = rng_.chance(v.initial);

    if (rng_.chance(v.comma)) {
      append_family(family, second_family);
      append(", ");
      append(given.text);
      if (!middle.empty()) sep(middle);
      return;
    }
    if (!g_.titles.empty() && rng_.chance(v.title)) {
      append(rng_.pick(g_.titles));
      append(" ");
    }
    if (initial) {
      append(first_code_point(given.text));
      append(".");
    } else {
      append(given.text);
    }
    if (!middle.empty()) sep(middle);
    append(" ");
    append_family(family, second_family);
  }

  const Word& surname_form(const Surname& s) const { return female_ ? s.female : s.male; }
  const Word& surname() { return surname_form(rng_.pick(g_.family)); }

  const Word& other_surname(std::string_view not_this) {
    for (;;) {
      const Word& w = surname();
      if (w.text != not_this) return w;
    }
  }

  const Word& second_given(const Word& not_this) {
    const auto& list = female_ ? g_.female : g_.male;
    for (;;) {
      const Word& w = rng_.pick(list);
      if (w.text != not_this.text) return w;
    }
  }

  void append_family(const Word& family, const Word* second) {
    append(family.text);
    if (second == nullptr) return;
    // Spaniards and Portuguese join their two surnames with a space, the
    // rest of Europe with a hyphen.
    append(g_.order == Order::kSpanish || g_.order == Order::kPortuguese ? " " : "-");
    append(second->text);
  }

  void long_spanish(const Word& family) {
    const std::string_view given = rng_.pick(female_ ? g_.long_female : g_.long_male).text;
    append(given);
    p_.given_ascii.clear();
    append_ascii(p_.given_ascii, given.substr(0, given.find(' ')), g_.ascii);
    long_compound(family, " y ");
  }

  void long_portuguese(const Word& given, const Word& family) {
    append(given.text);
    sep(second_given(given).text);
    long_compound(family, " e ");
  }

  // Surnames of both lines until the name passes 60 characters, the last
  // joined by "y" / "e" as in "Fernández de Córdoba y Martínez de Irujo".
  void long_compound(const Word& family, std::string_view conjunction) {
    std::array<std::string_view, 8> parts{family.text};
    std::size_t n = 1;
    std::size_t length =
        code_points(p_.name) + conjunction.size() - 1 + 1 + code_points(family.text);
    while (length <= 60 && n < parts.size()) {
      const std::string_view next = surname().text;
      if (std::find(parts.begin(), parts.begin() + n, next) != parts.begin() + n) continue;
      parts[n++] = next;
      length += 1 + code_points(next);
    }
    for (std::size_t k = 0; k < n; ++k) {
      append(k > 0 && k + 1 == n ? conjunction : " ");
      append(parts[k]);
    }
  }

  void ascii(std::string& out, const Word& w) const {
    if (g_.ascii == Ascii::kStored) {
      out += w.ascii;
    } else {
      append_ascii(out, w.text, g_.ascii);
    }
  }

  void append(std::string_view s) { p_.name += s; }
  void sep(std::string_view s) {
    p_.name += ' ';
    p_.name += s;
  }

  Rng& rng_;
  const Group& g_;
  bool female_;
  Person& p_;
};

constexpr std::string_view kHandleWords[] = {
    "sonnenblume", "bergsteiger", "nachteule", "wolke", "kaffee", "piano",   "nordlicht",
    "blue",        "fox",         "river",     "stern", "sunny",  "owl",     "lynx",
    "maple",       "reader",      "candle",    "pixel", "aurora", "kiwi",    "meer",
    "wanderer",    "lupo",        "gatto",     "sol",   "luna",   "mistral", "fjord",
    "birke",       "ahorn",       "vogel",     "zebra", "koala",  "falke",   "tulpe"};
constexpr std::string_view kDomains[] = {"example.org", "example.org", "example.com", "example.com",
                                         "example.net"};

void append_number(std::string& out, std::uint64_t n) {
  char digits[20];
  int len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0) out += digits[--len];
}

void append_two_digits(std::string& out, std::uint64_t n) {
  out += static_cast<char>('0' + n / 10 % 10);
  out += static_cast<char>('0' + n % 10);
}

// Most addresses carry a number: with only first and last names, two
// Anna Müllers in Berlin would otherwise share one and look like the same
// person signing twice.
void make_email(Rng& rng, const Person& p, std::string& out) {
  out.clear();
  const std::string_view g = p.given_ascii;
  const std::string_view f = p.family_ascii;
  const auto style = rng.below(100);
  if (g.empty() || f.empty() || style >= 82) {
    out += rng.pick(kHandleWords);
    if (rng.below(3) == 0) {
      out += rng.below(2) == 0 ? '.' : '_';
      out += rng.pick(kHandleWords);
    }
    append_number(out, rng.below(10000));
  } else {
    if (style < 40) {
      out.append(g).append(".").append(f);
    } else if (style < 52) {
      out.append(g).append(f);
    } else if (style < 64) {
      out.append(g.substr(0, 1)).append(".").append(f);
    } else if (style < 70) {
      out.append(g).append("_").append(f);
    } else if (style < 76) {
      out.append(f).append(".").append(g);
    } else {
      out.append(f).append(g.substr(0, 1));
    }
    const auto suffix = rng.below(100);
    if (suffix < 30) {
      append_two_digits(out, 50 + rng.below(56));  // birth years 1950..2005
    } else if (suffix < 45) {
      append_number(out, 1950 + rng.below(56));
    } else if (suffix < 70) {
      append_number(out, 1 + rng.below(999));
    }
  }
  out += '@';
  out += rng.pick(kDomains);
}

// ---------------------------------------------------------------------------
// When people signed

// "YYYY-MM-DDTHH:MM:SSZ".
void append_timestamp(std::string& out, std::int64_t t) {
  out += iso8601::format_utc(std::chrono::sys_seconds{std::chrono::seconds{t}});
}

constexpr std::int64_t days_from_civil(std::chrono::year_month_day date) {
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

// The petition opened with the Nobel Peace Prize announcement, 2022-10-07
// 11:00 CEST, and ran until two days before the ceremony on 10 December.
constexpr std::int64_t kFirstDay = days_from_civil(std::chrono::year{2022} / 10 / 7);
constexpr std::int64_t kLastDay = days_from_civil(std::chrono::year{2022} / 12 / 8);
constexpr unsigned kOpeningHour = 9;  // UTC
constexpr std::int64_t kStart = kFirstDay * 86400 + kOpeningHour * 3600;

// Signatures per UTC hour of day: European evenings are busiest.
constexpr std::uint32_t kDiurnal[24] = {8,  5,  3,  2,  3,  8,  20, 40, 55, 60, 62, 65,
                                        70, 66, 62, 62, 68, 78, 90, 95, 85, 60, 35, 18};

// Relative weight of each hour from kStart: a surge on announcement day
// that decays over the following weeks, a second wave when the press picked
// the campaign up, and a run-up to the ceremony. Each hour is jittered so
// seeds differ in more than the names.
std::vector<std::uint32_t> hour_weights(Rng& rng) {
  std::vector<std::uint32_t> weights;
  weights.reserve(static_cast<std::size_t>(kLastDay - kFirstDay + 1) * 24);
  std::uint32_t decay = 940;
  std::uint32_t press = 0;
  for (std::int64_t day = kFirstDay; day <= kLastDay; ++day) {
    const auto index = day - kFirstDay;
    std::uint32_t w = 60 + decay;
    decay = decay * 4 / 5;
    if (index == 26) press = 200;
    w += press;
    press /= 2;
    if (index >= 58) w += static_cast<std::uint32_t>(index - 57) * 25;
    const auto weekday = (day + 4) % 7;  // 0 = Sunday
    if (weekday == 0) w = w * 11 / 10;
    if (weekday == 6) w = w * 9 / 10;
    for (unsigned hour = index == 0 ? kOpeningHour : 0; hour < 24; ++hour) {
      std::uint64_t x = std::uint64_t{w} * kDiurnal[hour] * (75 + rng.below(51));
      if (index == 0 && hour < kOpeningHour + 4) x *= 3;
      weights.push_back(static_cast<std::uint32_t>(x / 100 + 1));
    }
  }
  return weights;
}

// ---------------------------------------------------------------------------
// CSV

void append_field(std::string& out, std::string_view field) {
  bool plain = true;
  for (char c : field) plain &= c != ',' && c != '"' && c != '\r' && c != '\n';
  if (plain) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct Row {
  std::string name;
  std::string_view city;
  std::string_view country;
  std::string email;
  std::int64_t time = 0;
};

void append_row(std::string& out, const Row& row, std::int64_t time) {
  append_field(out, row.name);
  out += ',';
  append_field(out, row.city);
  out += ',';
  out += row.country;
  out += ',';
  append_timestamp(out, time);
  out += ',';
  out += row.email;
  out += '\n';
}

// Signing times in ascending order. Row i lands at a random point of the
// i-th of `count` equal slices of the cumulative weight, so times come out
// sorted without holding or sorting them, in integers only. floor(i *
// total / count) is kept as quotient and remainder to stay exact for any
// count.
class SigningClock {
 public:
  SigningClock(Rng& rng, std::uint64_t count) : count_(count), weights_(hour_weights(rng)) {
    std::uint64_t total = 0;
    for (auto w : weights_) total += w;
    step_ = total / count;
    step_rem_ = total % count;
  }

  std::int64_t next(Rng& rng) {
    const std::uint64_t x = slice_ + (step_ > 0 ? rng.below(step_) : 0);
    slice_ += step_;
    if (slice_rem_ >= count_ - step_rem_) {
      slice_rem_ -= count_ - step_rem_;
      ++slice_;
    } else {
      slice_rem_ += step_rem_;
    }
    while (x >= hour_start_ + weights_[hour_]) hour_start_ += weights_[hour_++];
    return kStart + static_cast<std::int64_t>(hour_) * 3600 +
           static_cast<std::int64_t>((x - hour_start_) * 3600 / weights_[hour_]);
  }

 private:
  std::uint64_t count_;
  std::vector<std::uint32_t> weights_;
  std::uint64_t step_ = 0;
  std::uint64_t step_rem_ = 0;
  std::uint64_t slice_ = 0;
  std::uint64_t slice_rem_ = 0;
  std::size_t hour_ = 0;
  std::uint64_t hour_start_ = 0;
};

// Re-signing happens soon after the first time (no confirmation mail, a
// second device), so duplicates copy one of the last rows.
class RecentRows {
 public:
  // An earlier row signed again at `time`, or nullptr for a new signer.
  const Row* repeated(Rng& rng, std::int64_t time) const {
    if (stored_ == 0 || !rng.chance(50)) return nullptr;
    const Row& earlier = rows_[rng.below(stored_ < kRecent ? stored_ : kRecent)];
    return earlier.time < time ? &earlier : nullptr;
  }

  // The slot for a new row, taking the place of the oldest.
  Row& next_slot() { return rows_[stored_++ % kRecent]; }

 private:
  static constexpr std::size_t kRecent = 64;
  std::array<Row, kRecent> rows_;
  std::uint64_t stored_ = 0;
};

// A new signer: group, sex, home or abroad, city, name and address.
void make_row(Rng& rng, const Tables::Data& data, Person& person, Row& row, std::int64_t time) {
  const Group& group = pick_group(rng, data.groups);
  const bool female = rng.below(2) == 0;
  const bool abroad = rng.chance(group.abroad);
  const City& city = pick_city(rng, abroad ? data.abroad : group.home);
  NameMaker(rng, group, female, person).make(abroad);
  row.name = person.name;
  row.city = city.name;
  row.country = city.country;
  make_email(rng, person, row.email);
  row.time = time;
}

// The CSV text, handed to the stream in blocks of about 64 KiB.
class BlockWriter {
 public:
  explicit BlockWriter(std::ostream& out) : out_(out) { buffer_.reserve(kFlushAt + 1024); }

  std::string& buffer() { return buffer_; }
  void flush_if_full() {
    if (buffer_.size() >= kFlushAt) write();
  }
  void write() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace

void write_csv(std::ostream& out, const Tables& tables, std::uint64_t count, std::uint64_t seed) {
  const Tables::Data& data = *tables.data_;
  BlockWriter writer(out);
  writer.buffer() += "name,city,country,signed_at,email\n";
  if (count == 0) return writer.write();

  Rng rng(seed);
  SigningClock clock(rng, count);
  RecentRows recent;
  Person person;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::int64_t time = clock.next(rng);
    if (const Row* earlier = recent.repeated(rng, time)) {
      append_row(writer.buffer(), *earlier, time);
    } else {
      Row& row = recent.next_slot();
      make_row(rng, data, person, row, time);
      append_row(writer.buffer(), row, time);
    }
    writer.flush_if_full();
  }
  writer.write();
}

}  // namespace dossier::sample
