#include "ingest/text_encoding.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "ingest/icu_handles.h"
#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

// How much of the file's doubtful lines charset detection looks at.
constexpr std::size_t kSampleBytes = 64 * 1024;
// Share of the non-UTF-8 spots that must read as words in the detected
// encoding before the file is called a legacy-encoded file.
constexpr double kWordShare = 0.8;

bool same_name(const std::string& a, const char* b) { return ucnv_compareNames(a.c_str(), b) == 0; }

// What a whole-file pass finds: valid multi-byte UTF-8 sequences, invalid
// ones, and the lines that hold the invalid ones (up to kSampleBytes).
struct Utf8Census {
  std::uint64_t valid_multibyte = 0;
  std::uint64_t invalid = 0;
  std::string doubtful_lines;
};

Utf8Census take_census(std::FILE* f) {
  Utf8Census census;
  std::string line;
  bool line_bad = false;
  auto end_line = [&] {
    if (line_bad && census.doubtful_lines.size() + line.size() <= kSampleBytes) {
      census.doubtful_lines += line;
      if (line.empty() || line.back() != '\n') census.doubtful_lines += '\n';
    }
    line.clear();
    line_bad = false;
  };
  std::vector<char> buf(1 << 16);
  std::string carry;  // an incomplete sequence at the end of a chunk
  std::size_t n;
  bool eof = false;
  while (!eof) {
    n = std::fread(buf.data(), 1, buf.size(), f);
    eof = n < buf.size();
    std::string chunk = carry;
    chunk.append(buf.data(), n);
    carry.clear();
    int32_t i = 0, size = static_cast<int32_t>(chunk.size());
    // The line's bytes go into `line` a span at a time, not one by one:
    // `from` is where the part not yet added begins.
    int32_t from = 0;
    auto add_to_line = [&](int32_t to) {
      line.append(chunk, static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
      from = to;
    };
    while (i < size) {
      unsigned char b = static_cast<unsigned char>(chunk[i]);
      if (b < 0x80) {
        ++i;
        if (b == '\n') {
          add_to_line(i);
          end_line();
        }
        continue;
      }
      // A sequence cut by the end of the chunk is finished next time.
      if (!eof && size - i < 4) {
        add_to_line(i);
        carry.assign(chunk, static_cast<std::size_t>(i), std::string::npos);
        break;
      }
      UChar32 c;
      U8_NEXT(chunk.data(), i, size, c);
      if (c < 0) {
        ++census.invalid;
        line_bad = true;
      } else {
        ++census.valid_multibyte;
      }
    }
    add_to_line(i);
  }
  end_line();
  return census;
}

bool is_apostrophe(UChar32 c) { return c == 0x2019 || c == 0x2018 || c == 0xB4 || c == 0x2BC; }
bool is_word_char(UChar32 c) {
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) || is_apostrophe(c);
}

// Whether text in `charset` explains the doubtful lines: their non-ASCII
// runs decode to words (letters inside or next to letters), as "Müller"
// or "Françoise" do in windows-1252, rather than to the symbols and lone
// letters that stray bytes make of any encoding.
bool reads_as_words(const std::string& lines, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  Converter conv(ucnv_open(charset, &err));
  if (U_FAILURE(err)) return false;
  icu::UnicodeString text(lines.data(), static_cast<int32_t>(lines.size()), conv.get(), err);
  if (U_FAILURE(err)) return false;
  std::size_t runs = 0, words = 0;
  int32_t i = 0;
  const int32_t n = text.length();
  while (i < n) {
    UChar32 c = text.char32At(i);
    if (c < 0x80) {
      i += U16_LENGTH(c);
      continue;
    }
    UChar32 before = i > 0 ? text.char32At(i - 1) : ' ';
    bool all_word = true;
    int letters = 0;
    while (i < n && (c = text.char32At(i)) >= 0x80) {
      all_word = all_word && is_word_char(c);
      letters += u_isalpha(c) ? 1 : 0;
      i += U16_LENGTH(c);
    }
    UChar32 after = i < n ? text.char32At(i) : ' ';
    bool next_to_letter =
        (before < 0x80 && u_isalpha(before)) || (after < 0x80 && u_isalpha(after));
    ++runs;
    if (all_word && letters > 0 && (letters >= 2 || next_to_letter)) ++words;
  }
  return runs > 0 && static_cast<double>(words) >= kWordShare * static_cast<double>(runs);
}

