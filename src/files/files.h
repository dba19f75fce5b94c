// Reading a whole file, for the stages that read their inputs (templates,
// fonts' companions, the verify stage's lists) in one piece.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::files {

// All bytes of `file`, or nullopt if it cannot be opened or read: each
// caller names the file in an error of its own stage.
std::optional<std::string> read_all(const std::filesystem::path& file);

// Writes `bytes` as the whole of `file`, flushed; false if any of it
// could not be written (a full disk), for the caller to name the file.
bool write_all(const std::filesystem::path& file, std::string_view bytes);

}  // namespace dossier::files
