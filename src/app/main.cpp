// The command line. Thin: it parses arguments, calls the stages, and turns
// their errors into one message and an exit code (2 = bad input or
// environment, 1 = the work itself failed).
#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hpdf.h>
#include <poppler-config.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "book/book.h"
#include "ingest/ingest.h"
#include "messages/messages.h"
#include "pdf/pdf.h"
#include "sample/sample.h"
#include "specimen/specimen.h"
#include "text/text.h"
#include "verify/verify.h"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

constexpr int kExitBadInput = 2;

// fonts/, templates/ and data/ are found next to the working directory
// first (a user's own templates win), then beside the binary: an installed
// one reads <prefix>/share/dossier/ and only that, so what an installation
// renders never depends on a checkout that happens to remain on the disk;
// a binary in its build tree reads the source tree it was built from.
fs::path project_file(const fs::path& relative) {
  if (fs::exists(relative)) return relative;
  std::error_code error;
  const auto binary = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = (binary.parent_path() / DOSSIER_DATA_FROM_BIN).lexically_normal();
    if (fs::is_directory(installed)) return installed / relative;
  }
  fs::path in_source = fs::path(DOSSIER_SOURCE_DIR) / relative;
  if (fs::exists(in_source)) return in_source;
  return relative;
}

// What a bug report needs: this build, and the libraries it runs with, as
// they report themselves at run time (a container's may differ from the
// machine's it was built on). Poppler's core has no run-time query; its
// soname pins the version it was built against.
std::string version_text() {
  std::string freetype = "unavailable";
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) {
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(library, &major, &minor, &patch);
    FT_Done_FreeType(library);
    freetype = fmt::format("{}.{}.{}", major, minor, patch);
  }
  UVersionInfo icu_version;
  u_getVersion(icu_version);
  char icu[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu_version, icu);
  return fmt::format(
      "dossier {} (commit {})\nHarfBuzz {}\nFreeType {}\nICU {}\nlibharu {}\npoppler {}",
      DOSSIER_VERSION, DOSSIER_COMMIT, hb_version_string(), freetype, icu, HPDF_GetVersion(),
      POPPLER_VERSION);
}

text::FontManifest load_manifest(const std::string& fonts) {
  return text::FontManifest::load(fonts.empty() ? project_file("fonts/fonts.toml")
                                                : fs::path(fonts));
}

struct SpecimenOptions {
  std::string out = "output/specimen.pdf";
  std::string fonts;
  std::string lines_file;
  std::vector<std::string> extra_lines;
};

int run_specimen(const SpecimenOptions& opt) {
  text::FontLibrary fonts(load_manifest(opt.fonts));
  auto lines_path =
      opt.lines_file.empty() ? project_file("templates/specimen.tsv") : fs::path(opt.lines_file);
  auto lines = specimen::load_lines(lines_path);
  for (const auto& extra : opt.extra_lines) {
    text::normalize_nfc(extra);  // rejects invalid UTF-8 before any work
    lines.push_back({"Your line", "", extra});
  }
  auto built = specimen::build(fonts, lines);
  for (const auto& w : built.warnings) {
    std::fprintf(stderr,
                 "warning: %s at byte %zu of line %zu \"%s\" is covered by no font; it is "
                 "drawn as the font's missing-glyph box and still reads as text. Add a font "
                 "that covers it to fonts/fonts.toml.\n",
                 text::describe_codepoint(w.missing.codepoint).c_str(), w.missing.offset,
                 w.line + 1, w.text.c_str());
  }
  pdf::DocumentInfo info;
  info.title = "dossier type specimen";
  info.subject = "One line per supported script, with the fonts chosen";
  info.author = "dossier";
  info.tagged = true;
  info.language = "en";  // its labels; each line says its own language
  pdf::write_pdf(built.pages, info, fonts, opt.out);
  std::printf("wrote %s: %zu lines, %zu page(s), %zu character(s) without a font\n",
              opt.out.c_str(), lines.size(), built.pages.size(), built.warnings.size());
  return 0;
}

// The seal's key and where its timestamp and validation data come from
// (dossier seal, build --seal-key).
struct SealCli {
  std::string key;  // PKCS#12
  std::string password_file;
  std::string tsa;
  std::vector<std::string> chain, validation_data;
};

