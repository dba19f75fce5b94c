// The shape of every TOML file the project reads. The readers (ingest's
// load_config, text's FontManifest::load) take their values and defaults
// from here, and docs/configuration.md is written from here: a key added
// to a file is added here first.
#include <algorithm>

#include "config/config.h"

namespace dossier::config {
namespace {

// A key of `kind` without a default; the makers below add what their kind
// has.
Key key(std::string name, Kind kind, std::string help) {
  Key k;
  k.name = std::move(name);
  k.kind = kind;
  k.help = std::move(help);
  return k;
}

Key text(std::string name, std::string help, std::string default_value = {}) {
  auto k = key(std::move(name), Kind::Text, std::move(help));
  if (!default_value.empty()) k.default_value = std::move(default_value);
  return k;
}

Key choice(std::string name, std::string help, std::vector<std::string> choices,
           std::string default_value = {}) {
  auto k = text(std::move(name), std::move(help), std::move(default_value));
  k.choices = std::move(choices);
  return k;
}

Key integer(std::string name, std::string help, std::int64_t default_value, std::int64_t min,
            std::int64_t max) {
  auto k = key(std::move(name), Kind::Integer, std::move(help));
  k.default_value = default_value;
  k.range = std::pair(min, max);
  return k;
}

Key boolean(std::string name, std::string help, bool default_value) {
  auto k = key(std::move(name), Kind::Boolean, std::move(help));
  k.default_value = default_value;
  return k;
}

Key localised(std::string name, std::string help) {
  return key(std::move(name), Kind::Localised, std::move(help));
}

Key texts(std::string name, std::string help) {
  return key(std::move(name), Kind::TextList, std::move(help));
}

Key table(std::string name, std::string help, Table shape, Kind kind = Kind::Table) {
  auto k = key(std::move(name), kind, std::move(help));
  k.table = std::make_shared<const Table>(std::move(shape));
  return k;
}

Key required(Key k) {
  k.required = true;
  return k;
}

Key noted(Key k, std::string note) {
  k.default_note = std::move(note);
  return k;
}

// A table whose keys the user names: each follows `entry`, and `check`
// says whether a name is acceptable.
Table named(Key entry, NameCheck check = {}) {
  Table t;
  t.named = std::make_shared<const Key>(std::move(entry));
  t.name_check = std::move(check);
  return t;
}

const std::vector<std::string>& levels() {
  static const std::vector<std::string> names{"full", "no-city", "initials", "withheld",
                                              "withheld-all"};
  return names;
}

std::optional<std::string> country_code(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  if (is_country_code(upper)) return std::nullopt;
  return "not an ISO 3166-1 country code (two letters, such as BY or DE)";
}

std::optional<std::string> edition_name(std::string_view name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
  if (plain) return std::nullopt;
  return "an edition's name is letters, digits, '-' and '_' (it names a folder)";
}

// `default` and `by_country`, as [privacy] and each edition have them.
std::vector<Key> privacy_rules(const std::string& whose, std::string default_level) {
  auto by_country = table(
      "by_country",
      "a level per signer's country (ISO 3166-1 code), stricter or not than "
      "the default: { BY = \"initials\", RU = \"no-city\" }",
      named(choice("COUNTRY", "the level for signers from that country", levels()), country_code));
  return {
      choice("default", "the level of every signer " + whose, levels(), std::move(default_level)),
      std::move(by_country)};
}

Table handover_table() {
  Table handover;
  handover.keys = {text("place", "where the dossier is handed over, printed on the cover"),
                   text("datetime", "when, as ISO 8601 (for machines)"),
                   text("display", "when, as printed on the cover")};
  return handover;
}

Table letter_table() {
  Table letter;
  letter.keys = {
      localised("place", "the place printed above the letter, per language"),
      noted(localised("date", "the date printed above the letter, as written, per language"),
            "the handover's date, written as the letter's language writes dates (ICU)"),
      localised("sender", "who sends the letter, per language"),
      text("logo",
           "a PNG or JPEG (relative to this file's folder) set at the top of each letter's first "
           "page"),
      text("logo_width", "the logo's width: a length in mm, cm, pt or in", "40mm")};
  return letter;
}

Table layout_table() {
  Table layout;
  layout.keys = {
      choice("page_size", "the paper", {"A4", "Letter"}, "A4"),
      boolean("duplex", "printed on both sides: sections start on a right-hand page", false),
      integer("columns", "signature columns per page", 3, 1, 6),
      choice("sort", "the signatures' order: of signing, or by country then name (ICU collation)",
             {"signing", "country"}, "signing"),
      integer("part_pages", "a longer volume is cut into parts of at most this many pages", 1000,
              10, 100000),
      text("binding_correction",
           "what binding takes off the inner edge of each page: a length in mm, cm, pt or in, "
           "at most 15 mm",
           "12mm")};
  return layout;
}

Table limits_table() {
  Table limits;
  limits.keys = {integer("name", "the longest name accepted, in characters (grapheme clusters)",
                         256, 1, 100000),
                 integer("city", "the longest city accepted, in characters (grapheme clusters)",
                         128, 1, 100000)};
  return limits;
}

Table pdf_table() {
  Table pdf;
  pdf.keys = {boolean("tagged",
                      "a structure tree for screen readers (PDF/UA-1, PDF/A-2a); false: untagged "
                      "(PDF/A-2u)",
                      true)};
  return pdf;
}

Table seal_table() {
  Table seal;
  seal.keys = {
      text("key",
           "the PKCS#12 file (relative to this file's folder) that seals the editions with "
           "seal = true; --seal-key and --key take precedence"),
      text("tsa", "the RFC 3161 timestamping authority's URL (PAdES B-T); --tsa takes precedence"),
      texts("chain", "PEM files of issuer certificates to embed with the key's"),
      texts("validation_data",
            "certificate, CRL and OCSP response files for the /DSS (PAdES B-LT; needs tsa)"),
      text("reason", "why the copies are sealed: the signature's /Reason, shown by readers"),
      text("location", "where they are sealed: the signature's /Location"),
      text("contact_info", "how to reach whoever sealed them: the signature's /ContactInfo")};
  return seal;
}

Table privacy_table() {
  Table privacy;
  privacy.keys = privacy_rules("unless a rule by country or the signer says more strictly", "full");
  privacy.keys.push_back(text("withheld",
                              "the text printed for a withheld name (default: \"Name withheld\" "
                              "in the dossier's language)"));
  return privacy;
}

Table edition_table() {
  Table edition;
  edition.keys = {
      noted(text("output", "the folder its files go to when --out is not given"),
            "\"output\" for handover, \"output/NAME\" otherwise"),
  };
  for (auto& k : privacy_rules("in this edition, on top of [privacy]", "full")) {
    edition.keys.push_back(std::move(k));
  }
  edition.keys.push_back(boolean(
      "base_rules",
      "false: the [privacy] rules do not apply (the campaign's own archive; never hand it over)",
      true));
  edition.keys.push_back(
      boolean("attach_source",
              "embed each volume's accepted signatures as a CSV (PDF/A-3), as --attach-source does",
              false));
  edition.keys.push_back(boolean(
      "seal",
      "seal the volumes as the build's last step with [seal] key (or --seal-key); without a "
      "key the build says it is unsealed",
      false));
  return edition;
}

Table recipient_table() {
  Table recipient;
  recipient.keys = {
      required(text("name", "the recipient's name (Latin script)")),
      text("name_cyrillic", "the name as commonly written in Cyrillic, printed on the cover"),
      text("title", "printed under the name in the address; empty: the name alone"),
      noted(localised("salutation",
                      "fills {{salutation}} in the letter, per language: a letter in a language "
                      "without one stops the build"),
            "\"Dear NAME,\" in the dossier's language"),
      texts("languages",
            "the letters in this recipient's volume, in order (default: the dossier's "
            "language, then the others by file name)")};
  return recipient;
}

Declaration make_dossier_toml() {
  Declaration d;
  d.file = "templates/dossier.toml";
  d.summary =
      "The dossier: its title and language, where it is handed over, the letter's place and "
      "sender, the page layout, the signers' privacy, the editions and the recipients (one "
      "volume each).";

  d.root.keys = {
      required(text("title", "the dossier's title: cover, running head, PDF properties")),
      text("subtitle", "printed under the title on the cover"),
      text("campaign", "who runs the campaign, printed on the cover"),
      text("author", "the PDF's author"),
      texts("keywords", "the PDF's keywords"),
      text("language",
           "the dossier's language (ISO 639-1 or BCP 47): its own words (templates/messages/), "
           "numbers, country names and the \"Name withheld\" line; build --language overrides it",
           "en"),
      text("date",
           "the PDFs' creation date, ISO 8601 (reproducible builds); empty: SOURCE_DATE_EPOCH"),
      table("handover", "where and when the dossier is handed over", handover_table()),
      table("letter", "place, date and sender printed with the letter", letter_table()),
      table("layout", "page geometry and how the signatures are listed", layout_table()),
      table("limits", "the longest fields accepted; a longer one is a reject with its line",
            limits_table()),
      table("pdf", "how the PDFs are written", pdf_table()),
      table("seal",
            "what a seal says (dossier seal, build --seal-key); the key and its password are "
            "given on the command line, never here",
            seal_table()),
      table("privacy",
            "how much of each signature is printed: full, no-city, initials, withheld, "
            "withheld-all (the strictest of the signer's answer, these rules and the edition's "
            "wins)",
            privacy_table()),
      table("editions",
            "sets of files with their own privacy rules and folder: `dossier build --edition "
            "NAME`",
            named(table("NAME", "one edition", edition_table()), edition_name)),
      required(table("recipients", "the recipients, one volume each, in this order",
                     recipient_table(), Kind::TableList)),
  };
  return d;
}

Declaration make_fonts_toml() {
  Declaration d;
  d.file = "fonts/fonts.toml";
  d.summary =
      "The fonts of each role in fallback order, resolved against the search folders, and the "
      "face of Noto CJK for each region. A font is a file name, `file.ttc#N` for face N of a "
      "collection.";

  Table roles;
  roles.keys = {
      required(texts("serif", "names, the letter's text")),
      required(texts("sans", "places, headings, running heads, labels")),
      texts("serif-bold", "the letter's headings and bold"),
      texts("serif-italic", "the letter's emphasis"),
      texts("mono", "the letter's code, in a monospaced face (absent: sans)"),
  };

  const std::vector<std::pair<std::string, std::string>> written_for{{"JP", "Japanese"},
                                                                     {"KR", "Korean"},
                                                                     {"SC", "Simplified Chinese"},
                                                                     {"TC", "Traditional Chinese"},
                                                                     {"HK", "Hong Kong"}};
  std::vector<std::string> variants;
  Table faces_of_role;
  for (const auto& [v, language] : written_for) {
    variants.push_back(v);
    faces_of_role.keys.push_back(text(v, "the face for " + language));
  }
  Table faces;
  for (const auto& role : {"serif", "sans", "serif-bold", "serif-italic", "mono"}) {
    faces.keys.push_back(
        table(role, std::string("the CJK faces of the role ") + role, faces_of_role));
  }
  Table cjk;
  cjk.keys = {
      choice("default", "the variant for Han text whose region nothing tells", variants, "SC"),
      table("regions", "a variant per signer's country: { TW = \"TC\" }",
            named(choice("COUNTRY", "the variant for that country", variants), country_code)),
      table("faces", "per role, the face of each variant", std::move(faces)),
  };

  d.root.keys = {
      texts("search",
            "folders the font files are looked up in, in order (relative to this file's "
            "folder); the file's own folder is searched last"),
      boolean("installed_fallback",
              "after a role's list, try every other installed font in a fixed order", true),
      required(table("roles", "the fonts of each role, in fallback order", std::move(roles))),
      table("cjk", "which face of Noto CJK sets Han, kana and Hangul", std::move(cjk)),
  };
  return d;
}

}  // namespace

const Declaration& dossier_toml() {
  static const Declaration d = make_dossier_toml();
  return d;
}

const Declaration& fonts_toml() {
  static const Declaration d = make_fonts_toml();
  return d;
}

}  // namespace dossier::config
