// build, check and letters: the command line's options as the book
// stage's BuildOptions, the run, and what it prints.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "app/commands.h"
#include "app/live_line.h"
#include "app/reports.h"
#include "book/book.h"

namespace dossier::app {
namespace {

namespace fs = std::filesystem;

// "First+Last" joins several columns into the name.
std::vector<std::string> name_columns(const std::string& column) {
  std::vector<std::string> columns;
  std::size_t start = 0;
  while (true) {
    auto plus = column.find('+', start);
    columns.push_back(column.substr(start, plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return columns;
}

void map_column(const std::string& mapping, ingest::ReadOptions& read) {
  auto eq = mapping.find('=');
  if (eq == std::string::npos) {
    throw ingest::InputError("--column expects FIELD=\"Column\" (for example name=\"Full Name\")");
  }
  auto field = mapping.substr(0, eq), column = mapping.substr(eq + 1);
  if (field == "name") {
    read.name_columns = name_columns(column);
  } else if (field == "city") {
    read.city_column = column;
  } else if (field == "country") {
    read.country_column = column;
  } else if (field == "signed_at") {
    read.signed_at_column = column;
  } else if (field == "email") {
    read.email_column = column;
  } else if (field == "consent") {
    read.consent_column = column;
  } else {
    throw ingest::InputError(
        "--column knows name, city, country, signed_at, email and consent, not '" + field + "'");
  }
}

char delimiter(const std::string& d) {
  if (d == "," || d == "comma") return ',';
  if (d == ";" || d == "semicolon") return ';';
  if (d == "tab" || d == "\\t" || d == "\t") return '\t';
  if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') return d[0];
  throw ingest::InputError("--delimiter expects comma, semicolon, tab or one character, not '" + d +
                           "'");
}

void choose_piece(const std::string& only, book::BuildOptions& o) {
  auto slash = only.find('/');
  try {
    o.only_volume = std::stoul(only.substr(0, slash));
    if (slash != std::string::npos) o.only_part = std::stoul(only.substr(slash + 1));
  } catch (const std::exception&) {
    throw ingest::InputError("--only expects VOLUME or VOLUME/PART, such as 2 or 2/1");
  }
}

// How the export is read: columns, encoding, separator, sheet, duplicates.
ingest::ReadOptions read_options(const BuildCli& cli) {
  ingest::ReadOptions read;
  read.duplicates =
      cli.keep_duplicates ? ingest::DuplicatePolicy::Keep : ingest::DuplicatePolicy::Merge;
  for (const auto& mapping : cli.columns) map_column(mapping, read);
  read.encoding = cli.encoding;
  read.sheet = cli.sheet;
  if (!cli.delimiter.empty()) read.delimiter = delimiter(cli.delimiter);
  return read;
}

book::BuildOptions build_options(const BuildCli& cli) {
  book::BuildOptions o;
  o.templates = cli.templates.empty() ? project_file("templates") : fs::path(cli.templates);
  o.messages = fs::is_directory(o.templates / "messages") ? o.templates / "messages"
                                                          : project_file("templates/messages");
  o.out_dir = cli.out;
  o.edition = cli.edition;
  if (!cli.language.empty()) o.language = cli.language;
  const auto config = ingest::load_config(o.templates / "dossier.toml");
  const auto edition = ingest::find_edition(config.privacy, cli.edition);
  if (cli.out_from_edition) o.out_dir = edition.output;
  o.signatures = cli.signatures;
  o.sample_count = cli.sample_count;
  o.sample_seed = cli.seed;
  o.sample_data = project_file("data/sample");
  o.strict = cli.strict;
  o.attach_source = cli.attach_source || edition.attach_source;
  o.read = read_options(cli);
  if (!cli.only.empty()) choose_piece(cli.only, o);
  if (!cli.quiet) {
    o.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }
  o.read.progress = o.progress;
  o.warn = [](const std::string& line) { std::fprintf(stderr, "warning: %s\n", line.c_str()); };
  return o;
}

// --seal-key seals any edition; an edition with seal = true is sealed
// with [seal] key when there is one, and says so when there is none.
std::unique_ptr<seal::Sealer> sealer_for(const BuildCli& cli, const book::BuildOptions& options) {
  const auto config = ingest::load_config(options.templates / "dossier.toml");
  if (cli.seal.key.empty() && !ingest::find_edition(config.privacy, cli.edition).seal) {
    return nullptr;
  }
  auto sealer = make_sealer(cli.seal, config);
  if (!sealer) {
    std::fprintf(stderr,
                 "warning: the %s edition is meant to be sealed, but no key is given "
                 "(--seal-key, or key in [seal] of dossier.toml): its volumes are not sealed\n",
                 cli.edition.c_str());
  }
  return sealer;
}

// The exit code of a build that wrote everything: 1 where --strict finds
// texts that miss glyphs.
int strict_result(const BuildCli& cli, const book::BuildResult& result) {
  if (cli.strict && !result.uncovered.empty()) {
    std::fprintf(stderr,
                 "dossier: --strict: %zu text(s) miss glyphs (see %s); everything was written\n",
                 result.uncovered.size(), result.coverage.c_str());
    return 1;
  }
  return 0;
}

// Nothing on success, but what a signer or a row lost must not pass
// unnoticed: rejected rows and unknown countries, on stderr.
void print_quiet_warnings(const book::BuildResult& result) {
  if (result.rejected > 0) {
    std::fprintf(stderr, "warning: %llu row(s) rejected, listed in %s\n",
                 static_cast<unsigned long long>(result.rejected), result.rejects.c_str());
  }
  for (const auto& input : result.inputs) report_unknown_countries(input, stderr);
}

void print_summary(const book::BuildResult& result, bool sealed, double seconds) {
  std::size_t pages = 0;
  for (const auto& v : result.volumes) pages += v.pages;
  std::printf(
      "wrote %zu volume(s), %zu pages, %llu signatures%s; %llu row(s) rejected (%s); "
      "%llu name(s) with missing glyphs (%s); manifest %s; %.1f s\n",
      result.volumes.size(), pages, static_cast<unsigned long long>(result.signatures),
      result.synthetic ? " (SPECIMEN: synthetic sample data)" : "",
      static_cast<unsigned long long>(result.rejected), result.rejects.c_str(),
      static_cast<unsigned long long>(result.names_with_missing_glyphs), result.coverage.c_str(),
      result.manifest.c_str(), seconds);
  for (const auto& v : result.volumes) {
    std::printf("  %s  %llu pages  %s\n", v.file.c_str(), static_cast<unsigned long long>(v.pages),
                v.recipient.value_or("").c_str());
  }
  if (sealed) std::printf("sealed:\n");
  for (const auto& v : result.volumes) {
    if (v.seal) print_seal(v.file, *v.seal);
  }
  for (const auto& input : result.inputs) report_unknown_countries(input, stdout);
}

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

int run_build(const BuildCli& cli) {
  auto started = std::chrono::steady_clock::now();
  auto options = build_options(cli);
  const auto sealer = sealer_for(cli, options);
  options.sealer = sealer.get();
  text::FontLibrary fonts(load_manifest(cli.fonts));
  LiveLine live;
  if (!cli.quiet && ::isatty(STDERR_FILENO)) {
    options.progress = [&live](const std::string& line) { live.phase(line); };
    options.advance = [&live](double done) { live.advance(done); };
    options.read.progress = options.progress;
  }
  book::BuildResult result;
  try {
    result = book::build(options, fonts);
  } catch (...) {
    live.finish();  // the error message gets a line of its own
    throw;
  }
  live.finish();
  report_uncovered(result.uncovered, result.coverage);
  report_privacy(result.privacy, cli.quiet ? stderr : stdout);
  if (cli.quiet) {
    print_quiet_warnings(result);
  } else {
    print_summary(result, sealer != nullptr, seconds_since(started));
  }
  return strict_result(cli, result);
}

int run_check(const BuildCli& cli) {
  auto started = std::chrono::steady_clock::now();
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto options = build_options(cli);
  options.strict = false;  // decided here, after everything is written
  auto r = book::check(options, fonts);
  auto n = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
  std::printf("%s: %llu row(s) read, %llu accepted, %llu duplicate(s), %llu rejected (%s)\n",
              r.stats.file.c_str(), n(r.stats.rows_read), n(r.stats.accepted),
              n(r.stats.duplicates), n(r.stats.rejected), r.rejects.c_str());
  report_unknown_countries(r.stats, stdout);
  report_privacy(r.privacy, stdout);
  std::printf("scripts in the names:\n");
  for (const auto& s : r.scripts) {
    std::string fonts_used;
    for (const auto& f : s.fonts) fonts_used += (fonts_used.empty() ? "" : ", ") + f;
    std::printf("  %-5s %9llu name(s)  %s\n", s.script.c_str(), n(s.names), fonts_used.c_str());
  }
  report_uncovered(r.uncovered, r.coverage);
  report_catalogues(options);
  std::printf("%llu name(s) with missing glyphs (%s); no PDF written; %.1f s\n",
              n(r.names_with_missing_glyphs), r.coverage.c_str(), seconds_since(started));
  return cli.strict && (r.stats.rejected > 0 || !r.uncovered.empty()) ? 1 : 0;
}

int run_letters(const BuildCli& cli) {
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto files = book::build_letters(build_options(cli), fonts);
  if (cli.quiet) return 0;
  std::printf("wrote %zu letter(s) into %s\n", files.size(), cli.out.c_str());
  return 0;
}

}  // namespace dossier::app
