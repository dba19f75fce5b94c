#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <sstream>

#include "sample/sample.h"
#include "support/raw_font.h"
#include "text/glyph_text.h"
#include "text/loaded_face.h"
#include "text/text.h"
#include "text/word_shapes.h"

namespace dossier::test {
namespace {

const text::FontLibrary& fonts() {
  static const auto* library = new text::FontLibrary(
      text::FontManifest::load(std::string(DOSSIER_SOURCE_DIR) + "/fonts/fonts.toml"));
  return *library;
}

bool has_nonspacing_mark(const std::string& s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (u_charType(c) == U_NON_SPACING_MARK) return true;
  }
  return false;
}

std::string reversed(const std::string& s) {
  std::vector<std::string> chars;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t b = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    chars.push_back(s.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(i - b)));
  }
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return out;
}

const char* const kNames[] = {
    "Elisabeth Götze",
    "Nguyễn Thị Ánh",
    "Алесь Бяляцкі",
    "Φωτεινή Πιπιλή",
    "مُحَمَّد عَلَاء الدِّين",
    "فاطمه محمدی‌نژاد",
    "אַבְרָהָם כֹּהֵן",
    "श्री क्षत्रिय",
    "कि क्षि त्रि",
    "সৌমিত্র চট্টোপাধ্যায়",
    "சுப்பிரமணிய பொன்னு",
    "สมชาย ใจดี น้ำ",
    "ნინო ბურჯანაძე",
    "Հովհաննես",
    "王小明",
    "山田太郎 さくら",
    "김민준",
    "✊ 🕊 ✌",
    "Amnesty منظمة 2022 x",
    "q̃ x̧",
};

// What readers rebuild from ToUnicode: glyph texts in reading order give the
// run's text back, no glyph reads as nothing, and no glyph with an advance
// reads as a nonspacing mark (pdf.js would take it for a zero-width
// diacritic and misplace the spaces).
TEST(Shape, GlyphTextsReadBackAsTheSource) {
  for (const char* name : kNames) {
    auto shaped = text::shape(fonts(), name, {"serif", ""});
    std::string all;
    for (const auto& run : shaped.runs) {
      // Readers join glyph texts in drawn order and reverse the characters
      // of right-to-left text.
      std::string read;
      for (const auto& g : run.glyphs) read += g.text;
      if (run.rtl) read = reversed(read);
      // A split vowel reads as its canonical decomposition, and a glyph
      // left without a character reads as U+200B, which readers drop.
      for (auto p = read.find("\u200B"); p != std::string::npos; p = read.find("\u200B"))
        read.erase(p, 3);
      EXPECT_EQ(text::normalize_nfc(read), run.text) << name;
      for (const auto& g : run.glyphs) {
        EXPECT_FALSE(g.text.empty()) << name << ": glyph " << g.id;
        bool truetype = fonts().info(run.font).outlines == text::Outlines::TrueType;
        if (truetype && g.x_advance != 0) {
          EXPECT_FALSE(has_nonspacing_mark(g.text))
              << name << ": glyph " << g.id << " reads '" << g.text << "' but has an advance";
        }
        if (g.is_carrier) {
          EXPECT_EQ(g.x_advance, 0);
        }
      }
      all += run.text;
    }
    EXPECT_EQ(all.size(), shaped.text.size()) << name << ": every byte in exactly one run";
    EXPECT_TRUE(shaped.missing.empty()) << name;
  }
}

void expect_same_shaping(const text::ShapedText& a, const text::ShapedText& b,
                         const std::string& what) {
  ASSERT_EQ(a.text, b.text) << what;
  ASSERT_EQ(a.rtl, b.rtl) << what;
  ASSERT_EQ(a.missing.size(), b.missing.size()) << what;
  ASSERT_EQ(a.runs.size(), b.runs.size()) << what;
  for (std::size_t r = 0; r < a.runs.size(); ++r) {
    const auto &x = a.runs[r], &y = b.runs[r];
    ASSERT_EQ(x.font, y.font) << what;
    ASSERT_EQ(x.script, y.script) << what;
    ASSERT_EQ(x.text, y.text) << what;
    ASSERT_EQ(x.rtl, y.rtl) << what;
    ASSERT_EQ(x.width, y.width) << what;
    ASSERT_EQ(x.glyphs.size(), y.glyphs.size()) << what;
    for (std::size_t g = 0; g < x.glyphs.size(); ++g) {
      const auto &p = x.glyphs[g], &q = y.glyphs[g];
      EXPECT_TRUE(p.id == q.id && p.x_advance == q.x_advance && p.x_offset == q.x_offset &&
                  p.y_offset == q.y_offset && p.text == q.text && p.is_space == q.is_space &&
                  p.is_missing == q.is_missing && p.is_carrier == q.is_carrier &&
                  p.cluster == q.cluster)
          << what << ": glyph " << g;
    }
  }
}

