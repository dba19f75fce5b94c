// The configuration stage: the one declaration of each TOML file's shape
// (every section and key, its type, allowed values, default and help), the
// strict reader that holds a file to it, and the reference written from it
// (docs/configuration.md). A key the declaration does not know, or a value
// of the wrong type, is an error naming the file, line and column: a
// silently ignored key in dossier.toml can be a privacy rule that never
// applied. This header is the stage's whole public surface.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "errors/error.h"

namespace dossier::config {

// A configuration file that does not follow its declaration, or cannot be
// parsed. The message says where (file, line, column) and what to change.
using ConfigError = StageError<ErrorKind::bad_input, struct ConfigErrorTag>;

// What a key holds.
enum class Kind {
  Text,
  Integer,
  Boolean,
  TextList,   // ["a", "b"]
  Table,      // [section] or { inline = "table" }
  TableList,  // [[section]]
  // A text, or a table of texts by language: "Dear Mr Shved," or
  // { en = "Dear Mr Shved,", ru = "Уважаемый господин Швед!" }.
  Localised,
};

struct Key;

// Why a name chosen by the user (a country code, an edition's name) is
// not acceptable as a key; nullopt when it is.
using NameCheck = std::function<std::optional<std::string>(std::string_view name)>;

// The keys one table may have. `named` describes tables whose keys the user
// chooses ([editions.NAME], by_country's country codes): every key not in
// `keys` must then pass `name_check` and follow `named`.
struct Table {
  std::vector<Key> keys;
  std::shared_ptr<const Key> named;
  NameCheck name_check;
};

using Value = std::variant<std::monostate, std::string, std::int64_t, bool>;

struct Key {
  std::string name;  // for Table::named: how the reference shows the user's name ("NAME")
  Kind kind = Kind::Text;
  std::string help;                  // one line for the reference
  Value default_value;               // what an absent key means; monostate: nothing
  std::vector<std::string> choices;  // the texts allowed (empty: any)
  std::optional<std::pair<std::int64_t, std::int64_t>> range;  // integers: inclusive
  bool required = false;
  std::shared_ptr<const Table> table;  // Kind::Table and Kind::TableList
  // What the reference shows as the default when it is not the value
  // itself ("the edition's name under output/").
  std::string default_note;
};

// A file's whole declaration: the root table, and what the reference says
// about the file.
struct Declaration {
  std::string file;     // "templates/dossier.toml"
  std::string summary;  // a paragraph for the reference
  Table root;
};

// dossier.toml: the dossier, its recipients, layout, privacy and editions.
const Declaration& dossier_toml();
// fonts/fonts.toml: fallback lists per role, CJK faces.
const Declaration& fonts_toml();

// Whether `code` is an ISO 3166-1 alpha-2 code of a country or territory
// (upper case), as ICU lists them.
bool is_country_code(std::string_view code);

// The closest of `candidates` to `word` when it is close enough to be a
// slip of the keyboard (a letter missing, added, swapped or wrong), else
// nullopt.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// A parsed file that follows its declaration: read values through it, and
// an absent key gives the declared default.
class Section {
 public:
  Section(const toml::table* table, const Table* shape, std::string path, std::string file);

  // The value at `key`, or its declared default ("" / 0 / false when it has
  // none). Asking for a key the declaration does not have is a bug
  // (std::logic_error): every key read is a declared key.
  std::string text(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::vector<std::string> texts(std::string_view key) const;
  bool has(std::string_view key) const;
  // The declared keys this table has, in the declaration's order.
  std::vector<std::string> keys() const;

  // A sub-table; absent, an empty one with its declared shape.
  Section table(std::string_view key) const;
  // Each table of a [[list]], in file order.
  std::vector<Section> tables(std::string_view key) const;
  // This table's user-named entries (Table::named), in name order.
  std::vector<std::pair<std::string, Section>> named_tables() const;
  std::vector<std::pair<std::string, std::string>> named_texts() const;
  // A Kind::Localised value by language (BCP 47, as written); a plain text
  // is under "". Absent: its default under "", or nothing.
  std::map<std::string, std::string> localised(std::string_view key) const;

  // "layout.columns": the key's full name, for messages.
  std::string path_of(std::string_view key) const;
  // "templates/dossier.toml, line 33, column 11": where the key's value is
  // (or the table, when the key is absent), for messages about its value.
  std::string where(std::string_view key) const;
  const std::string& file() const { return file_; }

 private:
  const Key& declared(std::string_view key) const;
  const toml::node* node(std::string_view key) const;

  const toml::table* table_;  // null: the table is absent
  const Table* shape_;
  std::string path_;
  std::string file_;
};

// A configuration file, parsed and held to its declaration.
class Document {
 public:
  // Throws ConfigError: a syntax error, an unknown section or key (with
  // the nearest known one), a value of the wrong type, a text that is not
  // one of its choices, an integer out of range, a required key missing.
  static Document load(const std::filesystem::path& file, const Declaration& declaration);
  // The same for TOML text already in memory; `file` names it in messages.
  static Document parse(std::string_view toml, const std::string& file,
                        const Declaration& declaration);

  Section root() const;

 private:
  Document(toml::table table, const Declaration* declaration, std::string file);
  // Heap-held so that Sections stay valid when the Document moves.
  std::unique_ptr<toml::table> table_;
  const Declaration* declaration_;
  std::string file_;
};

// The reference of one or more files in Markdown (docs/configuration.md):
// each section with its keys, types, defaults, allowed values and help.
std::string reference(const std::vector<const Declaration*>& declarations);

}  // namespace dossier::config
