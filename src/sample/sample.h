// Synthetic petition signatures for `dossier sample`, so the renderer can be
// exercised at realistic scale and script mix without real personal data.
#pragma once
#include <cstdint>
#include <ostream>
namespace dossier::sample {
// Writes `count` realistic synthetic petition signatures as CSV (RFC 4180,
// UTF-8, LF) to `out`: header `name,city,country,signed_at,email`, then one
// row per signature in signing order (signed_at ascending). Deterministic:
// the same count and seed give the same bytes on every platform.
void write_csv(std::ostream& out, std::uint64_t count, std::uint64_t seed);
}  // namespace dossier::sample