// shape() takes a shortcut for plain left-to-right text in one font; it
// must give exactly what the whole pipeline gives, for every kind of name
// (those it takes and those it must leave alone: ligatures, marks, other
// scripts, fallback, digits only, punctuation only).
TEST(Shape, TheFastPathGivesWhatTheWholePipelineGives) {
  std::vector<std::string> texts(std::begin(kNames), std::end(kNames));
  for (const char* t : {"Anna-Lena O'Brien", "ﬁ ffi office", "Zoë d\u0301", "12345", "...",
                        " Leading and trailing ", "Ærøskøbing · Denmark", "Łódź · Poland",
                        "İstanbul · Türkiye", "Ἀθῆναι", "Ёлкин Пётр", "x\u200Dy", "a\tb",
                        "Jean\u00A0Dupont", "A B C", "Mr. & Mrs. (Smith) #1"}) {
    texts.emplace_back(t);
  }
  std::istringstream rows = [] {
    std::ostringstream out;
    sample::write_csv(out, sample::Tables::load(std::string(DOSSIER_SOURCE_DIR) + "/data/sample"),
                      3000, 7);
    return std::istringstream(out.str());
  }();
  std::string row;
  std::getline(rows, row);  // header
  while (std::getline(rows, row)) {
    // name, city, country, ...: the sample quotes nothing with a comma.
    auto a = row.find(',');
    auto b = row.find(',', a + 1);
    texts.push_back(row.substr(0, a));
    texts.push_back(row.substr(a + 1, b - a - 1));
  }
  for (const auto& t : texts) {
    for (const auto& style : {text::Style{"serif"}, text::Style{"sans", "", "JP"}}) {
      expect_same_shaping(text::shape(fonts(), t, style), text::shape_itemised(fonts(), t, style),
                          t);
    }
  }
  // A build shapes names through the run's cache, word by word: three
  // times, because the store keeps a word when it sees it a second time,
  // so that the third pass takes every word from the store.
  for (const char* t : {"ﬁ office ffi", "office ﬁ", "Anna  Maria", " Anna", "Anna ", "a \u0301b",
                        "Zoë d\u0301 Zoë", "Ёлкин Пётр Ёлкин", "Ἀθῆναι Ἀθῆναι", "12 345 678",
                        "fi ff fl ffi ffl", "Jean\u00A0Dupont Jean"}) {
    texts.emplace_back(t);
  }
  // Numbers and ASCII punctuation, which take their glyphs from the cmap
  // where no lookup touches them.
  for (int number = 0; number < 100000; number += 97) texts.push_back(std::to_string(number));
  for (const char* t :
       {"1,234.5", "(12) #3 [4]", "a1", "1a", "Ta", "AV", "x/y", "1/2", "--", "'"}) {
    texts.emplace_back(t);
  }
  text::ShapeCache cache(fonts());
  for (int pass = 0; pass < 3; ++pass) {
    for (const auto& t : texts) {
      for (const auto& style : {text::Style{"serif"}, text::Style{"sans", "", "DE"}}) {
        expect_same_shaping(*cache.shape_once(t, style), text::shape_itemised(fonts(), t, style),
                            t + " (by words, pass " + std::to_string(pass + 1) + ")");
      }
    }
  }
}

// Past its bound the store keeps no more words; names still come out right.
TEST(Shape, WordsPastTheStoresBoundAreShapedAlike) {
  text::ShapeCache cache(fonts());
  const text::Style style{"serif"};
  for (int i = 0; i < 70000; ++i) {
    // Distinct words of letters only: "Ab", "Ac", ... then longer.
    std::string word = "A";
    for (int k = i; k > 0; k /= 26) word += static_cast<char>('a' + k % 26);
    const auto name = word + " Office " + word;
    const auto shaped = cache.shape_once(name, style);
    if (i % 5000 == 4999) {
      expect_same_shaping(*shaped, text::shape_itemised(fonts(), name, style), name);
    }
  }
}

