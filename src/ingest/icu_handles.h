// Internal to the ingest stage: owning handles for the ICU C objects the
// readers use, so that every early return and exception closes them.
#pragma once

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>

namespace dossier::ingest {

struct ConverterClose {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterClose>;

struct DetectorClose {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using CharsetDetector = std::unique_ptr<UCharsetDetector, DetectorClose>;

struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileClose>;

}  // namespace dossier::ingest