// The sealer: the command line's key, authority, chain and validation
// data, else those of the templates' [seal], with its texts. nullptr when
// neither names a key. Reads the key at once: a wrong password stops a
// build before it renders anything.
std::unique_ptr<seal::Sealer> make_sealer(const SealCli& cli, const ingest::Config& config) {
  seal::Settings s;
  s.key = cli.key.empty() ? config.seal.key : fs::path(cli.key);
  if (s.key.empty()) return nullptr;
  if (!cli.password_file.empty()) s.password_file = fs::path(cli.password_file);
  s.tsa = cli.tsa.empty() ? config.seal.tsa : cli.tsa;
  if (cli.chain.empty()) {
    s.chain = config.seal.chain;
  } else {
    s.chain.assign(cli.chain.begin(), cli.chain.end());
  }
  if (cli.validation_data.empty()) {
    s.validation_data = config.seal.validation_data;
  } else {
    s.validation_data.assign(cli.validation_data.begin(), cli.validation_data.end());
  }
  s.reason = config.seal.reason;
  s.location = config.seal.location;
  s.contact_info = config.seal.contact_info;
  s.description = "Seal of " + (config.campaign.empty() ? config.title : config.campaign);
  return std::make_unique<seal::Sealer>(s);
}

void print_seal(const std::string& file, const seal::SealRecord& r) {
  std::printf("  %s  PAdES %s, %s, %s%s%s\n", file.c_str(), r.level.c_str(), r.signer.c_str(),
              r.signing_time.c_str(), r.timestamp_time.empty() ? "" : "; timestamp ",
              r.timestamp_time.empty()
                  ? ""
                  : fmt::format("{} by {}", r.timestamp_time, r.timestamp_authority).c_str());
}

struct BuildCli {
  std::string signatures;
  std::string out = "output";
  std::string templates;
  std::string fonts;
  std::vector<std::string> columns;  // name="Full Name" or name=First+Last
  std::string encoding;              // any ICU converter name
  std::string delimiter;             // comma, semicolon, tab or the character
  std::string sheet;                 // xlsx worksheet
  std::uint64_t sample_count = 100000;
  std::uint64_t seed = 1;
  bool keep_duplicates = false;
  bool strict = false;
  bool quiet = false;
  bool attach_source = false;
  std::string only;  // VOLUME or VOLUME/PART
  std::string edition = "handover";
  std::string language;           // over dossier.toml's `language`
  bool out_from_edition = false;  // no --out: the edition's own folder
  SealCli seal;                   // --seal-key: sealed as the last step
};

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
  o.read.duplicates =
      cli.keep_duplicates ? ingest::DuplicatePolicy::Keep : ingest::DuplicatePolicy::Merge;
  for (const auto& mapping : cli.columns) {
    auto eq = mapping.find('=');
    if (eq == std::string::npos) {
      throw ingest::InputError(
          "--column expects FIELD=\"Column\" (for example name=\"Full Name\")");
    }
    auto field = mapping.substr(0, eq), column = mapping.substr(eq + 1);
    if (field == "name") {
      // "First+Last" joins several columns into the name.
      o.read.name_columns.clear();
      std::size_t start = 0;
      while (true) {
        auto plus = column.find('+', start);
        o.read.name_columns.push_back(column.substr(start, plus - start));
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    } else if (field == "city") {
      o.read.city_column = column;
    } else if (field == "country") {
      o.read.country_column = column;
    } else if (field == "signed_at") {
      o.read.signed_at_column = column;
    } else if (field == "email") {
      o.read.email_column = column;
    } else if (field == "consent") {
      o.read.consent_column = column;
    } else {
      throw ingest::InputError(
          "--column knows name, city, country, signed_at, email and consent, not '" + field + "'");
    }
  }
  o.read.encoding = cli.encoding;
  o.read.sheet = cli.sheet;
  if (!cli.delimiter.empty()) {
    const auto& d = cli.delimiter;
    if (d == "," || d == "comma") {
      o.read.delimiter = ',';
    } else if (d == ";" || d == "semicolon") {
      o.read.delimiter = ';';
    } else if (d == "tab" || d == "\\t" || d == "\t") {
      o.read.delimiter = '\t';
    } else if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') {
      o.read.delimiter = d[0];
    } else {
      throw ingest::InputError("--delimiter expects comma, semicolon, tab or one character, not '" +
                               d + "'");
    }
  }
  if (!cli.only.empty()) {
    auto slash = cli.only.find('/');
    try {
      o.only_volume = std::stoul(cli.only.substr(0, slash));
      if (slash != std::string::npos) o.only_part = std::stoul(cli.only.substr(slash + 1));
    } catch (const std::exception&) {
      throw ingest::InputError("--only expects VOLUME or VOLUME/PART, such as 2 or 2/1");
    }
  }
  if (!cli.quiet) {
    o.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }
  o.read.progress = o.progress;
  o.warn = [](const std::string& line) { std::fprintf(stderr, "warning: %s\n", line.c_str()); };
  return o;
}

