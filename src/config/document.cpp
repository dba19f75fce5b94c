// The strict reader: a parsed TOML file held to its declaration, and the
// values read through it with their declared defaults.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "config/config.h"

namespace dossier::config {
namespace {

std::string at(const std::string& file, const toml::source_position& p) {
  if (!p) return file;
  return fmt::format("{}, line {}, column {}", file, p.line, p.column);
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string expected(const Key& key) {
  switch (key.kind) {
    case Kind::Text:
      return "a text in quotes";
    case Kind::Integer:
      return "a whole number";
    case Kind::Boolean:
      return "true or false";
    case Kind::TextList:
      return "a list of texts such as [\"a\", \"b\"]";
    case Kind::Table:
      return "a table";
    case Kind::TableList:
      return "a list of tables ([[...]] sections)";
    case Kind::Localised:
      return "a text in quotes, or a table of texts by language such as { en = \"…\", ru = \"…\" }";
  }
  return "?";
}

// A language tag as BCP 47 writes them: "en", "zh-Hans", "pt-BR".
bool is_language_tag(std::string_view tag) {
  static const std::regex pattern("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  return std::regex_match(tag.begin(), tag.end(), pattern);
}

// What was found instead, as a person would describe it.
std::string found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("the text \"{}\"", *node.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("the number {}", *node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("the number {}", *node.value<double>());
    case toml::node_type::boolean:
      return *node.value<bool>() ? "true" : "false";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time (a date is written in quotes here)";
    case toml::node_type::array:
      return node.as_array()->is_array_of_tables() ? "a list of tables" : "a list";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto low = [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
           return low(x) == low(y);
         });
}

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", items[i]);
  }
  return out;
}

const Key* find_key(const Table& shape, std::string_view name) {
  for (const auto& k : shape.keys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

class Checker {
 public:
  explicit Checker(const std::string& file) : file_(file) {}

  void table(const toml::table& t, const Table& shape, const std::string& path) {
    // In the order of the file, so that the first mistake is reported first
    // (toml++ keeps a table's keys in name order).
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, node] : t) entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto &pa = a.first->source().begin, &pb = b.first->source().begin;
      return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
    });
    for (const auto& [key_ptr, node_ptr] : entries) {
      const auto& key = *key_ptr;
      const auto& node = *node_ptr;
      const std::string name(key.str());
      const Key* k = find_key(shape, name);
      if (!k && shape.named) {
        if (shape.name_check) {
          if (auto why = shape.name_check(name)) {
            fail(key.source().begin, fmt::format("{}: {}", join(path, name), *why));
          }
        }
        k = shape.named.get();
      }
      if (!k) unknown(key, node, shape, path);
      value(node, *k, join(path, name), key.source().begin);
    }
    for (const auto& k : shape.keys) {
      if (k.required && !t.contains(k.name)) {
        fail(t.source().begin,
             fmt::format("{} is missing; it is required ({})", join(path, k.name), k.help));
      }
    }
  }

 private:
  [[noreturn]] void fail(const toml::source_position& p, const std::string& message) const {
    throw ConfigError(fmt::format("{}: {}", at(file_, p), message));
  }

  [[noreturn]] void unknown(const toml::key& key, const toml::node& node, const Table& shape,
                            const std::string& path) const {
    std::vector<std::string> known;
    for (const auto& k : shape.keys) known.push_back(k.name);
    const std::string name(key.str());
    const bool section = node.is_table() && !node.as_table()->is_inline();
    std::string message;
    if (section) {
      auto full = join(path, name);
      message = fmt::format("[{}]: no such section", full);
      if (auto n = nearest(name, known))
        message += fmt::format("; did you mean [{}]?", join(path, *n));
    } else {
      message = path.empty() ? fmt::format("{}: no such key", name)
                             : fmt::format("{}: no such key in [{}]", name, path);
      if (auto n = nearest(name, known)) message += fmt::format("; did you mean {}?", *n);
    }
    if (!message.ends_with('?') && !known.empty()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      message += fmt::format(" (known here: {})", list);
    }
    fail(key.source().begin, message);
  }

