#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "dossier/dossier.h"
#include "dossier/sections.h"
#include "pdf/pdf.h"
#include "sample/sample.h"

namespace dossier::book {
namespace {

using layout::Page;
using layout::TextItem;

const text::Style kSans{"sans", ""};
const layout::Color kGrey{0.4, 0.4, 0.4};
const layout::Color kAccent{0.55, 0.08, 0.1};

constexpr std::uint64_t kSignaturesPerBookmark = 5000;

// Appends a section, starting it on a right-hand (odd) page in duplex mode.
std::size_t append(std::vector<Page>& pages, std::vector<Page> section, bool duplex,
                   const layout::Geometry& g) {
  if (duplex && pages.size() % 2 == 1) {
    Page blank;
    blank.width = g.width;
    blank.height = g.height;
    pages.push_back(std::move(blank));
  }
  std::size_t first = pages.size();
  for (auto& p : section) pages.push_back(std::move(p));
  return first;
}

// Running header (title · recipient) and footer (Page X of Y), Y being the
// volume's true total.
void add_running_heads(std::vector<Page>& pages, text::ShapeCache& cache, const layout::Geometry& g,
                       const std::string& header) {
  const auto& fonts = cache.fonts();
  auto head = cache.get(header, kSans);
  const double head_y = g.height - g.margin_top + 26;
  const auto total = pages.size();
  for (std::size_t i = 0; i < total; ++i) {
    auto& items = pages[i].items;
    items.push_back(TextItem{head, g.margin_left, head_y, 7.5, kGrey});
    items.push_back(layout::RuleItem{g.margin_left, head_y - 5, g.width - g.margin_right,
                                     head_y - 5, 0.4, kGrey});
    auto foot = std::make_shared<const text::ShapedText>(
        text::shape(fonts, fmt::format("Page {} of {}", i + 1, total), kSans));
    items.push_back(
        TextItem{foot, (g.width - foot->width(fonts, 8)) / 2, g.margin_bottom - 30, 8, kGrey});
  }
}

std::string place_line(const ingest::Signature& s) {
  auto country = ingest::country_name(s.country);
  if (s.city.empty()) return country;
  if (country.empty()) return s.city;
  return s.city + " · " + country;
}

std::string iso_now_free_date(const ingest::Config& c) {
  // Reproducible: the configured date, or SOURCE_DATE_EPOCH, never the clock.
  if (!c.date.empty()) return c.date;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    std::time_t t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    return buf;
  }
  return {};
}

struct Inputs {
  ingest::Config config;
  std::vector<ingest::LetterTemplate> letters;
  std::vector<ingest::Signatory> signatories;
  Figures figures;
};

Inputs load_inputs(const BuildOptions& options) {
  Inputs in;
  in.config = ingest::load_config(options.templates / "dossier.toml");
  in.letters = ingest::load_letters(options.templates);
  in.signatories = ingest::load_signatories(options.templates / "signatories.csv");
  std::set<std::string> countries;
  for (const auto& s : in.signatories) countries.insert(s.country);
  in.figures.parliamentarians = in.signatories.size();
  in.figures.parliament_countries = countries.size();
  return in;
}

layout::Geometry geometry_of(const ingest::Config& c) {
  return c.page_size == ingest::PageSize::Letter ? layout::Geometry::us_letter()
                                                 : layout::Geometry::a4();
}

std::filesystem::path hyphenation_patterns() { return "/usr/share/hyphen/hyph_en_US.dic"; }

void write_rejects(const std::filesystem::path& file, const std::string& input,
                   const std::vector<ingest::Reject>& rejects) {
  std::ofstream out(file, std::ios::binary);
  out << "file,line,reason,name\n";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      q += c;
      if (c == '"') q += '"';
    }
    return q + "\"";
  };
  for (const auto& r : rejects) {
    out << quote(input) << ',' << r.line << ',' << quote(r.reason) << ',' << quote(r.name) << '\n';
  }
  if (!out) throw pdf::OutputError(fmt::format("cannot write {}", file.string()));
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    q += c;
    if (c == '"') q += '"';
  }
  return q + "\"";
}

