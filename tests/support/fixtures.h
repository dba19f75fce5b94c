// Small pieces the build and reader tests share: the project's templates
// with one setting changed, and the fields of a CSV line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossier::test {

// Copies the project's templates into `dir` with the dossier.toml line
// that sets `key` replaced by `key = value` (value as TOML: "60", "true").
// Fails the calling test when dossier.toml has no such line.
void write_templates(const std::filesystem::path& dir, const std::string& key,
                     const std::string& value);

// What a build printed with the privacy block taken out ("privacy
// (edition ...):" to its "  printed: " line), for tests of the rest; fails
// the calling test when there is no such block, which every build prints.
std::string without_privacy_block(const std::string& output);

// The fields of one RFC 4180 line (quotes doubled inside quoted fields);
// the files read with it have no line breaks inside fields.
std::vector<std::string> csv_fields(const std::string& line);

}  // namespace dossier::test
