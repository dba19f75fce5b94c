#include "manifest/manifest.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace dossier::manifest {
namespace {

// ordered_json keeps keys in insertion order, which is what makes the
// written bytes follow the field order of manifest.h.
using json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Writing

json edition_json(const Edition& e) {
  json j;
  j["name"] = e.name;
  j["default"] = e.default_level;
  j["by_country"] = json::object();
  for (const auto& [country, level] : e.by_country) j["by_country"][country] = level;
  j["withheld"] = e.withheld;
  j["levels"] = json::object();
  for (const auto& [level, count] : e.levels) j["levels"][level] = count;
  return j;
}

template <typename T>
void put(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

json volume_json(const Volume& v) {
  json j;
  j["file"] = v.file;
  put(j, "recipient", v.recipient);
  put(j, "volume", v.volume);
  put(j, "part", v.part);
  put(j, "parts", v.parts);
  j["pages"] = v.pages;
  put(j, "first_page", v.first_page);
  put(j, "volume_pages", v.volume_pages);
  j["signatures"] = v.signatures;
  j["first_number"] = v.first_number;
  j["last_number"] = v.last_number;
  j["sha256"] = v.sha256;
  if (v.seal) {
    const auto& s = *v.seal;
    json seal = {{"sha256", s.sha256},
                 {"level", s.level},
                 {"signer", s.signer},
                 {"signer_sha256", s.signer_sha256},
                 {"signing_time", s.signing_time}};
    put(seal, "timestamp_time", s.timestamp_time);
    put(seal, "timestamp_authority", s.timestamp_authority);
    j["seal"] = std::move(seal);
  }
  return j;
}

json input_json(const Input& i) {
  return {{"file", i.file},
          {"sha256", i.sha256},
          {"rows_read", i.rows_read},
          {"accepted", i.accepted},
          {"duplicates", i.duplicates},
          {"rejected", i.rejected},
          {"names_with_missing_glyphs", i.names_with_missing_glyphs},
          {"format", i.format},
          {"encoding", i.encoding},
          {"delimiter", i.delimiter},
          {"sheet", i.sheet},
          {"duplicate_rule", i.duplicate_rule},
          {"unknown_country_rows", i.unknown_country_rows}};
}

json totals_json(const Totals& t) {
  json j = json::object();
  put(j, "volumes", t.volumes);
  put(j, "pages", t.pages);
  put(j, "signatures", t.signatures);
  put(j, "parliamentarians", t.parliamentarians);
  put(j, "rows_read", t.rows_read);
  put(j, "duplicates", t.duplicates);
  put(j, "rejected", t.rejected);
  put(j, "names_with_missing_glyphs", t.names_with_missing_glyphs);
  put(j, "texts_with_missing_glyphs", t.texts_with_missing_glyphs);
  return j;
}

// ---------------------------------------------------------------------------
// Reading: strict where verify depends on a key, lenient (a key of another
// type reads as absent) where it does not, as verify always was.

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw FormatError(fmt::format("{} has no \"{}\"", where, key));
  }
  return object.at(key);
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_string()) throw FormatError(fmt::format("{}.{} is not a string", where, key));
  return v.get<std::string>();
}

std::uint64_t count_member(const json& object, const char* key, const std::string& where) {
  const auto& v = member(object, key, where);
  if (!v.is_number_unsigned()) {
    throw FormatError(fmt::format("{}.{} is not a non-negative whole number", where, key));
  }
  return v.get<std::uint64_t>();
}

// A key older manifests lack; when present it must be right.
std::optional<std::uint64_t> optional_count(const json& object, const char* key,
                                            const std::string& where) {
  if (!object.contains(key)) return std::nullopt;
  return count_member(object, key, where);
}

// Lenient readers: the value when it has the type, else nothing.
std::optional<std::uint64_t> lenient_count(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number_unsigned()) {
    return std::nullopt;
  }
  return object[key].get<std::uint64_t>();
}
std::optional<std::string> lenient_string(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) {
    return std::nullopt;
  }
  return object[key].get<std::string>();
}

Edition read_edition(const json& e) {
  if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || !e.contains("withheld") ||
      !e["withheld"].is_string()) {
    throw FormatError("\"edition\" lacks its name or withheld label");
  }
  Edition out;
  out.name = e["name"].get<std::string>();
  out.withheld = e["withheld"].get<std::string>();
  out.default_level = lenient_string(e, "default").value_or("");
  if (e.contains("by_country")) {
    const auto& countries = e["by_country"];
    if (!countries.is_object()) throw FormatError("edition.by_country is not an object");
    for (const auto& [country, level] : countries.items()) {
      out.by_country.emplace_back(country,
                                  level.is_string() ? level.get<std::string>() : std::string());
    }
  }
  if (e.contains("levels") && e["levels"].is_object()) {
    for (const auto& [level, count] : e["levels"].items()) {
      if (count.is_number_unsigned()) out.levels.emplace_back(level, count.get<std::uint64_t>());
    }
  }
  return out;
}

