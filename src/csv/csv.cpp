#include "csv/csv.h"

#include <algorithm>

namespace dossier::csv {
namespace {

// The first characters that make a spreadsheet read a cell as a formula
// (OWASP, "CSV Injection"). A tab or CR is there because some spreadsheets
// trim them and then find one of the others.
bool starts_formula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Whether field() puts an apostrophe before `text`: a formula, or an
// apostrophe that restore_field would otherwise take for ours.
bool needs_apostrophe(std::string_view text) {
  if (text.empty()) return false;
  if (starts_formula(text[0])) return true;
  return text[0] == '\'' && text.size() > 1 && (starts_formula(text[1]) || text[1] == '\'');
}

// RFC 4180 quotes a field holding a separator, a quote or a line break.
bool needs_quotes(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
}

}  // namespace

void append_field(std::string& out, std::string_view text) {
  const bool neutralise = needs_apostrophe(text);
  if (!neutralise && !needs_quotes(text)) {
    out += text;
    return;
  }
  out += '"';
  if (neutralise) out += '\'';
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
}

std::string field(std::string_view text) {
  std::string out;
  append_field(out, text);
  return out;
}

void append_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) out += ',';
    first = false;
    append_field(out, f);
  }
  out += '\n';
}

std::string row(std::initializer_list<std::string_view> fields) {
  std::string out;
  append_row(out, fields);
  return out;
}

std::string restore_field(std::string_view written) {
  if (written.size() > 1 && written[0] == '\'' &&
      (starts_formula(written[1]) || written[1] == '\'')) {
    written.remove_prefix(1);
  }
  return std::string(written);
}

}  // namespace dossier::csv
