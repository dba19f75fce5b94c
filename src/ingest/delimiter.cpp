#include "ingest/delimiter.h"

#include <vector>

namespace dossier::ingest {
namespace {

constexpr std::size_t kRowsLooked = 20;

// Fields per record of the first rows of `text` when split at `delimiter`.
// The last record is left out when the text was cut in its middle.
std::vector<std::size_t> field_counts(std::string_view text, char delimiter) {
  std::vector<std::size_t> counts;
  std::size_t fields = 1;
  bool quoted = false, field_start = true, row_has_text = false;
  for (std::size_t i = 0; i < text.size() && counts.size() < kRowsLooked; ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          ++i;
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (row_has_text) counts.push_back(fields);
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      fields = 1;
      field_start = true;
      row_has_text = false;
      continue;
    }
    row_has_text = true;
    if (c == delimiter) {
      ++fields;
      field_start = true;
      continue;
    }
    if (c == '"' && field_start) quoted = true;
    if (c != ' ') field_start = false;
  }
  return counts;
}

}  // namespace

char detect_delimiter(std::string_view head) {
  char best = ',';
  std::size_t best_agreeing = 0, best_fields = 1;
  for (char candidate : {',', ';', '\t'}) {
    auto counts = field_counts(head, candidate);
    if (counts.empty() || counts.front() < 2) continue;
    // Rows that split into as many fields as the header: a stray separator
    // in one name makes one row disagree, not the whole file.
    std::size_t agreeing = 0;
    for (auto n : counts) agreeing += n == counts.front() ? 1 : 0;
    if (agreeing > best_agreeing || (agreeing == best_agreeing && counts.front() > best_fields)) {
      best = candidate;
      best_agreeing = agreeing;
      best_fields = counts.front();
    }
  }
  return best;
}

std::string delimiter_name(char delimiter) {
  switch (delimiter) {
    case ',':
      return "comma";
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    default:
      return std::string("'") + delimiter + "'";
  }
}

}  // namespace dossier::ingest
