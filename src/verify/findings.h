// Internal to the verify stage: the discrepancies found in one file, the
// first few listed and the rest counted.
#pragma once

#include <cstdint>
#include <string>

#include "verify/verify.h"

namespace dossier::verify {

class Findings {
 public:
  Findings(VolumeReport& report, std::size_t max) : report_(report), max_(max) {}
  void add(std::size_t page, std::uint64_t signature, std::string what) {
    ++report_.discrepancies;
    if (report_.listed.size() < max_) {
      report_.listed.push_back({report_.file, page, signature, std::move(what)});
    }
  }

 private:
  VolumeReport& report_;
  std::size_t max_;
};

}  // namespace dossier::verify
