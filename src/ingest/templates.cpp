// The dossier's own inputs: configuration, letter templates,
// parliamentarians; and slugs.
#include <fmt/format.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "config/config.h"
#include "files/files.h"
#include "ingest/csv_reader.h"
#include "ingest/ingest.h"
#include "ingest/privacy_config.h"
#include "iso8601/iso8601.h"

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

// The day of a moment as `language` writes a date in full ("9 December
// 2022", "9. Dezember 2022", "9 декабря 2022 г."), in the moment's own
// offset.
std::string long_date(const iso8601::Moment& moment, const std::string& language) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu::Locale(language.c_str())));
  if (!format) return {};
  const auto local = moment.utc + moment.offset;
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  format->setTimeZone(*utc);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(local.time_since_epoch());
  icu::UnicodeString text;
  format->format(static_cast<UDate>(millis.count()), text);
  std::string out;
  text.toUTF8String(out);
  (void)err;
  return out;
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

// [seal]: file names are relative to dossier.toml's folder.
void read_seal(const config::Section& root, Config& c) {
  const auto seal = root.table("seal");
  const auto folder = std::filesystem::path(root.file()).parent_path();
  if (seal.has("key") && !seal.text("key").empty()) c.seal.key = folder / seal.text("key");
  c.seal.tsa = seal.text("tsa");
  for (const auto& f : seal.texts("chain")) c.seal.chain.push_back(folder / f);
  for (const auto& f : seal.texts("validation_data")) c.seal.validation_data.push_back(folder / f);
  c.seal.reason = seal.text("reason");
  c.seal.location = seal.text("location");
  c.seal.contact_info = seal.text("contact_info");
}

// letter.logo (relative to dossier.toml's folder), decoded, and its width.
void read_logo(const config::Section& root, const config::Section& letter, Config& c) {
  const auto path = std::filesystem::path(root.file()).parent_path() / letter.text("logo");
  auto bytes = files::read_all(path);
  if (!bytes) {
    throw InputError(
        fmt::format("{}: letter.logo {} cannot be read", letter.where("logo"), path.string()));
  }
  try {
    c.letter.logo = std::make_shared<const picture::Picture>(picture::decode(*bytes));
  } catch (const picture::PictureError& e) {
    throw InputError(
        fmt::format("{}: letter.logo {} is {}", letter.where("logo"), path.string(), e.what()));
  }
  auto width = parse_length(letter.text("logo_width"));
  if (!width || *width <= 0) {
    throw InputError(fmt::format("{}: letter.logo_width is \"{}\"; give a length such as \"40mm\"",
                                 letter.where("logo_width"), letter.text("logo_width")));
  }
  c.letter.logo_width = *width;
}

void read_handover_and_letter(const config::Section& root, Config& c) {
  const auto handover = root.table("handover");
  c.handover.place = handover.text("place");
  c.handover.datetime = handover.text("datetime");
  c.handover.display = handover.text("display");
  const auto letter = root.table("letter");
  c.letter.place = letter.localised("place");
  c.letter.date = letter.localised("date");
  c.letter.sender = letter.localised("sender");
  if (letter.has("logo")) read_logo(root, letter, c);
}

void read_layout(const config::Section& root, Config& c) {
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
}

void read_recipients(const config::Section& root, Config& c) {
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
    rec.salutation = r.localised("salutation");
    if (!rec.salutation.count("") && c.language == "en") {
      rec.salutation[""] = "Dear " + rec.name + ",";
    }
    rec.languages = r.texts("languages");
    rec.slug = slug(rec.name);
    c.recipients.push_back(std::move(rec));
  }
}

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
  read_seal(root, c);
  c.keywords = root.texts("keywords");
  read_handover_and_letter(root, c);
  read_layout(root, c);
  read_recipients(root, c);
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

LetterTemplate read_letter(const std::string& language, const std::filesystem::path& file) {
  auto markdown = read_text(file);
  check_placeholders(markdown, file);
  auto document = read_letter_document(markdown, file);
  return {language, std::move(markdown), file, std::move(document)};
}

}  // namespace

