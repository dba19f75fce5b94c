#include "iso8601/iso8601.h"

#include <gtest/gtest.h>

namespace dossier::test {
namespace {

using namespace std::chrono;

TEST(Iso8601, ReadsTheConfigsDateWithItsOffset) {
  const auto m = iso8601::parse("2022-12-09T09:30:00+01:00");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->utc, sys_days(year(2022) / 12 / 9) + hours(8) + minutes(30));
  EXPECT_EQ(m->offset, minutes(60));
  EXPECT_EQ(iso8601::format(*m), "2022-12-09T09:30:00+01:00");
  EXPECT_EQ(iso8601::format_utc(m->utc), "2022-12-09T08:30:00Z");
}

// The document information dictionary (libharu, from pdf/writer.cpp) and
// an attachment's /ModDate (pdf/pdfa.cpp) must say the same instant the
// same way: offset included, UTC as +00'00'.
TEST(Iso8601, PdfDatesKeepTheOffset) {
  EXPECT_EQ(iso8601::pdf_date(*iso8601::parse("2022-12-09T09:30:00+01:00")),
            "D:20221209093000+01'00'");
  EXPECT_EQ(iso8601::pdf_date(*iso8601::parse("2022-10-07T11:00:00-05:30")),
            "D:20221007110000-05'30'");
  EXPECT_EQ(iso8601::pdf_date(*iso8601::parse("2022-10-07T11:00:00Z")), "D:20221007110000+00'00'");
  EXPECT_EQ(iso8601::pdf_date(*iso8601::parse("2022-10-07")), "D:20221007000000+00'00'");
}

TEST(Iso8601, ReadsWhatSpreadsheetExportsWrite) {
  EXPECT_EQ(iso8601::parse("2022-10-07 21:05")->utc,
            sys_days(year(2022) / 10 / 7) + hours(21) + minutes(5));
  EXPECT_EQ(iso8601::parse("2022-10-07T21:05:09.123Z")->utc,
            sys_days(year(2022) / 10 / 7) + hours(21) + minutes(5) + seconds(9));
  EXPECT_EQ(iso8601::parse("2022-1-7")->utc, sys_days(year(2022) / 1 / 7));
  EXPECT_EQ(iso8601::parse("2022-10-07T21:05-0200")->utc,
            sys_days(year(2022) / 10 / 7) + hours(23) + minutes(5));
  // A time without seconds still reads its offset.
  EXPECT_EQ(iso8601::parse("2022-10-07T21:05+02:00")->utc,
            sys_days(year(2022) / 10 / 7) + hours(19) + minutes(5));
}

TEST(Iso8601, RefusesWhatIsNoDate) {
  for (const char* text : {"", "07.10.2022", "2022/10/07", "2022-13-01", "2022-00-10", "yesterday",
                           "2022-10-07T", "2022-10-07T21"}) {
    EXPECT_FALSE(iso8601::parse(text)) << text;
  }
}

TEST(Iso8601, FormatsAroundTheEpochAndLeapDays) {
  EXPECT_EQ(iso8601::format_utc(sys_seconds(seconds(0))), "1970-01-01T00:00:00Z");
  EXPECT_EQ(
      iso8601::format_utc(sys_days(year(2024) / 2 / 29) + hours(23) + minutes(59) + seconds(59)),
      "2024-02-29T23:59:59Z");
  EXPECT_EQ(
      iso8601::format(iso8601::Moment{sys_days(year(2022) / 12 / 31) + hours(23), minutes(120)}),
      "2023-01-01T01:00:00+02:00");
}

}  // namespace
}  // namespace dossier::test