// The first few texts that miss a glyph, on stderr: a name left blank on
// the page must never pass unnoticed.
void report_uncovered(const std::vector<book::UncoveredText>& uncovered, const fs::path& coverage) {
  if (uncovered.empty()) return;
  constexpr std::size_t kShown = 10;
  std::fprintf(stderr,
               "warning: %zu text(s) contain characters no installed font covers; they print "
               "without those glyphs (all listed in %s):\n",
               uncovered.size(), coverage.c_str());
  for (std::size_t i = 0; i < std::min(kShown, uncovered.size()); ++i) {
    const auto& u = uncovered[i];
    std::string chars;
    for (char32_t cp : u.missing) {
      chars += (chars.empty() ? "" : ", ") + text::describe_codepoint(cp);
    }
    std::string who = u.number ? fmt::format("no. {} ({})", u.number, u.where) : u.where;
    std::fprintf(stderr, "  %s: \"%s\": %s\n", who.c_str(), u.text.c_str(), chars.c_str());
  }
  if (uncovered.size() > kShown) {
    std::fprintf(stderr, "  ... and %zu more\n", uncovered.size() - kShown);
  }
}

// Country values that are neither a code nor a name ICU knows: the rows
// are kept with no country, and staff should see which values those were.
void report_unknown_countries(const ingest::InputStats& input, std::FILE* to) {
  if (input.unknown_country_rows == 0) return;
  std::fprintf(to,
               "%llu row(s) name a country that is not recognised (kept, country left empty):\n",
               static_cast<unsigned long long>(input.unknown_country_rows));
  for (const auto& u : input.unknown_countries) {
    std::fprintf(to, "  %6llu  %s\n", static_cast<unsigned long long>(u.rows), u.value.c_str());
  }
}

// Which privacy rules the run applied and how many signatures print at
// each level: printed by every build and check, --quiet included, since a
// slip in dossier.toml or the wrong --edition shows here first.
void report_privacy(const book::PrivacyReport& p, std::FILE* to) {
  std::string rules = "default " + p.default_level;
  for (const auto& [country, level] : p.by_country) rules += fmt::format(", {} {}", country, level);
  std::string printed;
  for (const auto& [level, count] : p.levels) {
    printed += fmt::format("{}{} {}", printed.empty() ? "" : " · ", level, ingest::grouped(count));
  }
  std::fprintf(to, "privacy (edition %s):\n  rules:   %s\n", p.edition.c_str(), rules.c_str());
  if (!p.base_rules) {
    std::fprintf(to,
                 "  warning: this edition ignores the privacy rules by country and the default of "
                 "[privacy] in dossier.toml (base_rules = false); never hand it over\n");
  }
  std::fprintf(to, "  consent: %s\n",
               p.consent_column.empty()
                   ? "no consent column in the export"
                   : fmt::format("column \"{}\" read", p.consent_column).c_str());
  std::fprintf(to, "  printed: %s\n", printed.c_str());
}