std::vector<LetterTemplate> load_letters(const std::filesystem::path& dir,
                                         const std::string& language) {
  std::vector<LetterTemplate> out;
  const auto own_name = "letter." + language + ".md";
  const auto own = dir / own_name;
  if (!std::filesystem::exists(own)) {
    throw InputError(fmt::format(
        "{}: missing; the dossier's language is {} (dossier.toml's language), and its letter "
        "is the one every volume has",
        own.string(), language));
  }
  out.push_back(read_letter(language, own));
  std::vector<std::filesystem::path> others;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (name.rfind("letter.", 0) == 0 && name.size() > 10 &&
        name.substr(name.size() - 3) == ".md" && name != own_name) {
      others.push_back(e.path());
    }
  }
  std::sort(others.begin(), others.end());
  for (const auto& p : others) {
    auto name = p.filename().string();
    out.push_back(read_letter(name.substr(7, name.size() - 10), p));
  }
  return out;
}

std::optional<std::string> for_language(const ByLanguage& values, const std::string& language,
                                        const std::string& dossier_language) {
  if (auto it = values.find(language); it != values.end()) return it->second;
  const auto base = language.substr(0, language.find('-'));
  if (auto it = values.find(base); it != values.end()) return it->second;
  if (language == dossier_language) {
    if (auto it = values.find(""); it != values.end()) return it->second;
  }
  return std::nullopt;
}

std::vector<LetterTemplate> letters_for(const Recipient& recipient,
                                        const std::vector<LetterTemplate>& letters) {
  if (recipient.languages.empty()) return letters;
  std::vector<LetterTemplate> out;
  for (const auto& language : recipient.languages) {
    auto it = std::find_if(letters.begin(), letters.end(),
                           [&](const LetterTemplate& l) { return l.language == language; });
    if (it == letters.end()) {
      throw InputError(fmt::format("recipient {}: languages names {}, and there is no letter.{}.md",
                                   recipient.name, language, language));
    }
    out.push_back(*it);
  }
  return out;
}

std::string fill_letter(const LetterTemplate& letter, const Recipient& recipient,
                        const Config& config) {
  std::string s = letter.markdown;
  if (s.find("{{salutation}}") != std::string::npos) {
    const auto salutation = for_language(recipient.salutation, letter.language, config.language);
    if (!salutation) {
      std::string given;
      for (const auto& [language, text] : recipient.salutation) {
        given += (given.empty() ? "" : ", ") + (language.empty() ? config.language : language);
      }
      throw InputError(fmt::format(
          "recipient {} gets the letter in {} (letter.{}.md) and has no salutation in {} "
          "(salutation given in: {}); write salutation = {{ {} = \"…\", {} = \"…\" }}",
          recipient.name, letter.language, letter.language, letter.language,
          given.empty() ? "none" : given, config.language, letter.language));
    }
    replace_all(s, "{{salutation}}", *salutation);
  }
  replace_all(s, "{{name}}", recipient.name);
  replace_all(s, "{{title}}", recipient.title);
  return s;
}

void check_letters(const Config& config, const std::vector<LetterTemplate>& letters) {
  for (const auto& recipient : config.recipients) {
    for (const auto& letter : letters_for(recipient, letters))
      fill_letter(letter, recipient, config);
  }
}

Letterhead letterhead(const Config& config, const std::string& language) {
  auto given = [&](const ByLanguage& values) {
    if (auto v = for_language(values, language, config.language)) return *v;
    auto plain = values.find("");
    return plain != values.end() ? plain->second : std::string();
  };
  Letterhead head{given(config.letter.place), {}, given(config.letter.sender)};
  if (auto date = for_language(config.letter.date, language, config.language)) {
    head.date = *date;
  } else if (auto moment = iso8601::parse(config.handover.datetime)) {
    head.date = long_date(*moment, language);
  } else {
    head.date = given(config.letter.date);
  }
  return head;
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

}  // namespace dossier::ingest