  void value(const toml::node& node, const Key& key, const std::string& path,
             const toml::source_position& key_at) {
    const auto& p = node.source().begin ? node.source().begin : key_at;
    switch (key.kind) {
      case Kind::Text: {
        auto s = node.value<std::string>();
        if (!node.is_string() || !s) wrong(node, key, path, p);
        if (!key.choices.empty()) choice(*s, key, path, p);
        break;
      }
      case Kind::Integer:
        integer(node, key, path, p);
        break;
      case Kind::Boolean:
        if (!node.is_boolean()) wrong(node, key, path, p);
        break;
      case Kind::TextList:
        text_list(node, key, path, p);
        break;
      case Kind::Table:
        if (!node.is_table()) wrong(node, key, path, p);
        table(*node.as_table(), *key.table, path);
        break;
      case Kind::TableList:
        table_list(node, key, path, p);
        break;
      case Kind::Localised:
        localised(node, key, path, p);
        break;
    }
  }

  [[noreturn]] void wrong(const toml::node& node, const Key& key, const std::string& path,
                          const toml::source_position& p) const {
    fail(p, fmt::format("{} is {}; it must be {}", path, found(node), expected(key)));
  }

  void integer(const toml::node& node, const Key& key, const std::string& path,
               const toml::source_position& p) const {
    if (!node.is_integer()) wrong(node, key, path, p);
    auto v = *node.value<std::int64_t>();
    if (key.range && (v < key.range->first || v > key.range->second)) {
      fail(p, fmt::format("{} is {}; it must be between {} and {}", path, v, key.range->first,
                          key.range->second));
    }
  }

  void text_list(const toml::node& node, const Key& key, const std::string& path,
                 const toml::source_position& p) const {
    const auto* list = node.as_array();
    if (!list) wrong(node, key, path, p);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& item = (*list)[i];
      if (!item.is_string()) {
        fail(item.source().begin ? item.source().begin : p,
             fmt::format("{}[{}] is {}; every item must be a text in quotes", path, i + 1,
                         found(item)));
      }
    }
  }

  void table_list(const toml::node& node, const Key& key, const std::string& path,
                  const toml::source_position& p) {
    const auto* list = node.as_array();
    if (!list || !list->is_array_of_tables()) wrong(node, key, path, p);
    for (std::size_t i = 0; i < list->size(); ++i) {
      table(*(*list)[i].as_table(), *key.table, fmt::format("{}[{}]", path, i + 1));
    }
  }

  void localised(const toml::node& node, const Key& key, const std::string& path,
                 const toml::source_position& p) const {
    if (node.is_string()) return;
    const auto* by_language = node.as_table();
    if (!by_language) wrong(node, key, path, p);
    for (const auto& [language, text] : *by_language) {
      const std::string tag(language.str());
      if (!is_language_tag(tag)) {
        fail(language.source().begin,
             fmt::format("{}.{}: not a language tag (such as en, ru or zh-Hans)", path, tag));
      }
      if (!text.is_string()) {
        fail(text.source().begin ? text.source().begin : language.source().begin,
             fmt::format("{}.{} is {}; it must be a text in quotes", path, tag, found(text)));
      }
    }
  }

  void choice(const std::string& text, const Key& key, const std::string& path,
              const toml::source_position& p) const {
    const auto t = trimmed(text);
    for (const auto& c : key.choices) {
      if (same_text(t, c)) return;
    }
    std::string message = fmt::format("{} is \"{}\"; use {}", path, text, quoted_list(key.choices));
    if (auto n = nearest(t, key.choices)) message += fmt::format(" (did you mean \"{}\"?)", *n);
    fail(p, message);
  }

  const std::string& file_;
};

}  // namespace

Document::Document(toml::table table, const Declaration* declaration, std::string file)
    : table_(std::make_unique<toml::table>(std::move(table))),
      declaration_(declaration),
      file_(std::move(file)) {}

Document Document::parse(std::string_view toml, const std::string& file,
                         const Declaration& declaration) {
  toml::table table;
  try {
    table = toml::parse(toml, file);
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}: {}", at(file, e.source().begin), e.description()));
  }
  Checker(file).table(table, declaration.root, "");
  return Document(std::move(table), &declaration, file);
}