// Names of words that never recur, as hostile or random rows have them.
void shape_unique_names(text::WordShapes& words, int count) {
  const text::Style style{"serif"};
  for (int i = 0; i < count; ++i) {
    std::string a = "Q", b = "Z";
    for (int k = i; k > 0; k /= 26) a += static_cast<char>('a' + k % 26);
    for (int k = i * 7 + 3; k > 0; k /= 26) b += static_cast<char>('a' + k % 26);
    text::shape(fonts(), a + " " + b, style, words);
  }
}

// The names of `count` sample rows, whose words recur as real names' do.
void shape_sample_names(text::WordShapes& words, int count) {
  std::istringstream rows = [count] {
    std::ostringstream out;
    sample::write_csv(out, sample::Tables::load(std::string(DOSSIER_SOURCE_DIR) + "/data/sample"),
                      static_cast<std::size_t>(count), 11);
    return std::istringstream(out.str());
  }();
  std::string row;
  std::getline(rows, row);  // header
  while (std::getline(rows, row))
    text::shape(fonts(), row.substr(0, row.find(',')), text::Style{"serif"}, words);
}

// Names of words that never recur would cost more shaped word by word; the
// store notices and stops splitting them. Sample names keep being split.
TEST(Shape, NamesStopBeingSplitWhereTheirWordsDoNotRecur) {
  text::WordShapes unique(fonts());
  shape_unique_names(unique, 40000);
  EXPECT_FALSE(unique.splitting_all());

  text::WordShapes recurring(fonts());
  shape_sample_names(recurring, 40000);
  EXPECT_TRUE(recurring.splitting_all());
}

// A petition whose junk rows come first: the store's probes see the real
// names' words recur and splitting resumes, because the junk was never
// kept (a word is kept when seen twice) and so did not fill the store.
TEST(Shape, NamesAreSplitAgainOnceWordsRecurAfterJunk) {
  text::WordShapes words(fonts());
  shape_unique_names(words, 60000);
  ASSERT_FALSE(words.splitting_all());
  shape_sample_names(words, 40000);
  EXPECT_TRUE(words.splitting_all());
}

text::FontId font_from_file(const std::string& file_name) {
  for (text::FontId id = 0; id < fonts().size(); ++id) {
    if (fonts().info(id).file.filename() == file_name) return id;
  }
  ADD_FAILURE() << file_name << " is not installed";
  return 0;
}

// Word by word is the way for the text fonts of names, and refused where a
// lookup involves the space (Noto Sans Georgian kerns it in Latin text).
TEST(Shape, SpacesStandAloneOnlyWhereNoLookupSeesThem) {
  auto stand_alone = [](text::FontId id, hb_script_t script) {
    const auto& face = fonts().face(id);
    return text::spaces_stand_alone(face.hb_face(), face.hb_font(), script,
                                    hb_language_get_default());
  };
  EXPECT_TRUE(stand_alone(fonts().role("serif").front(), HB_SCRIPT_LATIN));
  EXPECT_TRUE(stand_alone(fonts().role("serif").front(), HB_SCRIPT_CYRILLIC));
  EXPECT_TRUE(stand_alone(fonts().role("sans").front(), HB_SCRIPT_LATIN));
  EXPECT_FALSE(stand_alone(font_from_file("NotoSansGeorgian-Regular.ttf"), HB_SCRIPT_LATIN));
}

// Digits are touched only by the fraction features, which HarfBuzz applies
// around a fraction slash alone (Noto Sans's 'ccmp' has a lookup with the
// zero in it, so numbers with a zero are shaped); kerned letters are
// touched.
TEST(Shape, DigitsAreUntouchedAndKernedLettersAreNot) {
  const auto& face = fonts().face(fonts().role("sans").front());
  const auto untouched = text::untouched_ascii(face.hb_face(), face.hb_font(), HB_SCRIPT_COMMON,
                                               hb_language_get_default());
  for (char c = '1'; c <= '9'; ++c) EXPECT_TRUE(untouched.test(static_cast<unsigned char>(c))) << c;
  for (char c : {'A', 'V', 'T', 'f'})
    EXPECT_FALSE(untouched.test(static_cast<unsigned char>(c))) << c;
}

TEST(Shape, NormalisesToNfc) {
  auto shaped = text::shape(fonts(), "Go\u0308tze", {"serif", ""});
  EXPECT_EQ(shaped.text, "Götze");
}

