// The XMP packet verify reads comes from a PDF being checked, which anyone
// may have handled, so the reader must survive any bytes. Besides crashes:
// what it returns is trimmed, and an identification it finds is judged
// without throwing.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "verify/xmp.h"

namespace verify = dossier::verify;

namespace {

bool trimmed(std::string_view v) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  return v.empty() || (!ws(v.front()) && !ws(v.back()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view xmp(reinterpret_cast<const char*>(data), size);
  auto id = verify::read_pdfa_id(xmp);
  if (id && (!trimmed(id->part) || !trimmed(id->conformance))) {
    std::fprintf(stderr, "fuzz_xmp: a value is not trimmed\n");
    std::abort();
  }
  verify::VolumeReport r;
  verify::Findings findings(r, 10);
  verify::check_pdfa_id(xmp, r, findings);
  if (r.pdfa.empty() == (r.discrepancies == 0)) {
    std::fprintf(stderr, "fuzz_xmp: neither an identification nor a finding, or both\n");
    std::abort();
  }
  return 0;
}
