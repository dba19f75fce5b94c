// The messages stage: every word the dossier prints of its own (cover,
// headings, footers, bookmarks, the summary, document properties) in the
// dossier's language, from one catalogue per language in
// templates/messages/<language>.toml, written in ICU MessageFormat so that
// counts follow the language's plural rules (CLDR, through ICU). Numbers
// and country names come from ICU's locale data. A key a catalogue lacks
// is said in English. This header is the stage's whole public surface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "errors/error.h"

namespace dossier::messages {

// A catalogue that cannot be read, or a message in it that ICU cannot
// parse: the message names the file, the key and what is wrong.
using CatalogError = StageError<ErrorKind::bad_input, struct CatalogErrorTag>;

// A message's argument: a count (plural rules and number format apply) or
// a text (a name, a place).
using Value = std::variant<std::int64_t, std::string>;
using Args = std::vector<std::pair<std::string_view, Value>>;

class Catalog {
 public:
  // The catalogue of `language` (BCP 47, e.g. "de", "pt-BR": the file for
  // the whole tag, else for its language) over the English one, both read
  // from `dir`. A language without a file speaks English: found() says so.
  Catalog(const std::filesystem::path& dir, const std::string& language);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  const std::string& language() const { return language_; }
  // Whether `language` has a catalogue of its own.
  bool found() const { return found_; }
  // Keys of the English catalogue this language's lacks (said in English).
  const std::vector<std::string>& missing_keys() const { return missing_; }
  // Whether the language is written right to left.
  bool right_to_left() const { return rtl_; }

  // The message `key` with its arguments. Throws CatalogError for a key
  // that not even the English catalogue has (a programming error).
  std::string text(std::string_view key, const Args& args = {}) const;
  // A count as the language writes it (grouping, digits).
  std::string number(std::uint64_t n) const;
  // A share of a whole, as a percentage with one decimal ("20.8 %").
  std::string share(std::uint64_t n, std::uint64_t total) const;
  // A country's name in the language, from its ISO 3166-1 alpha-2 code;
  // the code itself where ICU has no name.
  std::string country(const std::string& code) const;
  // A moment as the language writes a date with its time ("Freitag,
  // 9. Dezember 2022, 09:30"), given as milliseconds since 1970 of the
  // wall-clock time where it happens.
  std::string date_and_time(std::int64_t local_millis) const;
  // A sort key for `text` under the language's collation.
  std::string sort_key(const std::string& text) const;

 private:
  struct Formats;
  std::string language_;
  bool found_ = false;
  bool rtl_ = false;
  std::vector<std::string> missing_;
  std::unique_ptr<Formats> formats_;
  // ICU's formatters are not safe to share between threads; the volumes
  // are laid out in parallel.
  mutable std::mutex mutex_;
};

// The catalogues a build speaks: the dossier's, and each letter's own for
// the line under it. Loaded when first asked for.
class Catalogs {
 public:
  explicit Catalogs(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const Catalog& of(const std::string& language);

 private:
  std::filesystem::path dir_;
  std::map<std::string, std::unique_ptr<Catalog>> loaded_;
  std::mutex mutex_;
};

// The languages with a catalogue in `dir`, sorted.
std::vector<std::string> shipped_languages(const std::filesystem::path& dir);

}  // namespace dossier::messages
