#include "ingest/header_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "ingest/match_key.h"

namespace dossier::ingest {
namespace {

// Header names as campaign tools and spreadsheets write them, compared as
// match keys (case, accents and punctuation do not matter).
const std::initializer_list<const char*> kFullName = {"name",
                                                      "full name",
                                                      "fullname",
                                                      "vor und nachname",
                                                      "vorname und nachname",
                                                      "vollstandiger name",
                                                      "nom complet",
                                                      "nom et prenom",
                                                      "prenom et nom",
                                                      "nome completo",
                                                      "nome e cognome",
                                                      "nombre completo",
                                                      "nombre y apellidos",
                                                      "nombre y apellido",
                                                      "signer name",
                                                      "signatory"};
const std::initializer_list<const char*> kGivenName = {
    "first name", "firstname", "given name", "forename", "vorname", "prenom", "nome", "nombre"};
const std::initializer_list<const char*> kFamilyName = {
    "last name", "lastname",       "surname", "family name", "nachname", "familienname",
    "nom",       "nom de famille", "cognome", "apellidos",   "apellido", "apellidos y nombre"};
const std::initializer_list<const char*> kCity = {"city",    "town",   "ort",       "stadt",
                                                  "wohnort", "ville",  "localite",  "citta",
                                                  "comune",  "ciudad", "localidad", "poblacion"};
const std::initializer_list<const char*> kCountry = {
    "country", "country code", "countrycode", "land", "pays", "paese", "nazione", "pais", "staat"};
// Most specific first: where several qualify, the earliest wins.
const std::initializer_list<const char*> kSignedAt = {
    "signed at", "signed on", "signature date", "date de signature", "signed",      "date",
    "datum",     "data",      "fecha",          "timestamp",         "zeitstempel", "created at",
    "created"};
const std::initializer_list<const char*> kEmail = {
    "email",          "e mail",          "mail",           "email address",     "e mail address",
    "e mail adresse", "emailadresse",    "adresse e mail", "adresse mail",      "adresse email",
    "courriel",       "indirizzo email", "correo",         "correo electronico"};

std::vector<std::string> header_keys(const std::vector<std::string>& header) {
  std::vector<std::string> keys;
  for (const auto& h : header) keys.push_back(match_key(h));
  return keys;
}

std::vector<std::size_t> columns_named(const std::vector<std::string>& keys,
                                       std::initializer_list<const char*> names) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (const char* n : names) {
      if (keys[i] == n) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& header,
                        const std::vector<std::size_t>& columns) {
  std::string out;
  for (auto c : columns) out += (out.empty() ? "'" : ", '") + header[c] + "'";
  return out;
}

struct Context {
  const std::vector<std::string>& header;
  const std::vector<std::string>& keys;
  const std::string& file;
  std::size_t line;

  std::string found() const {
    std::string out;
    for (const auto& h : header) out += (out.empty() ? "" : ", ") + h;
    return out;
  }

  // The column a --column option names; an InputError when there is none.
  std::size_t named(const std::string& field, const std::string& column) const {
    auto want = match_key(column);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == want) return i;
    }
    throw InputError(fmt::format(
        "{}: line {}: no '{}' column in the header (found: {}); name the {} column with "
        "--column {}=\"Your Column\"",
        file, line, column, found(), field, field));
  }

  // The recognised column for `field`, or none. Where several headers
  // qualify (Date and created_at), the one earliest in `names` (most
  // specific first) wins, and the printed mapping shows it; the same
  // header twice is an InputError listing them.
  std::optional<std::size_t> recognised(const std::string& field,
                                        std::initializer_list<const char*> names) const {
    for (const char* n : names) {
      std::vector<std::size_t> same;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == n) same.push_back(i);
      }
      if (same.size() > 1) {
        throw InputError(fmt::format(
            "{}: line {}: several columns could hold the {}: {}; say which with --column "
            "{}=\"Your Column\"",
            file, line, field, quoted_list(header, same), field));
      }
      if (!same.empty()) return same.front();
    }
    return std::nullopt;
  }

  std::vector<std::size_t> name_columns() const {
    auto full = columns_named(keys, kFullName);
    auto given = columns_named(keys, kGivenName);
    auto family = columns_named(keys, kFamilyName);
    // German exports often say "Vorname" and "Name" for the family name.
    if (given.size() == 1 && family.empty() && full.size() == 1 && keys[full[0]] == "name") {
      return {given[0], full[0]};
    }
    std::vector<std::size_t> all = full;
    all.insert(all.end(), given.begin(), given.end());
    all.insert(all.end(), family.begin(), family.end());
    std::sort(all.begin(), all.end());
    auto ambiguous = [&] {
      return InputError(fmt::format(
          "{}: line {}: several columns could hold the signer's name: {}; say which with "
          "--column name=\"Full Name\" or --column name=\"First\"+\"Last\"",
          file, line, quoted_list(header, all)));
    };
    if (given.size() == 1 && family.size() == 1) {
      if (!full.empty()) throw ambiguous();
      return {given[0], family[0]};
    }
    if (all.size() == 1) return all;
    if (all.empty()) {
      throw InputError(fmt::format(
          "{}: line {}: no name column in the header (found: {}); name it with --column "
          "name=\"Your Column\", or name=\"First\"+\"Last\" for two columns",
          file, line, found()));
    }
    throw ambiguous();
  }
};

}  // namespace

ColumnMap map_columns(const std::vector<std::string>& header, const ReadOptions& options,
                      const std::string& file, std::size_t header_line) {
  auto keys = header_keys(header);
  Context ctx{header, keys, file, header_line};
  ColumnMap map;
  if (options.name_columns.empty()) {
    map.name = ctx.name_columns();
  } else {
    for (const auto& c : options.name_columns) map.name.push_back(ctx.named("name", c));
  }
  auto pick = [&](const std::string& field, const std::string& option,
                  std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    if (!option.empty()) return ctx.named(field, option);
    auto col = ctx.recognised(field, names);
    // A column already holding part of the name is not also the city.
    if (col && std::find(map.name.begin(), map.name.end(), *col) != map.name.end()) {
      return std::nullopt;
    }
    return col;
  };
  map.city = pick("city", options.city_column, kCity);
  map.country = pick("country", options.country_column, kCountry);
  map.signed_at = pick("signed_at", options.signed_at_column, kSignedAt);
  map.email = pick("email", options.email_column, kEmail);
  return map;
}

std::string describe(const ColumnMap& map, const std::vector<std::string>& header) {
  std::string name;
  for (auto c : map.name) name += (name.empty() ? "" : " + ") + header[c];
  auto one = [&](const std::optional<std::size_t>& c) {
    return c ? header[*c] : std::string("(none)");
  };
  return fmt::format("name = {}, city = {}, country = {}, signed_at = {}, e-mail = {}", name,
                     one(map.city), one(map.country), one(map.signed_at),
                     map.email ? header[*map.email] + " (only to find duplicates)" : "(none)");
}

}  // namespace dossier::ingest
