// ICU sort keys: a row's key is computed once, and sorting compares bytes.
#pragma once

#include <unicode/coll.h>

#include <string>
#include <string_view>

namespace dossier::ingest {

// Appends the collator's sort key for `utf8` to `key`, its terminating
// zero byte included: a key made of several texts' keys so appended orders
// by the first text, then the next.
void append_collation_key(const icu::Collator& collator, std::string_view utf8, std::string& key);

// The sort key of one text (with its terminating zero byte).
std::string collation_key(const icu::Collator& collator, std::string_view utf8);

}  // namespace dossier::ingest