// The legacy encoding ICU's charset detection finds for the doubtful
// lines, when those lines read as words in it; empty otherwise.
std::string detect_legacy(const std::string& lines) {
  UErrorCode err = U_ZERO_ERROR;
  CharsetDetector detector(ucsdet_open(&err));
  if (U_FAILURE(err)) return {};
  ucsdet_setText(detector.get(), lines.data(), static_cast<int32_t>(lines.size()), &err);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &found, &err);
  if (U_FAILURE(err)) return {};
  for (int32_t m = 0; m < found; ++m) {
    const char* name = ucsdet_getName(matches[m], &err);
    if (U_FAILURE(err) || !name) return {};
    std::string charset = name;
    // Unicode encodings are not what stray bytes in UTF-8 mean.
    if (charset.rfind("UTF", 0) == 0) continue;
    // ICU calls windows-1252 text without bytes 0x80-0x9F ISO-8859-1; Excel
    // writes windows-1252, which agrees with it on every letter.
    if (charset == "ISO-8859-1") charset = "windows-1252";
    return reads_as_words(lines, charset.c_str()) ? charset : std::string();
  }
  return {};
}

// "UTF-16LE" or "UTF-16BE" for text whose every other byte is zero, as
// UTF-16 of Latin text is; empty otherwise. Such a file is valid UTF-8 (NUL
// is ASCII), so the census would let it through as names full of NULs.
std::string utf16_without_bom(std::FILE* f) {
  unsigned char head[4096];
  std::size_t n = std::fread(head, 1, sizeof head, f);
  if (n < 8) return {};
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    zero_even += head[i] == 0 ? 1 : 0;
    zero_odd += head[i + 1] == 0 ? 1 : 0;
  }
  const std::size_t pairs = n / 2;
  if (zero_odd * 10 >= pairs * 3 && zero_even * 20 < pairs) return "UTF-16LE";
  if (zero_even * 10 >= pairs * 3 && zero_odd * 20 < pairs) return "UTF-16BE";
  return {};
}

}  // namespace

bool TextEncoding::is_utf8() const { return same_name(name, "UTF-8"); }

TextEncoding choose_encoding(const std::filesystem::path& file, const std::string& requested) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError(fmt::format("{}: is a directory, not a CSV file", file.string()));
  }
  File f(std::fopen(file.c_str(), "rb"));
  if (!f) {
    throw InputError(fmt::format("{}: cannot open it ({})", file.string(), std::strerror(errno)));
  }
  unsigned char b[4] = {0, 0, 0, 0};
  std::size_t got = std::fread(b, 1, 4, f.get());
  auto starts = [&](std::initializer_list<unsigned char> bom) {
    if (got < bom.size()) return false;
    std::size_t i = 0;
    for (auto c : bom) {
      if (b[i++] != c) return false;
    }
    return true;
  };
  if (starts({0xEF, 0xBB, 0xBF})) return {"UTF-8", 3};
  if (starts({0xFF, 0xFE, 0x00, 0x00})) return {"UTF-32LE", 4};
  if (starts({0x00, 0x00, 0xFE, 0xFF})) return {"UTF-32BE", 4};
  if (starts({0xFF, 0xFE})) return {"UTF-16LE", 2};
  if (starts({0xFE, 0xFF})) return {"UTF-16BE", 2};

  if (!requested.empty()) {
    UErrorCode err = U_ZERO_ERROR;
    Converter conv(ucnv_open(requested.c_str(), &err));
    if (U_FAILURE(err)) {
      throw InputError(
          fmt::format("--encoding {}: ICU knows no such encoding; use a name such as windows-1252, "
                      "windows-1250, iso-8859-2 or UTF-16LE (`uconv -l` lists them all)",
                      requested));
    }
    return {requested, 0};
  }

  std::rewind(f.get());
  if (auto utf16 = utf16_without_bom(f.get()); !utf16.empty()) {
    throw InputError(
        fmt::format("{} is not UTF-8; it looks like {} without a byte order mark; run again with "
                    "--encoding {}",
                    file.string(), utf16, utf16));
  }
  std::rewind(f.get());
  auto census = take_census(f.get());
  if (std::ferror(f.get())) throw InputError(fmt::format("{}: read error", file.string()));
  // Mostly valid UTF-8: the bad spots are damage, left to the row checks.
  if (census.invalid == 0 || census.valid_multibyte >= census.invalid) return {};
  auto legacy = detect_legacy(census.doubtful_lines);
  if (legacy.empty()) return {};
  bool excel = legacy.rfind("windows-125", 0) == 0;
  throw InputError(fmt::format("{} is not UTF-8; it looks like {}{}; run again with --encoding {}",
                               file.string(), legacy, excel ? " (as Excel saves CSV)" : "",
                               legacy));
}

}  // namespace dossier::ingest
