// The report as people read it (verify.h: print).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "verify/verify.h"

namespace dossier::verify {

bool Report::ok() const {
  return archive.empty() &&
         std::all_of(volumes.begin(), volumes.end(), [](const auto& v) { return v.ok(); });
}

namespace {

void print_discrepancy(const Discrepancy& d, std::FILE* out) {
  if (d.page) {
    std::fprintf(out, "  %s page %zu: %s\n", d.file.c_str(), d.page, d.what.c_str());
  } else {
    std::fprintf(out, "  %s: %s\n", d.file.c_str(), d.what.c_str());
  }
}

}  // namespace

void print(const Report& report, std::FILE* out, bool quiet) {
  if (!quiet) {
    std::set<std::size_t> volumes;
    for (const auto& v : report.volumes) volumes.insert(v.volume);
    std::string files = volumes.size() == report.volumes.size()
                            ? ""
                            : fmt::format(" in {} files", report.volumes.size());
    std::fprintf(out, "%s: %zu volume(s)%s, %llu signatures\n", report.dir.string().c_str(),
                 volumes.size(), files.c_str(), static_cast<unsigned long long>(report.signatures));
    std::fprintf(out, "%s  %llu rows  %s\n", report.signatures_file.c_str(),
                 static_cast<unsigned long long>(report.signatures),
                 report.archive.empty() ? "OK" : "FAILED");
    // Recorded by the build, not re-measured: verify reads text, and a
    // missing glyph still reads as its character.
    if (report.names_with_missing_glyphs) {
      std::fprintf(out, "names with missing glyphs (manifest): %llu%s\n",
                   static_cast<unsigned long long>(*report.names_with_missing_glyphs),
                   *report.names_with_missing_glyphs ? " (listed in coverage.csv)" : "");
    }
  }
  for (const auto& d : report.archive) print_discrepancy(d, out);
  std::size_t total = report.archive.size();
  for (const auto& v : report.volumes) {
    total += v.discrepancies;
    if (!quiet) {
      std::string pages = fmt::format("{} pages", v.pages_found);
      if (v.pages_found != v.pages_expected)
        pages += fmt::format(" (manifest {})", v.pages_expected);
      if (!v.exists) pages = "missing";
      std::fprintf(out, "%s  %s  %llu/%llu signatures  %s  %s\n", v.file.c_str(), pages.c_str(),
                   static_cast<unsigned long long>(v.signatures_found),
                   static_cast<unsigned long long>(v.signatures_expected),
                   v.pdfa.empty() ? "no PDF/A" : v.pdfa.c_str(), v.ok() ? "OK" : "FAILED");
    }
    if (!quiet && v.seal) {
      const auto& s = *v.seal;
      std::fprintf(out, "  sealed (PAdES %s) by %s at %s%s; %s\n", s.level.c_str(),
                   s.signer.c_str(), s.signing_time.c_str(),
                   s.timestamp_time.empty() ? ", no timestamp"
                                            : fmt::format(", timestamp {} by {}", s.timestamp_time,
                                                          s.timestamp_authority)
                                                  .c_str(),
                   !s.trusted   ? "signer not checked against a trust anchor (give --trust)"
                   : *s.trusted ? "trusted"
                                : "NOT trusted");
    }
    for (const auto& d : v.listed) print_discrepancy(d, out);
    if (v.discrepancies > v.listed.size()) {
      std::fprintf(out, "  %s: … and %zu more discrepancies\n", v.file.c_str(),
                   v.discrepancies - v.listed.size());
    }
  }
  if (report.ok()) {
    if (!quiet) std::fprintf(out, "OK: every check holds\n");
  } else {
    std::fprintf(out, "FAILED: %zu discrepancies\n", total);
  }
}

}  // namespace dossier::verify
