// The dossier's own inputs: configuration, letter templates,
// parliamentarians; and small services (slugs, country names, hashes).
#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "digest/sha256.h"
#include "files/files.h"
#include "ingest/csv_reader.h"
#include "ingest/ingest.h"
#include "ingest/privacy_config.h"

namespace dossier::ingest {
namespace {

std::string read_text(const std::filesystem::path& file) {
  auto bytes = files::read_all(file);
  if (!bytes) throw InputError(fmt::format("{}: cannot read it", file.string()));
  return std::move(*bytes);
}

std::string get_string(const toml::node_view<const toml::node>& node, const std::string& file,
                       const std::string& key, bool required) {
  if (auto v = node.value<std::string>()) return *v;
  if (required || node) {
    throw InputError(fmt::format("{}: '{}' must be a text value{}", file, key,
                                 required ? " and is required" : ""));
  }
  return {};
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// layout.binding_correction: a length with its unit; absent, 12 mm.
double binding_correction(const toml::node_view<const toml::node>& node, const std::string& file) {
  if (!node) return Config{}.binding_correction;
  auto text = get_string(node, file, "layout.binding_correction", false);
  auto points = parse_length(text);
  // The text block keeps its width, so the outer margin of a left-hand
  // page gives way by the whole correction: beyond 15 mm it would come
  // closer to the edge than a printer prints.
  if (!points || *points > 15 * 72 / 25.4 + 1e-9) {
    throw InputError(fmt::format(
        "{}: layout.binding_correction is \"{}\"; give a length of at most 15 mm such as "
        "\"12mm\" (units mm, cm, pt or in)",
        file, text));
  }
  return *points;
}

}  // namespace

std::string slug(const std::string& text) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, err));
  auto u = icu::UnicodeString::fromUTF8(text);
  if (U_SUCCESS(err)) t->transliterate(u);
  std::string ascii;
  u.toUTF8String(ascii);
  std::string out;
  for (char c : ascii) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) out.resize(60);
  return out.empty() ? "recipient" : out;
}

Config load_config(const std::filesystem::path& toml_file) {
  const std::string file = toml_file.string();
  toml::table t;
  try {
    t = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}: line {}: {}", file, e.source().begin.line, e.description()));
  }
  const toml::node_view<const toml::node> root{t};
  Config c;
  c.title = get_string(root["title"], file, "title", true);
  c.subtitle = get_string(root["subtitle"], file, "subtitle", false);
  c.campaign = get_string(root["campaign"], file, "campaign", false);
  c.author = get_string(root["author"], file, "author", false);
  c.date = get_string(root["date"], file, "date", false);
  if (auto* kw = t["keywords"].as_array()) {
    for (const auto& k : *kw) {
      if (auto v = k.value<std::string>()) c.keywords.push_back(*v);
    }
  }
  c.handover.place = get_string(root["handover"]["place"], file, "handover.place", false);
  c.handover.datetime = get_string(root["handover"]["datetime"], file, "handover.datetime", false);
  c.handover.display = get_string(root["handover"]["display"], file, "handover.display", false);
  c.letter.place = get_string(root["letter"]["place"], file, "letter.place", false);
  c.letter.date = get_string(root["letter"]["date"], file, "letter.date", false);
  c.letter.sender = get_string(root["letter"]["sender"], file, "letter.sender", false);

  auto size = get_string(root["layout"]["page_size"], file, "layout.page_size", false);
  if (size.empty() || size == "A4") {
    c.page_size = PageSize::A4;
  } else if (size == "Letter" || size == "letter") {
    c.page_size = PageSize::Letter;
  } else {
    throw InputError(
        fmt::format("{}: layout.page_size is \"{}\"; use \"A4\" or \"Letter\"", file, size));
  }
  c.duplex = root["layout"]["duplex"].value_or(false);
  c.columns = static_cast<int>(root["layout"]["columns"].value_or(int64_t{3}));
  if (c.columns < 1 || c.columns > 6) {
    throw InputError(fmt::format("{}: layout.columns must be between 1 and 6", file));
  }
  auto sort = get_string(root["layout"]["sort"], file, "layout.sort", false);
  if (sort.empty() || sort == "signing") {
    c.sort = SortOrder::Signing;
  } else if (sort == "country") {
    c.sort = SortOrder::Country;
  } else {
    throw InputError(
        fmt::format("{}: layout.sort is \"{}\"; use \"signing\" or \"country\"", file, sort));
  }
  c.part_pages = static_cast<int>(root["layout"]["part_pages"].value_or(int64_t{1000}));
  c.binding_correction = binding_correction(root["layout"]["binding_correction"], file);
  for (auto [key, limit] : {std::pair{"name", &c.max_name}, std::pair{"city", &c.max_city}}) {
    auto value = root["limits"][key].value_or(static_cast<int64_t>(*limit));
    if (value < 1 || value > 100000) {
      throw InputError(
          fmt::format("{}: limits.{} must be between 1 and 100000 characters", file, key));
    }
    *limit = static_cast<std::size_t>(value);
  }

  auto* recipients = t["recipients"].as_array();
  if (!recipients || recipients->empty()) {
    throw InputError(fmt::format("{}: no [[recipients]]; the dossier needs at least one", file));
  }
  for (std::size_t i = 0; i < recipients->size(); ++i) {
    const toml::node_view<const toml::node> r{(*recipients)[i]};
    auto key = fmt::format("recipients[{}]", i + 1);
    Recipient rec;
    rec.name = get_string(r["name"], file, key + ".name", true);
    rec.name_cyrillic = get_string(r["name_cyrillic"], file, key + ".name_cyrillic", false);
    rec.title = get_string(r["title"], file, key + ".title", false);
    rec.salutation = get_string(r["salutation"], file, key + ".salutation", false);
    if (rec.salutation.empty()) rec.salutation = "Dear " + rec.name + ",";
    rec.slug = slug(rec.name);
    c.recipients.push_back(std::move(rec));
  }
  c.privacy = read_privacy(t, file);
  return c;
}

