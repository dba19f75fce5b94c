// One-line golden cases, as in HarfBuzz's .tests files: each line of a
// fixture file is "input => expected"; blank lines and lines starting
// with '#' are kept as they are. To add a case, write its input with
// "=> ?" and run the test with DOSSIER_UPDATE_FIXTURES=1: the file is
// rewritten with what the code gives now. Read the diff before committing.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace dossier::test {

// Checks (or, with DOSSIER_UPDATE_FIXTURES set, rewrites) every case of
// `file` against `got(input)`; fails the test if fewer than `at_least`
// cases ran, so an emptied file cannot pass.
void check_golden_lines(const std::filesystem::path& file,
                        const std::function<std::string(const std::string& input)>& got,
                        int at_least);

// \uXXXX and \UXXXXXXXX escapes, so invisible characters stay visible in
// a fixture.
std::string unescape(const std::string& s);

}  // namespace dossier::test
