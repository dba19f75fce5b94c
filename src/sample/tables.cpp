// Reads and checks the tab-separated tables of data/sample/ (see its
// README.md).
#include "sample/tables.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace dossier::sample {
namespace {

// ---------------------------------------------------------------------------
// Reading the tables

// One tab-separated file: a header line naming the columns, then one record
// per line. No quoting: names hold neither tabs nor line breaks.
class TsvFile {
 public:
  TsvFile(const std::filesystem::path& file, std::initializer_list<std::string_view> columns)
      : file_(file), in_(file, std::ios::binary), columns_(columns.size()) {
    if (!in_) fail_at(0, "cannot be read");
    std::string header;
    std::string expected;
    std::string names;
    for (std::string_view c : columns) {
      expected.append(expected.empty() ? "" : "\t").append(c);
      names.append(names.empty() ? "" : ", ").append(c);
    }
    if (!std::getline(in_, header) || header != expected)
      fail_at(1, "the first line must name the columns " + names + ", separated by tabs");
  }

  // The next record's fields, or false at the end of the file.
  bool next(std::vector<std::string>& fields) {
    std::string line;
    if (!std::getline(in_, line)) return false;
    ++line_;
    fields.clear();
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (fields.size() != columns_)
      fail(fmt::format("has {} fields; the header names {}", fields.size(), columns_));
    return true;
  }

  template <class Int>
  Int number(std::string_view field) const {
    Int value{};
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc{} || end != field.data() + field.size() || field.empty())
      fail(fmt::format("\"{}\" is not a whole number in range", field));
    return value;
  }

  // Stops at the record read last, naming its file and line.
  [[noreturn]] void fail(std::string_view what) const { fail_at(line_, what); }

 private:
  [[noreturn]] void fail_at(std::size_t line, std::string_view what) const {
    throw DataError(line == 0 ? fmt::format("{} {}", file_.string(), what)
                              : fmt::format("{}:{}: {}", file_.string(), line, what));
  }

  std::filesystem::path file_;
  std::ifstream in_;
  std::size_t columns_;
  std::size_t line_ = 1;
};

Order parse_order(const TsvFile& f, std::string_view s) {
  if (s == "given-family") return Order::kGivenFamily;
  if (s == "family-given") return Order::kFamilyGiven;
  if (s == "vietnamese") return Order::kVietnamese;
  if (s == "spanish") return Order::kSpanish;
  if (s == "portuguese") return Order::kPortuguese;
  if (s == "no-space") return Order::kNoSpace;
  if (s == "japanese") return Order::kJapanese;
  f.fail(fmt::format("names an unknown name order \"{}\"", s));
}

Ascii parse_ascii(const TsvFile& f, std::string_view s) {
  if (s == "stored") return Ascii::kStored;
  if (s == "strip") return Ascii::kStrip;
  if (s == "german") return Ascii::kGerman;
  f.fail(fmt::format("names an unknown romanisation \"{}\"", s));
}

bool parse_female(const TsvFile& f, std::string_view s) {
  if (s != "m" && s != "f") f.fail(fmt::format("gender must be m or f, not \"{}\"", s));
  return s == "f";
}

std::vector<Group> read_groups(const std::filesystem::path& dir) {
  TsvFile f(dir / "groups.tsv",
            {"group", "weight", "order", "romanised", "abroad", "middle", "double_family",
             "initial", "title", "comma", "nickname", "long_name"});
  std::vector<Group> groups;
  std::vector<std::string> r;
  while (f.next(r)) {
    for (const Group& other : groups)
      if (other.id == r[0]) f.fail(fmt::format("lists the group \"{}\" twice", r[0]));
    // cities.tsv files the places of every group's diaspora under "abroad".
    if (r[0] == "abroad") f.fail("\"abroad\" is not a group: cities.tsv uses it for the diaspora");
    Group& g = groups.emplace_back();
    g.id = r[0];
    g.weight = f.number<std::uint32_t>(r[1]);
    g.order = parse_order(f, r[2]);
    g.ascii = parse_ascii(f, r[3]);
    g.abroad = f.number<std::uint16_t>(r[4]);
    g.variety = {.middle = f.number<std::uint16_t>(r[5]),
                 .double_family = f.number<std::uint16_t>(r[6]),
                 .initial = f.number<std::uint16_t>(r[7]),
                 .title = f.number<std::uint16_t>(r[8]),
                 .comma = f.number<std::uint16_t>(r[9]),
                 .nickname = f.number<std::uint16_t>(r[10]),
                 .long_name = f.number<std::uint16_t>(r[11])};
  }
  return groups;
}

Group& group_named(std::vector<Group>& groups, const TsvFile& f, std::string_view id) {
  for (Group& g : groups)
    if (g.id == id) return g;
  f.fail(fmt::format("names a group \"{}\" that groups.tsv does not list", id));
}

