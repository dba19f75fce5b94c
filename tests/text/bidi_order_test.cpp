// text::visual_order and text::logical_order: what the writer gives
// readers as /ActualText, and how verify gets the name back from it.
#include "text/bidi_order.h"

#include <gtest/gtest.h>

namespace dossier::text {
namespace {

TEST(BidiOrder, RightToLeftWordsAreReversedAndComeBack) {
  const std::string name = "מאיה יוסף";
  const auto visual = visual_order(name);
  EXPECT_EQ(visual, "ףסוי היאמ");
  EXPECT_EQ(logical_order(visual), name);
}

TEST(BidiOrder, LeftToRightTextIsItsOwnVisualOrder) {
  EXPECT_EQ(visual_order("Weißenborn-Brandt"), "Weißenborn-Brandt");
  EXPECT_EQ(logical_order("Weißenborn-Brandt"), "Weißenborn-Brandt");
}

// Digits and a Latin word inside a right-to-left name keep their own
// order; brackets are mirrored, as they are drawn.
TEST(BidiOrder, MixedDirectionRoundTrips) {
  for (std::string name : {"אברהם לוי 2", "عبد الله الثاني 2", "محمد (Mo) صلاح", "דוד (David) לוי",
                           "فاطمة الزهراء [Fatima]"}) {
    const auto visual = visual_order(name);
    EXPECT_NE(visual, name);
    EXPECT_EQ(logical_order(visual), name) << name;
  }
  EXPECT_EQ(visual_order("محمد (Mo) صلاح"), "حالص (Mo) دمحم");
}

// Two names can look exactly alike on a line: the inverse gives one of
// them, and verify compares every expected name through the same two
// steps (verify::as_read), so both read back as that one.
TEST(BidiOrder, NamesThatLookAlikeReadBackAlike) {
  const std::string a = "محمد (Mo) Salah";
  const auto back = logical_order(visual_order(a));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(visual_order(*back), visual_order(a));
  EXPECT_EQ(logical_order(visual_order(*back)), back);
}

TEST(BidiOrder, RightToLeftLetters) {
  EXPECT_TRUE(has_rtl_letter("Israel · תל אביב"));
  EXPECT_TRUE(has_rtl_letter("علی‌رضا"));
  EXPECT_FALSE(has_rtl_letter("Ἀθῆναι 12 (x)"));
  EXPECT_FALSE(has_rtl_letter(""));
}

}  // namespace
}  // namespace dossier::text