TEST(Shape, RejectsInvalidUtf8WithTheOffset) {
  try {
    text::shape(fonts(), "ab\xff", {"serif", ""});
    FAIL() << "no error for invalid UTF-8";
  } catch (const text::EncodingError& e) {
    EXPECT_NE(std::string(e.what()).find("byte 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(text::normalize_nfc("\xc3"), text::EncodingError);
}

TEST(Shape, BaseDirectionComesFromTheFirstStrongCharacter) {
  EXPECT_TRUE(text::shape(fonts(), "אבג abc", {"serif", ""}).rtl);
  EXPECT_FALSE(text::shape(fonts(), "abc אבג", {"serif", ""}).rtl);
  EXPECT_TRUE(text::shape(fonts(), "123 אבג abc", {"serif", ""}).rtl);
}

TEST(Shape, RightToLeftRunsComeInVisualOrder) {
  // "abc" then Hebrew then "xyz" in an LTR paragraph: three runs, Hebrew in
  // the middle with its glyphs reversed.
  auto shaped = text::shape(fonts(), "abc אבג xyz", {"serif", ""});
  ASSERT_EQ(shaped.runs.size(), 3u);
  EXPECT_FALSE(shaped.runs[0].rtl);
  EXPECT_TRUE(shaped.runs[1].rtl);
  EXPECT_EQ(shaped.runs[1].script, "Hebr");
  EXPECT_EQ(shaped.runs[1].glyphs.back().text, "א") << "drawn rightmost";
}

TEST(Shape, FallsBackByCoverageAndReturnsToTheTextFont) {
  auto shaped = text::shape(fonts(), "a ✊ b", {"serif", ""});
  ASSERT_GE(shaped.runs.size(), 2u);
  EXPECT_EQ(fonts().info(shaped.runs.front().font).postscript_name, "NotoSerif-Regular");
  EXPECT_EQ(fonts().info(shaped.runs.back().font).postscript_name, "NotoSerif-Regular");
  bool symbola = false;
  for (const auto& r : shaped.runs) symbola |= fonts().info(r.font).postscript_name == "Symbola";
  EXPECT_TRUE(symbola);
}

TEST(Shape, ReportsACharacterNoFontCoversAndKeepsTheRest) {
  // U+E000, a private-use character: no installed font has it (Egyptian
  // hieroglyphs, cuneiform and Linear A all have Noto fonts).
  auto shaped = text::shape(fonts(), "a\uE000b", {"serif", ""});
  ASSERT_EQ(shaped.missing.size(), 1u);
  EXPECT_EQ(shaped.missing[0].codepoint, U'\uE000');
  EXPECT_EQ(shaped.missing[0].offset, 1u);
  std::string read;
  int drawn = 0;
  for (const auto& r : shaped.runs) {
    for (const auto& g : r.glyphs) {
      read += g.text;
      drawn += g.id != 0;
    }
  }
  EXPECT_EQ(read, "a\uE000b") << "the missing character still reads as itself";
  EXPECT_EQ(drawn, 2) << "a and b are drawn";
  EXPECT_EQ(text::codepoint_label(U'\U00013000'), "U+13000");
  EXPECT_EQ(text::describe_codepoint(U'\uE000'), "U+E000 <private use area-E000>");
  EXPECT_EQ(text::script_code(U'\uE000'), "Zzzz");
}

TEST(Shape, EmptyTextHasNoRuns) {
  auto shaped = text::shape(fonts(), "", {"serif", ""});
  EXPECT_TRUE(shaped.runs.empty());
  EXPECT_EQ(shaped.width(fonts(), 10), 0);
}

TEST(FontLibrary, ReportsAMissingFontFileByName) {
  text::FontManifest m;
  m.search_dirs.push_back("/nonexistent");
  m.roles["serif"].push_back({"NoSuchFont.ttf", 0});
  try {
    text::FontLibrary lib(m);
    FAIL() << "no error for a missing font";
  } catch (const text::FontError& e) {
    EXPECT_NE(std::string(e.what()).find("NoSuchFont.ttf"), std::string::npos) << e.what();
  }
}

TEST(FontLibrary, UnknownRoleIsAnError) {
  EXPECT_THROW(text::shape(fonts(), "x", {"no-such-role", ""}), text::FontError);
}

}  // namespace
}  // namespace dossier::test
