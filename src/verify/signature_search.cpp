#include "verify/signature_search.h"

#include <fmt/format.h>

#include <algorithm>

namespace dossier::verify {
namespace {

// Where each number could start: every digit substring (no leading zero)
// of every run of digits. Substrings rather than whole runs because a place
// line may end in digits and a name may begin with them, and squeezing
// joins those to the number. Sorted by (number, position), so finding a
// signature costs a binary search instead of a scan of the whole volume.
struct NumberAt {
  std::uint64_t number;
  std::size_t pos;
  bool operator<(const NumberAt& o) const {
    return number != o.number ? number < o.number : pos < o.pos;
  }
};

std::vector<NumberAt> index_numbers(const std::u32string& text, std::uint64_t lo,
                                    std::uint64_t hi) {
  auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  std::vector<NumberAt> out;
  const std::size_t n = text.size();
  for (std::size_t a = 0; a < n;) {
    if (!digit(text[a])) {
      ++a;
      continue;
    }
    std::size_t b = a;
    while (b < n && digit(text[b])) ++b;
    for (std::size_t s = a; s < b; ++s) {
      if (text[s] == U'0') continue;
      std::uint64_t value = 0;
      for (std::size_t e = s; e < b && e - s < 19; ++e) {
        value = value * 10 + (text[e] - U'0');
        if (value > hi) break;
        if (value >= lo) out.push_back({value, s});
      }
    }
    a = b;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool entry_at(const std::u32string& text, std::size_t pos, const Wanted& w) {
  std::size_t from = pos + w.digits;
  if (from + w.name.size() > text.size()) return false;
  return text.compare(from, w.name.size(), w.name) == 0;
}

// The value of an XMP property in element (<pdfaid:part>2</pdfaid:part>) or

// A stretch of consecutive signatures that failed the same way: a dropped
// or moved page fails a hundred entries at once, and one line saying so
// reads better than a hundred.
struct FailedRun {
  bool missing = false;
  // Where they are (out of order; consecutive pages join one run, as after
  // a page moved far ahead) or the last good page (missing).
  std::size_t page = 0, last_page = 0;
  const Wanted* first = nullptr;
  const Wanted* last = nullptr;
  std::size_t count = 0;
};

void report_run(const FailedRun& run, std::uint64_t last_number, std::size_t last_page,
                Findings& findings) {
  if (!run.count) return;
  std::string which =
      run.count == 1 ? fmt::format("signature {} \"{}\"", run.first->number, *run.first->display)
                     : fmt::format("signatures {} \"{}\" to {} \"{}\"", run.first->number,
                                   *run.first->display, run.last->number, *run.last->display);
  std::string count = run.count == 1 ? "" : fmt::format(" ({})", run.count);
  std::string good = last_number
                         ? fmt::format("last good page {} (signature {})", last_page, last_number)
                         : std::string("no signature found before");
  if (run.missing) {
    findings.add(run.page, run.first->number, fmt::format("{} missing{}; {}", which, count, good));
  } else {
    auto pages = run.last_page == run.page ? fmt::format("page {}", run.page)
                                           : fmt::format("pages {}–{}", run.page, run.last_page);
    findings.add(run.page, run.first->number,
                 fmt::format("{} out of order{}: on {}, before the signature preceding "
                             "them; {}",
                             which, count, pages, good));
  }
}

}  // namespace

std::vector<Wanted> prepare(const std::vector<PrintedSignature>& accepted) {
  std::vector<Wanted> out;
  out.reserve(accepted.size());
  for (const auto& a : accepted) {
    Wanted w;
    w.number = a.number;
    w.digits = std::to_string(a.number).size();
    w.name = as_read(a.name);
    w.display = &a.name;
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<Found> check_signatures(const VolumeText& vt, const std::vector<const Wanted*>& wanted,
                                    VolumeReport& r, Findings& findings) {
  std::vector<Found> out;
  if (wanted.empty()) return out;
  std::uint64_t lo = wanted.front()->number, hi = lo;
  for (const auto* w : wanted) {
    lo = std::min(lo, w->number);
    hi = std::max(hi, w->number);
  }
  const auto index = index_numbers(vt.text, lo, hi);
  const auto& text = vt.text;
  std::size_t at = 0, last_page = 0;
  std::uint64_t last_number = 0;
  FailedRun run;
  for (const auto* wp : wanted) {
    const auto& w = *wp;
    auto range =
        std::equal_range(index.begin(), index.end(), NumberAt{w.number, 0},
                         [](const NumberAt& a, const NumberAt& b) { return a.number < b.number; });
    auto split = std::lower_bound(range.first, range.second, NumberAt{w.number, at});
    auto found = std::find_if(split, range.second,
                              [&](const NumberAt& c) { return entry_at(text, c.pos, w); });
    if (found != range.second) {
      report_run(run, last_number, last_page, findings);
      run = {};
      ++r.signatures_found;
      out.push_back({found->pos, wp});
      at = found->pos + w.digits + w.name.size();
      last_page = vt.page_of(found->pos);
      last_number = w.number;
      continue;
    }
    // Not after the last match: earlier in the volume (out of order) or
    // nowhere at all (missing).
    auto earlier = std::find_if(range.first, split,
                                [&](const NumberAt& c) { return entry_at(text, c.pos, w); });
    bool missing = earlier == split;
    std::size_t page = missing ? last_page : vt.page_of(earlier->pos);
    bool continues =
        run.count && run.missing == missing &&
        (missing ? page == run.page : page == run.last_page || page == run.last_page + 1);
    if (run.count && !continues) {
      report_run(run, last_number, last_page, findings);
      run = {};
    }
    if (!run.count) {
      run.missing = missing;
      run.page = page;
      run.first = &w;
    }
    run.last_page = page;
    run.last = &w;
    ++run.count;
  }
  report_run(run, last_number, last_page, findings);
  return out;
}

void check_lines(const VolumeText& vt, const std::vector<LineMismatch>& lines,
                 const std::vector<const Wanted*>& wanted, const std::vector<Found>& found,
                 Findings& findings) {
  std::vector<Found> by_pos = found;  // out-of-order ones break list order
  std::sort(by_pos.begin(), by_pos.end(),
            [](const Found& a, const Found& b) { return a.pos < b.pos; });
  auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  for (const auto& line : lines) {
    const Wanted* owner = nullptr;
    // The last signature found before the line, on its page.
    auto after = std::upper_bound(by_pos.begin(), by_pos.end(), line.at,
                                  [](std::size_t at, const Found& f) { return at < f.pos; });
    const Found* last = after != by_pos.begin() ? &*std::prev(after) : nullptr;
    const Found* before = last && vt.page_of(last->pos) == line.page ? last : nullptr;
    if (before && before->pos + before->wanted->digits == line.at) {
      owner = before->wanted;  // the line is that signature's name
    } else if (line.at > 0 && digit(vt.text[line.at - 1])) {
      // Right after a number, but no name found there: the name itself
      // reads wrong. Its number is the shortest run of the digits before
      // the line that is the next one after the last found (a place line
      // may end in digits too).
      std::uint64_t value = 0, scale = 1;
      for (std::size_t k = line.at; k > 0 && digit(vt.text[k - 1]) && scale <= 1e18; --k) {
        value += (vt.text[k - 1] - U'0') * scale;
        scale *= 10;
        auto it = std::find_if(wanted.begin(), wanted.end(),
                               [&](const Wanted* w) { return w->number == value; });
        if (it != wanted.end() && (!last || value > last->wanted->number)) {
          owner = *it;
          break;
        }
      }
    }
    if (!owner && before) owner = before->wanted;
    auto what = fmt::format("a line's /ActualText \"{}\" is not what its glyphs say: \"{}\"",
                            line.said, line.drawn);
    if (owner) {
      findings.add(line.page, owner->number,
                   fmt::format("signature {} \"{}\": {}", owner->number, *owner->display, what));
    } else {
      findings.add(line.page, 0, what);
    }
  }
}

}  // namespace dossier::verify