Document Document::load(const std::filesystem::path& file, const Declaration& declaration) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}: cannot read it", name));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw ConfigError(fmt::format("{}: cannot read it", name));
  return parse(bytes.str(), name, declaration);
}

Section Document::root() const { return Section(table_.get(), &declaration_->root, "", file_); }

Section::Section(const toml::table* table, const Table* shape, std::string path, std::string file)
    : table_(table), shape_(shape), path_(std::move(path)), file_(std::move(file)) {}

const Key& Section::declared(std::string_view key) const {
  if (const Key* k = find_key(*shape_, key)) return *k;
  throw std::logic_error(fmt::format("{} is not declared", path_of(key)));
}

const toml::node* Section::node(std::string_view key) const {
  return table_ ? table_->get(key) : nullptr;
}

std::string Section::text(std::string_view key) const {
  const auto& k = declared(key);
  if (const auto* n = node(key)) return *n->value<std::string>();
  if (const auto* d = std::get_if<std::string>(&k.default_value)) return *d;
  return {};
}

std::int64_t Section::integer(std::string_view key) const {
  const auto& k = declared(key);
  if (const auto* n = node(key)) return *n->value<std::int64_t>();
  if (const auto* d = std::get_if<std::int64_t>(&k.default_value)) return *d;
  return 0;
}

bool Section::boolean(std::string_view key) const {
  const auto& k = declared(key);
  if (const auto* n = node(key)) return *n->value<bool>();
  if (const auto* d = std::get_if<bool>(&k.default_value)) return *d;
  return false;
}

std::vector<std::string> Section::texts(std::string_view key) const {
  declared(key);
  std::vector<std::string> out;
  if (const auto* n = node(key)) {
    for (const auto& item : *n->as_array()) out.push_back(*item.value<std::string>());
  }
  return out;
}

bool Section::has(std::string_view key) const {
  declared(key);
  return node(key) != nullptr;
}

std::map<std::string, std::string> Section::localised(std::string_view key) const {
  const auto& k = declared(key);
  std::map<std::string, std::string> out;
  if (const auto* n = node(key)) {
    if (auto plain = n->value<std::string>()) {
      out.emplace("", *plain);
    } else {
      for (const auto& [language, text] : *n->as_table()) {
        out.emplace(std::string(language.str()), *text.value<std::string>());
      }
    }
  } else if (const auto* d = std::get_if<std::string>(&k.default_value)) {
    out.emplace("", *d);
  }
  return out;
}

std::vector<std::string> Section::keys() const {
  std::vector<std::string> out;
  for (const auto& k : shape_->keys) {
    if (node(k.name)) out.push_back(k.name);
  }
  return out;
}

Section Section::table(std::string_view key) const {
  const auto& k = declared(key);
  const auto* n = node(key);
  return Section(n ? n->as_table() : nullptr, k.table.get(), path_of(key), file_);
}

std::vector<Section> Section::tables(std::string_view key) const {
  const auto& k = declared(key);
  std::vector<Section> out;
  if (const auto* n = node(key)) {
    const auto& list = *n->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      out.emplace_back(list[i].as_table(), k.table.get(),
                       fmt::format("{}[{}]", path_of(key), i + 1), file_);
    }
  }
  return out;
}

std::vector<std::pair<std::string, Section>> Section::named_tables() const {
  std::vector<std::pair<std::string, Section>> out;
  if (!table_ || !shape_->named) return out;
  for (const auto& [key, node] : *table_) {
    if (find_key(*shape_, key.str())) continue;
    out.emplace_back(std::string(key.str()), Section(node.as_table(), shape_->named->table.get(),
                                                     path_of(key.str()), file_));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Section::named_texts() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!table_ || !shape_->named) return out;
  for (const auto& [key, node] : *table_) {
    if (find_key(*shape_, key.str())) continue;
    out.emplace_back(std::string(key.str()), *node.value<std::string>());
  }
  return out;
}

std::string Section::path_of(std::string_view key) const { return join(path_, key); }

std::string Section::where(std::string_view key) const {
  if (const auto* n = node(key)) return at(file_, n->source().begin);
  return table_ ? at(file_, table_->source().begin) : file_;
}

}  // namespace dossier::config
