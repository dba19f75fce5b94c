#include "ingest/collation.h"

#include <unicode/unistr.h>

namespace dossier::ingest {

void append_collation_key(const icu::Collator& collator, std::string_view utf8, std::string& key) {
  const auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const auto at = key.size();
  key.resize(at + static_cast<std::size_t>(collator.getSortKey(text, nullptr, 0)));
  collator.getSortKey(text, reinterpret_cast<uint8_t*>(key.data() + at),
                      static_cast<int32_t>(key.size() - at));
}

std::string collation_key(const icu::Collator& collator, std::string_view utf8) {
  std::string key;
  append_collation_key(collator, utf8, key);
  return key;
}

}  // namespace dossier::ingest