// On a terminal, one line that keeps being rewritten: the phase, how far
// it has got and the time it still needs, shown only once the build has
// run for a while (a short build prints nothing to watch). Phase lines
// may come from several threads (volumes are written in parallel).
class LiveLine {
 public:
  void phase(const std::string& line) {
    std::lock_guard lock(mutex_);
    phase_ = line;
    phase_started_ = Clock::now();
    done_ = 0;
    draw(true);
  }
  void advance(double done) {
    std::lock_guard lock(mutex_);
    done_ = std::clamp(done, 0.0, 1.0);
    draw(false);
  }
  // Clears the line, so that what follows starts on an empty one.
  void finish() {
    std::lock_guard lock(mutex_);
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr double kQuietSeconds = 2.0;  // nothing before this
  static constexpr double kRedrawSeconds = 0.1;

  void draw(bool force) {
    auto now = Clock::now();
    if (std::chrono::duration<double>(now - started_).count() < kQuietSeconds) return;
    if (!force && std::chrono::duration<double>(now - drawn_).count() < kRedrawSeconds) return;
    drawn_ = now;
    std::string line = phase_;
    if (done_ > 0) {
      line += fmt::format(" {:3.0f} %", done_ * 100);
      double spent = std::chrono::duration<double>(now - phase_started_).count();
      if (done_ >= 0.02 && done_ < 1) {
        line += fmt::format(", about {:.0f} s left", spent * (1 - done_) / done_ + 0.5);
      }
    }
    // \r and erase-to-end-of-line: the line is rewritten in place.
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

  std::mutex mutex_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point phase_started_ = started_;
  Clock::time_point drawn_{};
  std::string phase_;
  double done_ = 0;
  bool shown_ = false;
};

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

int run_build(const BuildCli& cli) {
  auto started = std::chrono::steady_clock::now();
  auto options = build_options(cli);
  // --seal-key seals any edition; an edition with seal = true is sealed
  // with [seal] key when there is one, and says so when there is none.
  std::unique_ptr<seal::Sealer> sealer;
  const auto config = ingest::load_config(options.templates / "dossier.toml");
  if (!cli.seal.key.empty() || ingest::find_edition(config.privacy, cli.edition).seal) {
    sealer = make_sealer(cli.seal, config);
    if (!sealer) {
      std::fprintf(stderr,
                   "warning: the %s edition is meant to be sealed, but no key is given "
                   "(--seal-key, or key in [seal] of dossier.toml): its volumes are not sealed\n",
                   cli.edition.c_str());
    }
    options.sealer = sealer.get();
  }
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
    // Nothing on success, but what a signer or a row lost must not pass
    // unnoticed: the uncovered texts above, rejected rows and unknown
    // countries below, on stderr.
    if (result.rejected > 0) {
      std::fprintf(stderr, "warning: %llu row(s) rejected, listed in %s\n",
                   static_cast<unsigned long long>(result.rejected), result.rejects.c_str());
    }
    for (const auto& input : result.inputs) report_unknown_countries(input, stderr);
    return strict_result(cli, result);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
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
    std::printf("  %s  %zu pages  %s\n", v.file.c_str(), v.pages, v.recipient.c_str());
  }
  if (sealer) std::printf("sealed:\n");
  for (const auto& v : result.volumes) {
    if (v.seal) print_seal(v.file, *v.seal);
  }
  for (const auto& input : result.inputs) report_unknown_countries(input, stdout);
  return strict_result(cli, result);
}

// The dossier's own words: whether its language has a catalogue, and each
// catalogue's messages that are still in English.
void report_catalogues(const book::BuildOptions& options) {
  const auto& dir = options.messages;
  const auto language =
      options.language ? *options.language
                       : ingest::load_config(options.templates / "dossier.toml").language;
  if (!messages::Catalog(dir, language).found()) {
    std::printf("language %s: no message catalogue in %s: the dossier's own words print in "
                "English\n",
                language.c_str(), dir.c_str());
  }
  for (const auto& shipped : messages::shipped_languages(dir)) {
    const messages::Catalog catalog(dir, shipped);
    if (catalog.missing_keys().empty()) continue;
    std::printf("messages %s: %zu message(s) not translated, printed in English:\n",
                shipped.c_str(), catalog.missing_keys().size());
    for (const auto& key : catalog.missing_keys()) std::printf("  %s\n", key.c_str());
  }
}

int run_check(const BuildCli& cli) {
  auto started = std::chrono::steady_clock::now();
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto options = build_options(cli);
  options.strict = false;  // decided here, after everything is written
  auto r = book::check(options, fonts);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
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
              n(r.names_with_missing_glyphs), r.coverage.c_str(), seconds);
  return cli.strict && (r.stats.rejected > 0 || !r.uncovered.empty()) ? 1 : 0;
}