Volume read_volume(const json& v, const std::string& where) {
  Volume e;
  e.file = string_member(v, "file", where);
  e.recipient = lenient_string(v, "recipient");
  e.pages = count_member(v, "pages", where);
  e.volume = optional_count(v, "volume", where);
  e.part = optional_count(v, "part", where);
  e.parts = optional_count(v, "parts", where);
  e.first_page = optional_count(v, "first_page", where);
  e.volume_pages = optional_count(v, "volume_pages", where);
  e.signatures = count_member(v, "signatures", where);
  e.first_number = count_member(v, "first_number", where);
  e.last_number = count_member(v, "last_number", where);
  e.sha256 = string_member(v, "sha256", where);
  if (v.contains("seal")) {
    const auto& s = member(v, "seal", where);
    const std::string in = where + " seal";
    manifest::Seal seal;
    seal.sha256 = string_member(s, "sha256", in);
    seal.level = string_member(s, "level", in);
    seal.signer = string_member(s, "signer", in);
    seal.signer_sha256 = string_member(s, "signer_sha256", in);
    seal.signing_time = string_member(s, "signing_time", in);
    seal.timestamp_time = lenient_string(s, "timestamp_time");
    seal.timestamp_authority = lenient_string(s, "timestamp_authority");
    e.seal = std::move(seal);
  }
  return e;
}

Input read_input(const json& i) {
  Input out;
  out.file = lenient_string(i, "file").value_or("");
  out.sha256 = lenient_string(i, "sha256").value_or("");
  out.rows_read = lenient_count(i, "rows_read").value_or(0);
  out.accepted = lenient_count(i, "accepted").value_or(0);
  out.duplicates = lenient_count(i, "duplicates").value_or(0);
  out.rejected = lenient_count(i, "rejected").value_or(0);
  out.names_with_missing_glyphs = lenient_count(i, "names_with_missing_glyphs").value_or(0);
  out.format = lenient_string(i, "format").value_or("");
  out.encoding = lenient_string(i, "encoding").value_or("");
  out.delimiter = lenient_string(i, "delimiter").value_or("");
  out.sheet = lenient_string(i, "sheet").value_or("");
  out.duplicate_rule = lenient_string(i, "duplicate_rule").value_or("");
  out.unknown_country_rows = lenient_count(i, "unknown_country_rows").value_or(0);
  return out;
}

Totals read_totals(const json& t) {
  Totals out;
  out.volumes = lenient_count(t, "volumes");
  out.pages = lenient_count(t, "pages");
  out.signatures = lenient_count(t, "signatures");
  out.parliamentarians = lenient_count(t, "parliamentarians");
  out.rows_read = lenient_count(t, "rows_read");
  out.duplicates = lenient_count(t, "duplicates");
  out.rejected = lenient_count(t, "rejected");
  out.names_with_missing_glyphs = lenient_count(t, "names_with_missing_glyphs");
  out.texts_with_missing_glyphs = lenient_count(t, "texts_with_missing_glyphs");
  return out;
}

}  // namespace

std::string to_json(const Manifest& m) {
  json j;
  if (m.title) j["title"] = *m.title;
  if (m.synthetic) j["synthetic"] = *m.synthetic;
  if (m.edition) j["edition"] = edition_json(*m.edition);
  j["volumes"] = json::array();
  for (const auto& v : m.volumes) j["volumes"].push_back(volume_json(v));
  if (m.inputs) {
    j["inputs"] = json::array();
    for (const auto& i : *m.inputs) j["inputs"].push_back(input_json(i));
  }
  j["signatures"] = {
      {"file", m.signatures.file}, {"sha256", m.signatures.sha256}, {"count", m.signatures.count}};
  if (m.coverage) j["coverage"] = {{"file", m.coverage->file}, {"texts", m.coverage->texts}};
  if (m.totals) j["totals"] = totals_json(*m.totals);
  return j.dump(2) + '\n';
}

Manifest from_json(std::string_view text) {
  json m;
  try {
    m = json::parse(text);
  } catch (const json::exception& e) {
    // Not only parse_error: a number too large for a double ("15e468")
    // is out_of_range, and the caller's message should be the same.
    throw NotJson(e.what());
  }
  Manifest out;
  if (m.is_object() && m.contains("edition")) out.edition = read_edition(m["edition"]);
  const auto& sig = member(m, "signatures", "the top level");
  out.signatures.file = string_member(sig, "file", "signatures");
  out.signatures.sha256 = string_member(sig, "sha256", "signatures");
  out.signatures.count = count_member(sig, "count", "signatures");
  const auto& volumes = member(m, "volumes", "the top level");
  if (!volumes.is_array()) throw FormatError("\"volumes\" is not a list");
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    out.volumes.push_back(read_volume(volumes[i], fmt::format("volumes[{}]", i)));
  }
  out.title = lenient_string(m, "title");
  if (m.contains("synthetic") && m["synthetic"].is_boolean())
    out.synthetic = m["synthetic"].get<bool>();
  if (m.contains("inputs") && m["inputs"].is_array()) {
    out.inputs.emplace();
    for (const auto& i : m["inputs"]) out.inputs->push_back(read_input(i));
  }
  if (m.contains("coverage") && m["coverage"].is_object()) {
    const auto& c = m["coverage"];
    out.coverage =
        Coverage{lenient_string(c, "file").value_or(""), lenient_count(c, "texts").value_or(0)};
  }
  if (m.contains("totals") && m["totals"].is_object()) out.totals = read_totals(m["totals"]);
  return out;
}

}  // namespace dossier::manifest
