#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hpdf.h>
#include <poppler-config.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include "app/commands.h"

namespace dossier::app {

namespace fs = std::filesystem;

// fonts/, templates/ and data/ are found next to the working directory
// first (a user's own templates win), then beside the binary: an installed
// one reads <prefix>/share/dossier/ and only that, so what an installation
// renders never depends on a checkout that happens to remain on the disk;
// a binary in its build tree reads the source tree it was built from.
fs::path project_file(const fs::path& relative) {
  if (fs::exists(relative)) return relative;
  std::error_code error;
  const auto binary = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = (binary.parent_path() / DOSSIER_DATA_FROM_BIN).lexically_normal();
    if (fs::is_directory(installed)) return installed / relative;
  }
  fs::path in_source = fs::path(DOSSIER_SOURCE_DIR) / relative;
  if (fs::exists(in_source)) return in_source;
  return relative;
}

text::FontManifest load_manifest(const std::string& fonts) {
  return text::FontManifest::load(fonts.empty() ? project_file("fonts/fonts.toml")
                                                : fs::path(fonts));
}

// What a bug report needs: this build, and the libraries it runs with, as
// they report themselves at run time (a container's may differ from the
// machine's it was built on). Poppler's core has no run-time query; its
// soname pins the version it was built against.
std::string version_text() {
  std::string freetype = "unavailable";
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) {
    FT_Int major = 0, minor = 0, patch = 0;
    FT_Library_Version(library, &major, &minor, &patch);
    FT_Done_FreeType(library);
    freetype = fmt::format("{}.{}.{}", major, minor, patch);
  }
  UVersionInfo icu_version;
  u_getVersion(icu_version);
  char icu[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu_version, icu);
  return fmt::format(
      "dossier {} (commit {})\nHarfBuzz {}\nFreeType {}\nICU {}\nlibharu {}\npoppler {}",
      DOSSIER_VERSION, DOSSIER_COMMIT, hb_version_string(), freetype, icu, HPDF_GetVersion(),
      POPPLER_VERSION);
}

}  // namespace dossier::app
