#include "csv/csv.h"

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

}  // namespace

std::string field(std::string_view text) {
  const bool neutralise = needs_apostrophe(text);
  if (!neutralise && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 4);
  out += '"';
  if (neutralise) out += '\'';
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

std::string row(std::initializer_list<std::string_view> fields) {
  std::string out;
  bool first = true;
  for (auto f : fields) {
    if (!first) out += ',';
    first = false;
    out += field(f);
  }
  out += '\n';
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