void write_accepted(const std::filesystem::path& file,
                    const std::vector<ingest::Signature>& signatures) {
  std::ofstream out(file, std::ios::binary);
  out << "number,name,city,country\n";
  for (const auto& s : signatures) {
    out << s.number << ',' << csv_field(s.name) << ',' << csv_field(s.city) << ','
        << csv_field(s.country) << '\n';
  }
  if (!out) throw pdf::OutputError(fmt::format("cannot write {}", file.string()));
}

void ensure_out_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw pdf::OutputError(fmt::format("cannot create the output directory {}: {}", dir.string(),
                                       ec ? ec.message() : "not a directory"));
  }
}

}  // namespace

BuildResult build(const BuildOptions& options, const text::FontLibrary& fonts) {
  auto say = [&](const std::string& s) {
    if (options.progress) options.progress(s);
  };
  Inputs in = load_inputs(options);
  ensure_out_dir(options.out_dir);
  BuildResult result;

  std::filesystem::path signatures_file = options.signatures;
  if (signatures_file.empty()) {
    // No petition export given: synthetic data, clearly marked as such.
    result.synthetic = true;
    signatures_file = options.out_dir / "sample-signatures.csv";
    say(fmt::format("no --signatures given: generating {} synthetic signatures into {}",
                    grouped(options.sample_count), signatures_file.string()));
    std::ofstream out(signatures_file, std::ios::binary);
    sample::write_csv(out, options.sample_count, options.sample_seed);
    if (!out) throw pdf::OutputError(fmt::format("cannot write {}", signatures_file.string()));
  }
  say(fmt::format("reading {}", signatures_file.string()));
  auto set = ingest::read_signatures(signatures_file, options.read);
  if (set.stats.rows_read != set.stats.accepted + set.stats.duplicates + set.stats.rejected) {
    throw std::logic_error(
        fmt::format("{}: rows do not add up ({} read, {} accepted, {} "
                    "duplicates, {} rejected)",
                    signatures_file.string(), set.stats.rows_read, set.stats.accepted,
                    set.stats.duplicates, set.stats.rejected));
  }
  result.rejects = options.out_dir / "rejects.csv";
  write_rejects(result.rejects, signatures_file.filename().string(), set.rejects);
  result.rejected = set.stats.rejected;
  if (options.strict && !set.rejects.empty()) {
    throw StrictFailure(fmt::format("{} row(s) rejected (see {}); --strict stops here",
                                    set.rejects.size(), result.rejects.string()));
  }
  ingest::order_signatures(set.signatures, in.config.sort);
  result.signatures = set.signatures.size();
  // The accepted signatures as rendered (number, name, city, country and
  // nothing else): the archive carries the list its volumes must hold.
  result.accepted = options.out_dir / "signatures.csv";
  write_accepted(result.accepted, set.signatures);
  in.figures.signatures = set.signatures.size();
  in.figures.synthetic = result.synthetic;

  text::ShapeCache cache(fonts);
  layout::Hyphenator hyphenator(hyphenation_patterns());
  Context ctx{in.config, cache, &hyphenator, geometry_of(in.config)};

  // The signature pages are the same in every volume: laid out once.
  say(fmt::format("laying out {} signatures", grouped(set.signatures.size())));
  std::vector<layout::SignatureEntry> entries;
  entries.reserve(set.signatures.size());
  std::map<std::string, std::uint64_t> by_country;
  for (const auto& s : set.signatures) {
    entries.push_back({s.number, s.name, place_line(s)});
    ++by_country[s.country];
  }
  auto grid = layout::layout_signatures(cache, entries, ctx.geometry, in.config.columns);
  auto mark = cache.get("SPECIMEN — synthetic sample data, not real signatures", kSans);
  for (auto& page : grid.pages) {
    if (result.synthetic) {
      page.items.push_back(
          TextItem{mark, ctx.geometry.margin_left, ctx.geometry.margin_bottom - 18, 7.5, kAccent});
    }
    // The same in every volume: encoded and compressed once.
    page.body = std::make_shared<const std::vector<layout::Item>>(std::move(page.items));
    page.items.clear();
  }
  pdf::Writer writer(fonts);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  say(fmt::format("encoding {} signature pages", grid.pages.size()));
  writer.prepare(grid.pages, threads);
  auto parl = parliamentarians(ctx, in.signatories);
  auto sum = summary(ctx, by_country, set.signatures.size());
  const std::string date = iso_now_free_date(in.config);

  struct Volume {
    std::vector<Page> pages;
    pdf::DocumentInfo info;
  };
  auto compose_volume = [&](std::size_t r) {
    const auto& recipient = in.config.recipients[r];
    Volume vol;
    auto& pages = vol.pages;
    auto& info = vol.info;
    auto cov = cover(ctx, recipient, in.figures);
    info.outline.push_back({"Cover", append(pages, std::move(cov.pages), false, ctx.geometry), 0});
    auto let = letter(ctx, recipient, in.letters, in.figures);
    std::size_t at = append(pages, std::move(let.pages), in.config.duplex, ctx.geometry);
    for (const auto& [title, page] : let.marks) info.outline.push_back({title, at + page, 0});
    at = append(pages, parl.pages, in.config.duplex, ctx.geometry);
    info.outline.push_back({"Parliamentarians", at, 0});
    for (const auto& [title, page] : parl.marks) info.outline.push_back({title, at + page, 1});
    at = append(pages, grid.pages, in.config.duplex, ctx.geometry);
    info.outline.push_back({"Signatures", at, 0});
    // Bookmarks by ranges of numbers; by country too when sorted by country.
    for (std::size_t p = 0; p < grid.pages.size(); ++p) {
      auto first = grid.first_number[p];
      bool starts_range = p == 0 || (first - 1) / kSignaturesPerBookmark !=
                                        (grid.first_number[p - 1] - 1) / kSignaturesPerBookmark;
      if (starts_range) {
        auto lo = (first - 1) / kSignaturesPerBookmark * kSignaturesPerBookmark + 1;
        auto hi = std::min<std::uint64_t>(lo + kSignaturesPerBookmark - 1, set.signatures.size());
        info.outline.push_back({fmt::format("Nos. {}–{}", grouped(lo), grouped(hi)), at + p, 1});
      }
    }
    if (in.config.sort == ingest::SortOrder::Country) {
      std::string last = "\x01";
      std::size_t page = 0;
      for (const auto& s : set.signatures) {
        while (page + 1 < grid.first_number.size() && grid.first_number[page + 1] <= s.number)
          ++page;
        if (s.country != last) {
          auto name = s.country.empty() ? "Country not given" : ingest::country_name(s.country);
          info.outline.push_back({name, at + page, 1});
          last = s.country;
        }
      }
    }
    at = append(pages, sum.pages, in.config.duplex, ctx.geometry);
    info.outline.push_back({"Signatures by country", at, 0});
    add_running_heads(pages, cache, ctx.geometry, in.config.title + " · " + recipient.name);

    info.title = fmt::format("{} — {}", in.config.title, recipient.name);
    info.author = in.config.author;
    info.subject = result.synthetic
                       ? "SPECIMEN — synthetic sample data, not real signatures"
                       : fmt::format("Open letter and {} petition signatures, addressed to {}",
                                     grouped(set.signatures.size()), recipient.name);
    for (const auto& k : in.config.keywords)
      info.keywords += (info.keywords.empty() ? "" : ", ") + k;
    if (result.synthetic) info.keywords += ", SPECIMEN, synthetic sample data";
    info.date = date;
    info.labels.push_back({0, pdf::PageLabel::Style::Decimal, "", 1});

    return vol;
  };
  // Composed in order and their glyphs numbered in order, then written in
  // parallel: the bytes do not depend on which thread finishes first.
  std::vector<Volume> composed;
  for (std::size_t r = 0; r < in.config.recipients.size(); ++r) {
    composed.push_back(compose_volume(r));
    writer.reserve(composed.back().pages);
  }
  auto make_volume = [&](std::size_t r) {
    const auto& recipient = in.config.recipients[r];
    const auto& pages = composed[r].pages;
    const auto& info = composed[r].info;
    auto file = fmt::format("{:02}-{}.pdf", r + 1, recipient.slug);
    say(fmt::format("[{}/{}] writing {} ({} pages)", r + 1, in.config.recipients.size(), file,
                    pages.size()));
    writer.write(pages, info, options.out_dir / file);
    VolumeResult v;
    v.file = file;
    v.recipient = recipient.name;
    v.pages = pages.size();
    v.signatures = set.signatures.size();
    v.first_number = set.signatures.empty() ? 0 : set.signatures.front().number;
    v.last_number = set.signatures.empty() ? 0 : set.signatures.back().number;
    v.sha256 = ingest::sha256_file(options.out_dir / file);
    return v;
  };
  // Volumes in parallel; results in recipient order whatever finishes first.
  result.volumes.resize(in.config.recipients.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t r = next++; r < result.volumes.size(); r = next++) {
      try {
        result.volumes[r] = make_volume(r);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(threads, result.volumes.size()); ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  result.inputs.push_back(set.stats);
  result.inputs.back().file = signatures_file.filename().string();
  // The manifest: what was written and how the input rows add up.
  nlohmann::ordered_json m;
  m["title"] = in.config.title;
  m["synthetic"] = result.synthetic;
  m["volumes"] = nlohmann::ordered_json::array();
  std::uint64_t pages_total = 0;
  for (const auto& v : result.volumes) {
    m["volumes"].push_back({{"file", v.file},
                            {"recipient", v.recipient},
                            {"pages", v.pages},
                            {"signatures", v.signatures},
                            {"first_number", v.first_number},
                            {"last_number", v.last_number},
                            {"sha256", v.sha256}});
    pages_total += v.pages;
  }
  m["inputs"] = nlohmann::ordered_json::array();
  for (const auto& i : result.inputs) {
    m["inputs"].push_back({{"file", i.file},
                           {"sha256", i.sha256},
                           {"rows_read", i.rows_read},
                           {"accepted", i.accepted},
                           {"duplicates", i.duplicates},
                           {"rejected", i.rejected}});
  }
  m["signatures"] = {{"file", result.accepted.filename().string()},
                     {"sha256", ingest::sha256_file(result.accepted)},
                     {"count", result.signatures}};
  m["totals"] = {
      {"volumes", result.volumes.size()}, {"pages", pages_total},
      {"signatures", result.signatures},  {"parliamentarians", in.figures.parliamentarians},
      {"rows_read", set.stats.rows_read}, {"duplicates", set.stats.duplicates},
      {"rejected", set.stats.rejected}};
  result.manifest = options.out_dir / "manifest.json";
  auto tmp = result.manifest;
  tmp += ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << m.dump(2) << '\n';
    if (!out) throw pdf::OutputError(fmt::format("cannot write {}", result.manifest.string()));
  }
  std::filesystem::rename(tmp, result.manifest);
  return result;
}

std::vector<std::filesystem::path> build_letters(const BuildOptions& options,
                                                 const text::FontLibrary& fonts) {
  Inputs in = load_inputs(options);
  ensure_out_dir(options.out_dir);
  text::ShapeCache cache(fonts);
  layout::Hyphenator hyphenator(hyphenation_patterns());
  Context ctx{in.config, cache, &hyphenator, geometry_of(in.config)};
  auto parl = parliamentarians(ctx, in.signatories);
  std::vector<std::filesystem::path> written;
  for (std::size_t r = 0; r < in.config.recipients.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    std::vector<Page> pages;
    pdf::DocumentInfo info;
    auto let = letter(ctx, recipient, in.letters, in.figures);
    append(pages, std::move(let.pages), false, ctx.geometry);
    for (const auto& [title, page] : let.marks) info.outline.push_back({title, page, 0});
    std::size_t at = append(pages, parl.pages, in.config.duplex, ctx.geometry);
    info.outline.push_back({"Parliamentarians", at, 0});
    for (const auto& [title, page] : parl.marks) info.outline.push_back({title, at + page, 1});
    add_running_heads(pages, cache, ctx.geometry, in.config.title + " · " + recipient.name);
    info.title = fmt::format("Open letter to {}", recipient.name);
    info.author = in.config.author;
    info.subject = in.config.title;
    info.date = iso_now_free_date(in.config);
    auto file = options.out_dir / fmt::format("letter-{:02}-{}.pdf", r + 1, recipient.slug);
    pdf::write_pdf(pages, info, fonts, file);
    if (options.progress) options.progress(fmt::format("wrote {}", file.string()));
    written.push_back(file);
  }
  return written;
}

}  // namespace dossier::book
