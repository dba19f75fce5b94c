// Internal to the ingest stage: bounds on the length of a field, so that
// one junk row (a spam bot's megabyte, a broken export) costs no more work
// than a real name. Lengths are counted in grapheme clusters (what a reader
// sees as one character), as the limits in dossier.toml are.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::ingest {

// Grapheme clusters in `utf8` (ICU's character break rules); invalid bytes
// count as one cluster each. Linear in the field's length.
std::size_t count_clusters(std::string_view utf8);

// Why `value` is too long to be a `what` ("name is 1,048,576 characters;
// the limit is 256"), or nullopt. A field of at most `limit` bytes is never
// counted: a cluster has at least one byte, so real names cost nothing.
std::optional<std::string> check_length(std::string_view what, std::string_view value,
                                        std::size_t limit);

// The first `clusters` grapheme clusters of `utf8` followed by "…" when it
// is longer, so that a junk field cannot bloat the reject report. Invalid
// UTF-8 gives an empty string (the report never carries broken bytes).
// Whether the bytes are well-formed UTF-8 (shared by the row checks).
bool valid_utf8(std::string_view utf8);

std::string shortened(std::string_view utf8, std::size_t clusters);

}  // namespace dossier::ingest
