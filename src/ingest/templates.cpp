// The dossier's own inputs: configuration, letter templates,
// parliamentarians; and small services (slugs, country names, hashes).
#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "config/config.h"
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

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// layout.binding_correction: a length with its unit.
double binding_correction(const config::Section& layout) {
  auto text = layout.text("binding_correction");
  auto points = parse_length(text);
  // The text block keeps its width, so the outer margin of a left-hand
  // page gives way by the whole correction: beyond 15 mm it would come
  // closer to the edge than a printer prints.
  if (!points || *points > 15 * 72 / 25.4 + 1e-9) {
    throw InputError(fmt::format(
        "{}: {} is \"{}\"; give a length of at most 15 mm such as "
        "\"12mm\" (units mm, cm, pt or in)",
        layout.where("binding_correction"), layout.path_of("binding_correction"), text));
  }
  return *points;
}

bool same_letters(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
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

namespace {

// The values of dossier.toml, already held to its declaration (types,
// choices, ranges): what is left is what the declaration cannot say.
Config read_config(const config::Section& root) {
  Config c;
  c.title = root.text("title");
  c.subtitle = root.text("subtitle");
  c.campaign = root.text("campaign");
  c.author = root.text("author");
  c.date = root.text("date");
  c.language = root.text("language");
  c.tagged = root.table("pdf").boolean("tagged");
  c.keywords = root.texts("keywords");
  const auto handover = root.table("handover");
  c.handover.place = handover.text("place");
  c.handover.datetime = handover.text("datetime");
  c.handover.display = handover.text("display");
  const auto letter = root.table("letter");
  c.letter.place = letter.text("place");
  c.letter.date = letter.text("date");
  c.letter.sender = letter.text("sender");

  const auto layout = root.table("layout");
  c.page_size = same_letters(layout.text("page_size"), "Letter") ? PageSize::Letter : PageSize::A4;
  c.duplex = layout.boolean("duplex");
  c.columns = static_cast<int>(layout.integer("columns"));
  c.sort = same_letters(layout.text("sort"), "country") ? SortOrder::Country : SortOrder::Signing;
  c.part_pages = static_cast<int>(layout.integer("part_pages"));
  c.binding_correction = binding_correction(layout);
  const auto limits = root.table("limits");
  c.max_name = static_cast<std::size_t>(limits.integer("name"));
  c.max_city = static_cast<std::size_t>(limits.integer("city"));

  const auto recipients = root.tables("recipients");
  if (recipients.empty()) {
    throw InputError(
        fmt::format("{}: no [[recipients]]; the dossier needs at least one", root.file()));
  }
  for (const auto& r : recipients) {
    Recipient rec;
    rec.name = r.text("name");
    rec.name_cyrillic = r.text("name_cyrillic");
    rec.title = r.text("title");
    rec.salutation = r.text("salutation");
    if (rec.salutation.empty()) rec.salutation = "Dear " + rec.name + ",";
    rec.slug = slug(rec.name);
    c.recipients.push_back(std::move(rec));
  }
  c.privacy = read_privacy(root);
  return c;
}

}  // namespace

Config load_config(const std::filesystem::path& toml_file) {
  try {
    auto document = config::Document::load(toml_file, config::dossier_toml());
    return read_config(document.root());
  } catch (const config::ConfigError& e) {
    throw InputError(e.what());
  }
}

namespace {

// What fill_letter replaces. A letter that names anything else would be
// sent with the literal "{{salutaton}}" in it.
const std::vector<std::string>& placeholders() {
  static const std::vector<std::string> names{"salutation", "name", "title"};
  return names;
}

// Throws InputError at the first {{...}} that is not a placeholder, or
// that is not closed on its line.
void check_placeholders(const std::string& markdown, const std::filesystem::path& file) {
  const auto& known = placeholders();
  for (auto open = markdown.find("{{"); open != std::string::npos;
       open = markdown.find("{{", open + 2)) {
    const auto line_end = std::min(markdown.find('\n', open), markdown.size());
    const auto close = markdown.find("}}", open + 2);
    const bool closed = close != std::string::npos && close < line_end;
    const auto inside = markdown.substr(open + 2, (closed ? close : line_end) - open - 2);
    if (closed && std::find(known.begin(), known.end(), inside) != known.end()) continue;

    const auto line =
        1 + std::count(markdown.begin(), markdown.begin() + static_cast<long>(open), '\n');
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + ("{{" + k + "}}");
    auto trimmed = inside;
    trimmed.erase(0, trimmed.find_first_not_of(' '));
    trimmed.erase(trimmed.find_last_not_of(' ') + 1);
    auto near = config::nearest(trimmed, known);
    throw InputError(
        fmt::format("{}, line {}: \"{}\" is not a placeholder{} (the placeholders are {})",
                    file.string(), line, "{{" + inside + (closed ? "}}" : ""),
                    near ? "; did you mean {{" + *near + "}}?" : "", list));
  }
}

std::string read_letter(const std::filesystem::path& file) {
  auto markdown = read_text(file);
  check_placeholders(markdown, file);
  return markdown;
}

}  // namespace

std::vector<LetterTemplate> load_letters(const std::filesystem::path& dir) {
  std::vector<LetterTemplate> out;
  auto english = dir / "letter.en.md";
  if (!std::filesystem::exists(english)) {
    throw InputError(
        fmt::format("{}: missing; the dossier needs the English letter", english.string()));
  }
  out.push_back({"en", read_letter(english)});
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
    out.push_back({name.substr(7, name.size() - 10), read_letter(p)});
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
    // A code no country has would be a heading of its own in every volume
    // and one more country on the cover.
    if (!config::is_country_code(s.country)) {
      throw InputError(fmt::format(
          "{}: line {}: country \"{}\" is not an ISO 3166-1 code (two capital letters, such as "
          "DE or IE)",
          csv.string(), line, s.country));
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
