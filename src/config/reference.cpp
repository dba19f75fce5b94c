// docs/configuration.md, written from the declarations: the reference can
// never describe a key the reader does not know, or miss one it does.
#include <fmt/format.h>

#include "config/config.h"

namespace dossier::config {
namespace {

// A table read as one value (`by_country = { BY = "initials" }`) rather
// than as a section of its own.
bool is_map(const Key& k) {
  return k.kind == Kind::Table && k.table->keys.empty() && k.table->named &&
         k.table->named->kind != Kind::Table && k.table->named->kind != Kind::TableList;
}

bool is_section(const Key& k) {
  return (k.kind == Kind::Table || k.kind == Kind::TableList) && !is_map(k);
}

std::string type_of(const Key& k) {
  switch (k.kind) {
    case Kind::Text:
      return "text";
    case Kind::Integer:
      return "integer";
    case Kind::Boolean:
      return "true/false";
    case Kind::TextList:
      return "list of texts";
    case Kind::Table:
      if (is_map(k)) {
        return fmt::format("table of {} = {}", k.table->named->name, type_of(*k.table->named));
      }
      return "table";
    case Kind::TableList:
      return "list of tables";
    case Kind::Localised:
      return "text, or table of texts by language";
  }
  return "?";
}

std::string escaped(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string default_of(const Key& k) {
  if (!k.default_note.empty()) return k.default_note;
  if (const auto* s = std::get_if<std::string>(&k.default_value)) return fmt::format("\"{}\"", *s);
  if (const auto* i = std::get_if<std::int64_t>(&k.default_value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&k.default_value)) return *b ? "true" : "false";
  return k.required ? "required" : "none";
}

std::string allowed_of(const Key& k) {
  const Key& v = is_map(k) ? *k.table->named : k;
  std::string out;
  if (!v.choices.empty()) {
    for (const auto& c : v.choices) out += (out.empty() ? "" : ", ") + fmt::format("`{}`", c);
    out = "one of " + out;
  }
  if (v.range) out = fmt::format("{} to {}", v.range->first, v.range->second);
  return out;
}

void rows(std::string& out, const Table& t) {
  bool any = false;
  for (const auto& k : t.keys) {
    if (is_section(k)) continue;
    if (!any) {
      out += "| key | type | default | allowed | what it sets |\n|---|---|---|---|---|\n";
      any = true;
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", k.name, type_of(k), escaped(default_of(k)),
                       allowed_of(k), escaped(k.help));
  }
  if (any) out += '\n';
}

void section(std::string& out, const std::string& title, const std::string& help, const Table& t) {
  out += fmt::format("### {}\n\n", title);
  if (!help.empty()) {
    auto sentence = help;
    if (sentence[0] >= 'a' && sentence[0] <= 'z')
      sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
    out += sentence + ".\n\n";
  }
  if (t.named && is_section(*t.named)) {
    out += fmt::format("Each key of this table is a name you choose ({}).\n\n", t.named->name);
  }
  rows(out, t);
}

void sections(std::string& out, const Table& t, const std::string& path) {
  for (const auto& k : t.keys) {
    if (!is_section(k)) continue;
    const auto full = path.empty() ? k.name : path + "." + k.name;
    const auto title = k.kind == Kind::TableList ? "`[[" + full + "]]`" : "`[" + full + "]`";
    std::string help = k.help;
    if (k.required) help += " (required)";
    section(out, title, help, *k.table);
    sections(out, *k.table, full);
    if (k.table->named && is_section(*k.table->named)) {
      const auto& n = *k.table->named;
      const auto named_full = full + "." + n.name;
      section(out, "`[" + named_full + "]`", n.help, *n.table);
      sections(out, *n.table, named_full);
    }
  }
}

}  // namespace

std::string reference(const std::vector<const Declaration*>& declarations) {
  std::string out =
      "# Configuration reference\n\n"
      "Written from the declarations in `src/config/declarations.cpp`, which the readers use: "
      "a key not listed here is an error, naming its file, line and column, and so is a value "
      "of another type. Regenerate this file with `DOSSIER_UPDATE_FIXTURES=1 ctest -R "
      "ConfigReference` after changing a declaration.\n\n";
  for (const auto* d : declarations) {
    out += fmt::format("## `{}`\n\n{}\n\n", d->file, d->summary);
    section(out, "Top level", "", d->root);
    sections(out, d->root, "");
  }
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace dossier::config