void read_given_names(const std::filesystem::path& dir, std::vector<Group>& groups) {
  TsvFile f(dir / "given_names.tsv", {"group", "gender", "use", "name", "romanised"});
  std::vector<std::string> r;
  while (f.next(r)) {
    Group& g = group_named(groups, f, r[0]);
    const bool female = parse_female(f, r[1]);
    std::vector<Word>* list = nullptr;
    if (r[2] == "given") list = female ? &g.female : &g.male;
    if (r[2] == "long") list = female ? &g.long_female : &g.long_male;
    if (list == nullptr) f.fail(fmt::format("use must be given or long, not \"{}\"", r[2]));
    list->push_back({std::move(r[3]), std::move(r[4])});
  }
}

// An empty female form is the male form: most surnames do not change.
void read_surnames(const std::filesystem::path& dir, std::vector<Group>& groups) {
  TsvFile f(dir / "surnames.tsv",
            {"group", "use", "male", "male_romanised", "female", "female_romanised"});
  std::vector<std::string> r;
  while (f.next(r)) {
    Group& g = group_named(groups, f, r[0]);
    std::vector<Surname>* list = r[1] == "family"   ? &g.family
                                 : r[1] == "middle" ? &g.middle
                                                    : nullptr;
    if (list == nullptr) f.fail(fmt::format("use must be family or middle, not \"{}\"", r[1]));
    Word male{std::move(r[2]), std::move(r[3])};
    Word female = r[4].empty() ? male : Word{std::move(r[4]), std::move(r[5])};
    list->push_back({std::move(male), std::move(female)});
  }
}

void read_cities(const std::filesystem::path& dir, Tables::Data& data) {
  TsvFile f(dir / "cities.tsv", {"group", "city", "country", "weight"});
  std::vector<std::string> r;
  while (f.next(r)) {
    Cities& list = r[0] == "abroad" ? data.abroad : group_named(data.groups, f, r[0]).home;
    list.add({std::move(r[1]), std::move(r[2]), f.number<std::uint32_t>(r[3])});
  }
}

void read_titles_and_nicknames(const std::filesystem::path& dir, std::vector<Group>& groups) {
  TsvFile titles(dir / "titles.tsv", {"group", "title"});
  std::vector<std::string> r;
  while (titles.next(r)) group_named(groups, titles, r[0]).titles.push_back(std::move(r[1]));
  TsvFile nicknames(dir / "nicknames.tsv", {"group", "gender", "given", "nickname"});
  while (nicknames.next(r)) {
    group_named(groups, nicknames, r[0])
        .nicknames.push_back({parse_female(nicknames, r[1]), std::move(r[2]), std::move(r[3])});
  }
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A non-Latin name without its romanisation (or with the romanisation in
// the wrong column) would give an e-mail address of no letters.
bool stored_word_ok(const Word& w) {
  return !w.text.empty() && !is_ascii(w.text) && !w.ascii.empty() && is_ascii(w.ascii);
}

// What the drawing code relies on, checked once when the tables are read
// rather than found out in someone's dossier.
void check_tables(const std::filesystem::path& dir, const Tables::Data& data) {
  const auto fail = [&](std::string_view what) {
    throw DataError(fmt::format("{}: {}", dir.string(), what));
  };
  std::uint32_t total = 0;
  for (const Group& g : data.groups) {
    total += g.weight;
    if (g.male.empty() || g.female.empty() || g.family.empty() || g.home.total == 0)
      fail(fmt::format("group {} needs given names of both genders, surnames and cities", g.id));
    if ((g.order == Order::kVietnamese && g.middle.empty()) ||
        (g.order == Order::kSpanish && (g.long_male.empty() || g.long_female.empty())))
      fail(fmt::format("group {} needs the middle or long names its order uses", g.id));
    if (g.ascii != Ascii::kStored) continue;
    const auto stored = [&](const Word& w) {
      if (!stored_word_ok(w))
        fail(fmt::format("group {}: \"{}\" needs an ASCII romanisation", g.id, w.text));
    };
    for (const Word& w : g.male) stored(w);
    for (const Word& w : g.female) stored(w);
    for (const Surname& s : g.family) {
      stored(s.male);
      stored(s.female);
    }
  }
  if (total != 10000) fail(fmt::format("group weights add up to {}, not 10000", total));
  if (data.abroad.total == 0) fail("cities.tsv lists no cities for the group abroad");
}

}  // namespace

Tables::Tables(std::unique_ptr<const Data> data) : data_(std::move(data)) {}
Tables::Tables(Tables&&) noexcept = default;
Tables& Tables::operator=(Tables&&) noexcept = default;
Tables::~Tables() = default;

Tables Tables::load(const std::filesystem::path& dir) {
  auto data = std::make_unique<Data>();
  data->groups = read_groups(dir);
  read_given_names(dir, data->groups);
  read_surnames(dir, data->groups);
  read_cities(dir, *data);
  read_titles_and_nicknames(dir, data->groups);
  check_tables(dir, *data);
  return Tables(std::move(data));
}

}  // namespace dossier::sample