std::vector<LetterTemplate> load_letters(const std::filesystem::path& dir) {
  std::vector<LetterTemplate> out;
  auto english = dir / "letter.en.md";
  if (!std::filesystem::exists(english)) {
    throw InputError(
        fmt::format("{}: missing; the dossier needs the English letter", english.string()));
  }
  out.push_back({"en", read_text(english)});
  std::vector<std::filesystem::path> others;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (name.rfind("letter.", 0) == 0 && name.size() > 10 &&
        name.substr(name.size() - 3) == ".md" && name != "letter.en.md") {
      others.push_back(e.path());
    }
  }
  std::sort(others.begin(), others.end());
  for (const auto& p : others) {
    auto name = p.filename().string();
    out.push_back({name.substr(7, name.size() - 10), read_text(p)});
  }
  return out;
}

std::string fill_letter(const std::string& markdown, const Recipient& recipient) {
  std::string s = markdown;
  replace_all(s, "{{salutation}}", recipient.salutation);
  replace_all(s, "{{name}}", recipient.name);
  replace_all(s, "{{title}}", recipient.title);
  return s;
}

std::vector<Signatory> load_signatories(const std::filesystem::path& csv) {
  CsvReader reader(csv);
  CsvReader::Record row;
  const auto& fields = row.fields;
  if (!reader.next(row) || fields.size() < 4 || fields[0] != "name") {
    throw InputError(
        fmt::format("{}: expected the header name,role,parliament,country", csv.string()));
  }
  std::vector<Signatory> out;
  while (reader.next(row)) {
    const std::size_t line = row.line;
    if (fields.size() < 4) {
      throw InputError(fmt::format("{}: line {}: expected 4 fields, found {}", csv.string(), line,
                                   fields.size()));
    }
    Signatory s{fields[0], fields[1], fields[2], fields[3]};
    if (auto why = clean_name(s.name)) {
      throw InputError(fmt::format("{}: line {}: {}", csv.string(), line, *why));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string country_name(const std::string& code) {
  if (code.empty()) return {};
  icu::Locale locale("", code.c_str());
  icu::UnicodeString name;
  locale.getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? code : out;
}

std::string sha256_file(const std::filesystem::path& file) {
  auto hex = digest::sha256_file_hex(file);
  if (!hex) throw InputError(fmt::format("{}: cannot read it", file.string()));
  return std::move(*hex);
}

}  // namespace dossier::ingest
