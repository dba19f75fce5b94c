// manifest.json is read back by verify and merge from folders that may
// have been handled by anyone, so its reader must survive any bytes.
// Besides crashes, this checks the promise the byte-identity of merge
// rests on: whatever reads as a manifest writes out as JSON that reads
// back to the same manifest and writes the same bytes again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace manifest = dossier::manifest;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  manifest::Manifest m;
  try {
    m = manifest::from_json(text);
  } catch (const manifest::FormatError&) {
    return 0;  // NotJson included: refused with a message, as it should be
  }
  const auto once = manifest::to_json(m);
  std::string twice;
  try {
    twice = manifest::to_json(manifest::from_json(once));
  } catch (const manifest::FormatError& e) {
    std::fprintf(stderr, "fuzz_manifest: what to_json wrote does not read back: %s\n", e.what());
    std::abort();
  }
  if (twice != once) {
    std::fprintf(stderr, "fuzz_manifest: written twice, the bytes differ\n");
    std::abort();
  }
  return 0;
}
