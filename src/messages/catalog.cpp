#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/coll.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/uloc.h>

#include <algorithm>

#include "messages/messages.h"

namespace dossier::messages {
namespace {

namespace fs = std::filesystem;

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Every message of a catalogue file: a table with a `text` string, named by
// its dotted path ("cover.addressed_to").
void collect(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const auto* sub = node.as_table();
    if (!sub) continue;  // `language` and the like: the file's own notes
    if (const auto* text = sub->get_as<std::string>("text")) {
      out[key] = text->get();
    } else {
      collect(*sub, key, out);
    }
  }
}

std::map<std::string, std::string> read_catalogue(const fs::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw CatalogError(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                   e.source().begin.column, e.description()));
  }
  std::map<std::string, std::string> out;
  collect(table, "", out);
  return out;
}

// The file for the whole tag, else for its language subtag.
fs::path catalogue_file(const fs::path& dir, const std::string& language) {
  auto whole = dir / (language + ".toml");
  if (fs::exists(whole)) return whole;
  auto base = language.substr(0, language.find_first_of("-_"));
  auto part = dir / (base + ".toml");
  return fs::exists(part) ? part : fs::path{};
}

}  // namespace

struct Catalog::Formats {
  icu::Locale locale;
  std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> messages;
  icu::number::LocalizedNumberFormatter numbers;
  icu::number::LocalizedNumberFormatter tenths;
  std::unique_ptr<icu::Collator> collator;
};

Catalog::Catalog(const fs::path& dir, const std::string& language)
    : language_(language), formats_(std::make_unique<Formats>()) {
  const auto english_file = dir / "en.toml";
  if (!fs::exists(english_file)) {
    throw CatalogError(fmt::format("{}: the English catalogue is missing", english_file.string()));
  }
  auto texts = read_catalogue(english_file);
  std::map<std::string, fs::path> from;
  for (const auto& [key, text] : texts) from[key] = english_file;
  if (auto file = catalogue_file(dir, language); !file.empty()) {
    found_ = true;
    auto own = read_catalogue(file);
    for (const auto& [key, text] : texts) {
      if (!own.count(key)) missing_.push_back(key);
    }
    for (auto& [key, text] : own) {
      if (!texts.count(key)) {
        throw CatalogError(fmt::format(
            "{}: \"{}\" is no message of the dossier (the English catalogue has no such key)",
            file.string(), key));
      }
      texts[key] = std::move(text);
      from[key] = file;
    }
  }
  auto& f = *formats_;
  {
    // A language we speak English for formats numbers the English way too.
    UErrorCode err = U_ZERO_ERROR;
    f.locale = icu::Locale::forLanguageTag(found_ ? language : "en", err);
    if (U_FAILURE(err) || f.locale.isBogus()) f.locale = icu::Locale::getEnglish();
  }
  rtl_ = f.locale.isRightToLeft();
  for (const auto& [key, text] : texts) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError where{};
    auto format = std::make_unique<icu::MessageFormat>(unicode(text), f.locale, where, err);
    if (U_FAILURE(err)) {
      throw CatalogError(fmt::format("{}: \"{}\": ICU cannot read the message (column {}: {})",
                                     from[key].string(), key, where.offset + 1, u_errorName(err)));
    }
    f.messages.emplace(key, std::move(format));
  }
  f.numbers = icu::number::NumberFormatter::withLocale(f.locale);
  f.tenths = f.numbers.precision(icu::number::Precision::fixedFraction(1));
  UErrorCode err = U_ZERO_ERROR;
  f.collator.reset(icu::Collator::createInstance(f.locale, err));
  if (U_FAILURE(err) || !f.collator) {
    throw CatalogError(fmt::format("ICU has no collation for \"{}\"", language));
  }
}

Catalog::~Catalog() = default;

std::string Catalog::text(std::string_view key, const Args& args) const {
  auto it = formats_->messages.find(key);
  if (it == formats_->messages.end()) {
    throw CatalogError(fmt::format("no message \"{}\" in the English catalogue", key));
  }
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(unicode(name));
    if (const auto* n = std::get_if<std::int64_t>(&value)) {
      values.emplace_back(static_cast<int64_t>(*n));
    } else {
      values.emplace_back(unicode(std::get<std::string>(value)));
    }
  }
  std::lock_guard lock(mutex_);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString out;
  it->second->format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, err);
  if (U_FAILURE(err)) {
    throw CatalogError(fmt::format("message \"{}\" in {}: {}", key, language_, u_errorName(err)));
  }
  return utf8(out);
}

std::string Catalog::number(std::uint64_t n) const {
  std::lock_guard lock(mutex_);
  UErrorCode err = U_ZERO_ERROR;
  auto s = formats_->numbers.formatInt(static_cast<int64_t>(n), err).toString(err);
  return U_SUCCESS(err) ? utf8(s) : std::to_string(n);
}

std::string Catalog::share(std::uint64_t n, std::uint64_t total) const {
  // Rounded as printf rounds the binary value, so that a share reads the
  // same in every language; ICU then writes the decimal in the language.
  auto decimal = fmt::format("{:.1f}", 100.0 * static_cast<double>(n) /
                                           static_cast<double>(std::max<std::uint64_t>(total, 1)));
  // A share that would print as 0.0 % is not nothing, and says so.
  const bool below = decimal == "0.0" && n > 0;
  if (below) decimal = "0.1";
  std::string shown;
  {
    std::lock_guard lock(mutex_);
    UErrorCode err = U_ZERO_ERROR;
    auto s = formats_->tenths.formatDecimal(decimal.c_str(), err).toString(err);
    shown = U_SUCCESS(err) ? utf8(s) : decimal;
  }
  return text(below ? "summary.share_below" : "summary.share", {{"share", shown}});
}

std::string Catalog::country(const std::string& code) const {
  if (code.empty()) return {};
  icu::Locale region("", code.c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(formats_->locale, name);
  auto out = utf8(name);
  return out.empty() ? code : out;
}

std::string Catalog::date_and_time(std::int64_t local_millis) const {
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateTimeInstance(
      icu::DateFormat::kFull, icu::DateFormat::kShort, formats_->locale));
  if (!format) return {};
  // The wall-clock time is given: formatted as UTC, it stays as it is.
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  format->setTimeZone(*utc);
  icu::UnicodeString text;
  format->format(static_cast<UDate>(local_millis), text);
  return utf8(text);
}

std::string Catalog::sort_key(const std::string& text) const {
  std::lock_guard lock(mutex_);
  auto u = unicode(text);
  int32_t size = formats_->collator->getSortKey(u, nullptr, 0);
  std::string key(static_cast<std::size_t>(size), '\0');
  formats_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), size);
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

const Catalog& Catalogs::of(const std::string& language) {
  std::lock_guard lock(mutex_);
  auto& slot = loaded_[language];
  if (!slot) slot = std::make_unique<Catalog>(dir_, language);
  return *slot;
}

std::vector<std::string> shipped_languages(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".toml") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace dossier::messages
