// Placeholder until the ingest rules get their fixtures.
#include <gtest/gtest.h>

#include "ingest/ingest.h"

TEST(Ingest, SlugIsAscii) { EXPECT_EQ(dossier::ingest::slug("Алесь Бяляцкі"), "ales-balacki"); }