int run_seal(const SealCli& cli, const std::string& dir, const std::string& templates, bool quiet) {
  const auto config = ingest::load_config(
      (templates.empty() ? project_file("templates") : fs::path(templates)) / "dossier.toml");
  const auto sealer = make_sealer(cli, config);
  if (!sealer) {
    throw book::RequestError(
        "no key to seal with: give --key FILE.p12 or key in [seal] of "
        "dossier.toml");
  }
  std::function<void(const std::string&)> progress;
  if (!quiet)
    progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  const auto sealed = book::seal_set(dir, *sealer, progress);
  if (quiet) return 0;
  std::printf("sealed %zu volume(s) in %s; manifest %s\n", sealed.records.size(), dir.c_str(),
              sealed.manifest.c_str());
  for (const auto& [file, record] : sealed.records) print_seal(file, record);
  return 0;
}

int run_letters(const BuildCli& cli) {
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto files = book::build_letters(build_options(cli), fonts);
  if (cli.quiet) return 0;
  std::printf("wrote %zu letter(s) into %s\n", files.size(), cli.out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dossier: print-ready PDF dossiers of an open letter and its signatures"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text,
                       "print the version, its commit and the libraries' versions");

  SpecimenOptions spec;
  auto* specimen_cmd = app.add_subcommand("specimen",
                                          "Render one line per supported script, labelled with the "
                                          "fonts chosen, to check that the fonts cover your names");
  specimen_cmd->add_option("--out,-o", spec.out, "PDF to write")->capture_default_str();
  specimen_cmd->add_option("--fonts", spec.fonts, "font manifest (default fonts/fonts.toml)");
  specimen_cmd->add_option("--lines", spec.lines_file,
                           "specimen lines, tab-separated (default templates/specimen.tsv)");
  specimen_cmd->add_option("--line", spec.extra_lines, "an extra line to set (repeatable)");

  BuildCli build;
  auto add_build_options = [&](CLI::App* cmd) {
    cmd->add_option("--out,-o", build.out, "output directory")->capture_default_str();
    cmd->add_option("--templates", build.templates,
                    "folder with dossier.toml, letter.*.md, signatories.csv (default templates/)");
    cmd->add_option("--fonts", build.fonts, "font manifest (default fonts/fonts.toml)");
    cmd->add_option("--language", build.language,
                    "the dossier's language for this build (de, fr, ru, ar...), over "
                    "dossier.toml's `language`: its own words, numbers and country names");
    cmd->add_flag("--quiet,-q", build.quiet,
                  "print only errors and warnings (no progress, no summary)");
  };
  auto* build_cmd =
      app.add_subcommand("build",
                         "Render one volume per recipient: cover, letter, parliamentarians, every "
                         "signature, summary; plus manifest.json and rejects.csv");
  build_cmd->add_option("--signatures,-s", build.signatures,
                        "petition export (CSV or .xlsx with a header and a name column); "
                        "without it, synthetic sample data marked SPECIMEN");
  build_cmd->add_option("--column", build.columns,
                        "map a column: name=\"Full Name\", name=First+Last, city=Town, "
                        "country=..., signed_at=..., email=..., consent=\"May we pass on your "
                        "name?\" (repeatable; default: recognised from the header)");
  build_cmd->add_option("--encoding", build.encoding,
                        "the CSV file's encoding, any ICU name: windows-1252 (Excel's CSV), "
                        "windows-1250, iso-8859-2, UTF-16LE... (default UTF-8, or its BOM)");
  build_cmd->add_option("--delimiter", build.delimiter,
                        "the CSV field separator: comma, semicolon or tab (default: detected)");
  build_cmd->add_option("--sheet", build.sheet, "the worksheet of an .xlsx file (default: first)");
  build_cmd
      ->add_option("--edition", build.edition,
                   "the [editions.NAME] of dossier.toml whose privacy rules apply; without "
                   "--out it writes into that edition's folder (handover: output/, public: "
                   "output/public/)")
      ->capture_default_str();
  build_cmd
      ->add_option("--sample-count", build.sample_count,
                   "signatures to synthesise without --signatures")
      ->capture_default_str();
  build_cmd->add_flag("--keep-duplicates", build.keep_duplicates,
                      "keep every row (default: rows of one signer are merged: the same "
                      "e-mail address, or without one the same name, city and country)");
  build_cmd->add_flag("--strict", build.strict, "fail (exit 1) if any row is rejected");
  build_cmd->add_flag("--attach-source", build.attach_source,
                      "PDF/A-3u: embed each volume's accepted signatures (name, city, country) "
                      "as a CSV associated as its source");
  build_cmd->add_option("--only", build.only,
                        "write only VOLUME or VOLUME/PART (1-based), numbered as in the whole "
                        "dossier; join the pieces' manifests with `dossier manifest merge`");
  auto add_seal_options = [](CLI::App* cmd, SealCli& seal, const char* key_name,
                             const char* key_help) {
    cmd->add_option(key_name, seal.key, key_help);
    cmd->add_option("--password-file", seal.password_file,
                    "the key's password, on the first line of this file (default: the "
                    "environment variable DOSSIER_SEAL_PASSWORD)");
    cmd->add_option("--tsa", seal.tsa,
                    "URL of an RFC 3161 timestamping authority: a timestamp on each seal "
                    "(PAdES B-T)");
    cmd->add_option("--chain", seal.chain,
                    "PEM file of issuer certificates to embed with the key's (repeatable)");
    cmd->add_option("--validation-data", seal.validation_data,
                    "a certificate, CRL or OCSP response file for the /DSS (PAdES B-LT; needs "
                    "--tsa; repeatable; nothing is fetched)");
  };
  add_seal_options(build_cmd, build.seal, "--seal-key",
                   "seal every volume with this PKCS#12 key (PAdES) before the set replaces the "
                   "previous one");
  add_build_options(build_cmd);

  auto* check_cmd = app.add_subcommand(
      "check",
      "Pre-flight: read an export exactly as build does and report rejects, scripts and fonts, "
      "and names no font can fully render; writes rejects.csv and coverage.csv, no PDF (exit 1 "
      "with --strict when anything is rejected or uncovered)");
  check_cmd->add_option("--signatures,-s", build.signatures, "petition export")->required();
  check_cmd->add_option("--column", build.columns, "map a column, as for build (repeatable)");
  check_cmd->add_option("--encoding", build.encoding, "the CSV file's encoding, as for build");
  check_cmd->add_option("--delimiter", build.delimiter, "the CSV field separator, as for build");
  check_cmd->add_option("--sheet", build.sheet, "the worksheet of an .xlsx file, as for build");
  check_cmd->add_option("--edition", build.edition, "the edition whose privacy rules apply")
      ->capture_default_str();
  check_cmd->add_flag("--keep-duplicates", build.keep_duplicates,
                      "keep rows with the same name, city and country");
  check_cmd->add_flag("--strict", build.strict,
                      "exit 1 when any row is rejected or any name misses a glyph");
  std::string check_out = "output/check";
  check_cmd->add_option("--out,-o", check_out, "where rejects.csv and coverage.csv go")
      ->capture_default_str();
  check_cmd->add_option("--templates", build.templates, "folder with dossier.toml (its order)");
  check_cmd->add_option("--language", build.language,
                        "the dossier's language, as for build: its catalogue's missing "
                        "messages are listed");
  check_cmd->add_option("--fonts", build.fonts, "font manifest (default fonts/fonts.toml)");
  check_cmd->add_flag("--quiet,-q", build.quiet, "no progress on the terminal");

  auto* letters_cmd =
      app.add_subcommand("letters", "Render, per recipient, the letter and the parliamentarians");
  add_build_options(letters_cmd);

  std::uint64_t sample_count = 1000, sample_seed = 1;
  auto* sample_cmd = app.add_subcommand(
      "sample", "Write realistic synthetic signatures as CSV on stdout (deterministic per seed)");
  sample_cmd->add_option("--count,-n", sample_count, "how many")->capture_default_str();
  sample_cmd->add_option("--seed", sample_seed, "random seed")->capture_default_str();

  std::vector<std::string> merge_inputs;
  std::string merge_out = "output/manifest.json";
  auto* manifest_cmd = app.add_subcommand("manifest", "Work with manifests");
  auto* merge_cmd = manifest_cmd->add_subcommand(
      "merge", "Join the manifests of pieces built with --only into one");
  merge_cmd->add_option("manifests", merge_inputs, "manifest.json files of the pieces")->required();
  merge_cmd->add_option("--out,-o", merge_out, "merged manifest to write")->capture_default_str();
  manifest_cmd->require_subcommand(1);

  SealCli seal_cli;
  std::string seal_dir = "output", seal_templates;
  bool seal_quiet = false;
  auto* seal_cmd = app.add_subcommand(
      "seal",
      "Seal every volume of a build with the organisation's key (PAdES: signature, timestamp, "
      "validation data), replacing the unsealed volumes together with the manifest");
  seal_cmd->add_option("dir", seal_dir, "output directory of `dossier build`")
      ->capture_default_str();
  add_seal_options(seal_cmd, seal_cli, "--key",
                   "the PKCS#12 file of the key and its certificate (default: key in [seal])");
  seal_cmd->add_option("--templates", seal_templates,
                       "folder with dossier.toml, for its [seal] texts (default templates/)");
  seal_cmd->add_flag("--quiet,-q", seal_quiet, "print only errors");

  std::string verify_dir = "output";
  bool verify_quiet = false;
  auto* verify_cmd = app.add_subcommand(
      "verify",
      "Check a build against its manifest: hashes, page counts, PDF/A identification, and every "
      "signature in every volume, in order (exit 0 all good, 1 discrepancies, 2 unusable input)");
  verify_cmd->add_option("dir", verify_dir, "output directory of `dossier build`")
      ->capture_default_str();
  verify_cmd->add_flag("--quiet,-q", verify_quiet, "print only failures");
  std::string verify_templates;
  verify_cmd->add_option("--templates", verify_templates,
                         "the build's templates folder, for the message catalogues of a "
                         "language of its own (default: the shipped catalogues)");
  std::string verify_trust;
  verify_cmd->add_option("--trust", verify_trust,
                         "PEM certificates that sealed volumes' signer and timestamp authority "
                         "must chain up to");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  // A write past a file size limit (ulimit -f) should fail like a full
  // disk, with an error naming the file, instead of killing the process
  // half-way through the output set.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    if (*specimen_cmd) return run_specimen(spec);
    if (*build_cmd) {
      build.out_from_edition = build_cmd->get_option("--out")->count() == 0;
      return run_build(build);
    }
    if (*letters_cmd) return run_letters(build);
    if (*seal_cmd) return run_seal(seal_cli, seal_dir, seal_templates, seal_quiet);
    if (*check_cmd) {
      build.out = check_out;
      return run_check(build);
    }
    if (*merge_cmd) {
      std::vector<fs::path> inputs(merge_inputs.begin(), merge_inputs.end());
      auto n = book::merge_manifests(inputs, merge_out);
      std::printf("wrote %s: %zu piece(s)\n", merge_out.c_str(), n);
      return 0;
    }
    if (*verify_cmd) {
      return verify::command(
          verify_dir, verify_quiet,
          verify_trust.empty() ? std::nullopt : std::optional<fs::path>(verify_trust),
          !verify_templates.empty() && fs::is_directory(fs::path(verify_templates) / "messages")
              ? fs::path(verify_templates) / "messages"
              : project_file("templates/messages"));
    }
    if (*sample_cmd) {
      sample::write_csv(std::cout, sample::Tables::load(project_file("data/sample")), sample_count,
                        sample_seed);
      std::cout.flush();
      return std::cout ? 0 : 1;
    }
  } catch (const seal::SealError& e) {
    std::fprintf(stderr,
                 "dossier: cannot seal: %s; the output folder still holds the previous set\n",
                 e.what());
    return kExitBadInput;
  } catch (const book::WriteFailure& e) {
    std::fprintf(stderr, "dossier: %s; the output folder still holds the previous set\n", e.what());
    return 1;
  } catch (const book::StrictFailure& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return 1;
  } catch (const ingest::InputError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const book::RequestError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const text::FontError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const text::EncodingError& e) {
    std::fprintf(stderr, "dossier: text that is not valid UTF-8: %s\n", e.what());
    return kExitBadInput;
  } catch (const book::OutputError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const pdf::OutputError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const pdf::PdfError& e) {
    std::fprintf(stderr, "dossier: PDF generation failed: %s\n", e.what());
    return 1;
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    // A bug, not bad input: say so rather than abort.
    std::fprintf(stderr, "dossier: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
