// Reading a whole file, for the stages that read their inputs (templates,
// fonts' companions, the verify stage's lists) in one piece.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace dossier::files {

// All bytes of `file`, or nullopt if it cannot be opened or read: each
// caller names the file in an error of its own stage.
std::optional<std::string> read_all(const std::filesystem::path& file);

}  // namespace dossier::files
