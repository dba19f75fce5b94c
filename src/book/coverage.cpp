#include "book/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "book/book.h"
#include "csv/csv.h"
#include "ingest/country_names.h"

namespace dossier::book {
namespace {

std::vector<char32_t> distinct(const std::vector<text::MissingChar>& missing) {
  std::vector<char32_t> out;
  for (const auto& m : missing) {
    if (std::find(out.begin(), out.end(), m.codepoint) == out.end()) out.push_back(m.codepoint);
  }
  return out;
}

}  // namespace

std::string place_line(const ingest::Signature& s) {
  return place_line(s, ingest::country_name(s.country));
}

std::string place_line(const ingest::Signature& s, const std::string& country) {
  if (s.city.empty()) return country;
  if (country.empty()) return s.city;
  return s.city + " · " + country;
}

text::Itemisation itemisation_of(const text::ShapedText& shaped) {
  text::Itemisation out;
  out.missing = shaped.missing;
  for (const auto& run : shaped.runs) out.runs.push_back({run.script, run.font, 0});
  return out;
}

std::vector<UncoveredText> signature_coverage(const std::vector<ingest::Signature>& signatures,
                                              const ItemiseOf& itemise_of, ScriptTally* tally) {
  std::vector<UncoveredText> out;
  std::set<std::string> scripts;
  for (const auto& s : signatures) {
    auto name = itemise_of(s.name, layout::signature_name_style(s.country));
    if (!name.missing.empty()) out.push_back({s.number, "name", s.name, distinct(name.missing)});
    if (tally) {
      scripts.clear();
      for (const auto& run : name.runs) {
        scripts.insert(run.script);
        tally->scripts[run.script].second.insert(run.font);
      }
      for (const auto& script : scripts) ++tally->scripts[script].first;
    }
    auto place = place_line(s);
    if (place.empty()) continue;
    auto in_place = itemise_of(place, layout::signature_place_style(s.country));
    if (!in_place.missing.empty()) {
      out.push_back({s.number, "place", place, distinct(in_place.missing)});
    }
  }
  return out;
}

void add_page_coverage(const std::vector<layout::Page>& pages, const std::string& where,
                       std::vector<UncoveredText>& out) {
  std::set<std::string> seen;
  for (const auto& t : out) {
    if (t.number == 0) seen.insert(t.text);
  }
  auto add = [&](const std::vector<layout::Item>& items) {
    for (const auto& item : items) {
      const auto* t = std::get_if<layout::TextItem>(&item);
      if (!t || !t->text || t->text->missing.empty()) continue;
      if (seen.insert(t->text->text).second) {
        out.push_back({0, where, t->text->text, distinct(t->text->missing)});
      }
    }
  };
  for (const auto& page : pages) {
    add(page.items);
    if (page.body) add(*page.body);
  }
}

void write_coverage(const std::filesystem::path& file, const std::vector<UncoveredText>& texts) {
  // Through csv::row like every CSV for people: the text is a signer's
  // name, which may begin with "=" or "@".
  std::ofstream out(file, std::ios::binary);
  out << csv::row({"number", "where", "text", "character", "script"});
  for (const auto& t : texts) {
    for (char32_t cp : t.missing) {
      out << csv::row({t.number ? std::to_string(t.number) : "", t.where, t.text,
                       text::describe_codepoint(cp), text::script_code(cp)});
    }
  }
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", file.string()));
}

std::uint64_t signatures_affected(const std::vector<UncoveredText>& texts) {
  std::set<std::uint64_t> numbers;
  for (const auto& t : texts) {
    if (t.number) numbers.insert(t.number);
  }
  return numbers.size();
}

}  // namespace dossier::book
