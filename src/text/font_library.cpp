#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <toml++/toml.h>

#include <fstream>
#include <sstream>

#include "text/loaded_face.h"

namespace dossier::text {
namespace {

struct FtLibrary {
  FT_Library lib = nullptr;
  FtLibrary() {
    if (FT_Init_FreeType(&lib) != 0) throw FontError("could not start FreeType");
  }
  ~FtLibrary() { FT_Done_FreeType(lib); }
  FtLibrary(const FtLibrary&) = delete;
  FtLibrary& operator=(const FtLibrary&) = delete;
};

struct FtFace {
  FT_Face face = nullptr;
  ~FtFace() {
    if (face) FT_Done_Face(face);
  }
};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw FontError(
        fmt::format("cannot read font file {}: it is missing or unreadable (install the "
                    "Noto fonts with the README's first command, or fix fonts/fonts.toml)",
                    file.string()));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

// Reads the metrics a PDF font descriptor needs. FreeType rather than
// HarfBuzz because it also validates the file and knows the PostScript name
// of CFF faces.
void read_metrics(const std::string& bytes, unsigned face_index, const std::filesystem::path& file,
                  FaceInfo& info) {
  FtLibrary lib;
  FtFace ft;
  if (FT_New_Memory_Face(lib.lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                         static_cast<FT_Long>(bytes.size()), static_cast<FT_Long>(face_index),
                         &ft.face) != 0) {
    throw FontError(
        fmt::format("font file {} (face {}) is corrupt or not a font FreeType can read; "
                    "reinstall it or remove it from fonts/fonts.toml",
                    file.string(), face_index));
  }
  FT_Face f = ft.face;
  if (!FT_IS_SCALABLE(f) || f->units_per_EM == 0) {
    throw FontError(fmt::format("font file {} has no scalable outlines", file.string()));
  }
  const char* ps = FT_Get_Postscript_Name(f);
  info.postscript_name = ps ? ps : file.stem().string();
  info.family = f->family_name ? f->family_name : info.postscript_name;
  info.units_per_em = f->units_per_EM;
  info.ascender = f->ascender;
  info.descender = f->descender;
  info.bbox[0] = static_cast<int>(f->bbox.xMin);
  info.bbox[1] = static_cast<int>(f->bbox.yMin);
  info.bbox[2] = static_cast<int>(f->bbox.xMax);
  info.bbox[3] = static_cast<int>(f->bbox.yMax);
  info.fixed_pitch = FT_IS_FIXED_WIDTH(f);
  info.cap_height = info.ascender;
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2))) {
    if (os2->version >= 2 && os2->sCapHeight > 0) info.cap_height = os2->sCapHeight;
    // sFamilyClass high byte 1..7 are serif classes (OpenType OS/2 spec).
    int family_class = (os2->sFamilyClass >> 8) & 0xff;
    info.serif = family_class >= 1 && family_class <= 7;
  }
  if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(f, FT_SFNT_POST))) {
    info.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
  }
}

}  // namespace

LoadedFace::LoadedFace(const std::filesystem::path& file, unsigned face_index)
    : bytes_(read_file(file)) {
  info_.file = file;
  info_.face_index = face_index;
  read_metrics(bytes_, face_index, file, info_);

  blob_.reset(hb_blob_create(bytes_.data(), static_cast<unsigned>(bytes_.size()),
                             HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  if (face_index >= hb_face_count(blob_.get())) {
    throw FontError(fmt::format("font file {} has no face {}", file.string(), face_index));
  }
  face_.reset(hb_face_create(blob_.get(), face_index));
  if (hb_face_get_glyph_count(face_.get()) == 0) {
    throw FontError(fmt::format("font file {} has no glyphs", file.string()));
  }
  font_.reset(hb_font_create(face_.get()));
  hb_font_make_immutable(font_.get());  // shared by threads from here on
  coverage_.reset(hb_set_create());
  hb_face_collect_unicodes(face_.get(), coverage_.get());

  HbBlob cff(hb_face_reference_table(face_.get(), HB_TAG('C', 'F', 'F', ' ')));
  info_.outlines = hb_blob_get_length(cff.get()) > 0 ? Outlines::Cff : Outlines::TrueType;
  // Carriers need a glyph with no advance and no outline, so that the PDF
  // width (zero) agrees with the font program, as PDF/A requires (ISO
  // 19005-2 6.2.11.5). Zero-width spaces and joiners are such glyphs. A CFF
  // font's CIDs are its glyph ids, so one glyph cannot carry two texts
  // there: no carriers.
  if (info_.outlines == Outlines::TrueType) {
    for (char32_t cp : {U'\u200B', U'\u200D', U'\u200C', U'\u2060', U'\uFEFF'}) {
      hb_codepoint_t glyph = 0;
      hb_glyph_extents_t extents{};
      if (hb_font_get_nominal_glyph(font_.get(), cp, &glyph) && glyph != 0 &&
          hb_font_get_glyph_h_advance(font_.get(), glyph) == 0 &&
          (!hb_font_get_glyph_extents(font_.get(), glyph, &extents) ||
           (extents.width == 0 && extents.height == 0))) {
        carrier_ = glyph;
        break;
      }
    }
  }
  // PDF 32000-1 9.8.2: Symbolic is for fonts outside the standard Latin set.
  info_.symbolic = !covers(U'a') || !covers(U'Z');
}

FontManifest FontManifest::load(const std::filesystem::path& toml_file) {
  toml::table table;
  try {
    table = toml::parse_file(toml_file.string());
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    throw FontError(fmt::format("font manifest {}: {} (at {})", toml_file.string(), e.description(),
                                where.str()));
  }
  FontManifest m;
  const auto base = toml_file.parent_path();
  if (auto* dirs = table["search"].as_array()) {
    for (auto& d : *dirs) {
      auto s = d.value<std::string>();
      if (!s)
        throw FontError(
            fmt::format("font manifest {}: 'search' must list strings", toml_file.string()));
      std::filesystem::path p(*s);
      m.search_dirs.push_back(p.is_absolute() ? p : base / p);
    }
  }
  m.search_dirs.push_back(base);
  auto* roles = table["roles"].as_table();
  if (!roles || roles->empty()) {
    throw FontError(fmt::format("font manifest {} has no [roles] table", toml_file.string()));
  }
  for (auto& [name, list] : *roles) {
    auto* arr = list.as_array();
    if (!arr || arr->empty()) {
      throw FontError(
          fmt::format("font manifest {}: role '{}' must be a non-empty list of font files",
                      toml_file.string(), name.str()));
    }
    auto& specs = m.roles[std::string(name.str())];
    for (auto& entry : *arr) {
      auto s = entry.value<std::string>();
      if (!s)
        throw FontError(fmt::format("font manifest {}: role '{}' must list strings",
                                    toml_file.string(), name.str()));
      FontSpec spec;
      // "file.ttc#2" names face 2 of a collection.
      auto hash = s->rfind('#');
      if (hash != std::string::npos) {
        spec.file = s->substr(0, hash);
        try {
          spec.face_index = static_cast<unsigned>(std::stoul(s->substr(hash + 1)));
        } catch (const std::exception&) {
          throw FontError(
              fmt::format("font manifest {}: bad face index in '{}'", toml_file.string(), *s));
        }
      } else {
        spec.file = *s;
      }
      specs.push_back(spec);
    }
  }
  return m;
}

namespace {
std::filesystem::path resolve(const FontManifest& m, const FontSpec& spec) {
  std::filesystem::path p(spec.file);
  if (p.is_absolute()) return p;
  for (const auto& dir : m.search_dirs) {
    auto candidate = dir / p;
    if (std::filesystem::exists(candidate)) return candidate;
  }
  // Not found: report the first place we looked, so the error names a path.
  return m.search_dirs.empty() ? p : m.search_dirs.front() / p;
}
}  // namespace

FontLibrary::FontLibrary(const FontManifest& manifest) {
  std::map<std::pair<std::string, unsigned>, FontId> loaded;
  for (const auto& [role, specs] : manifest.roles) {
    auto& ids = roles_[role];
    for (const auto& spec : specs) {
      auto path = resolve(manifest, spec);
      auto key = std::make_pair(path.string(), spec.face_index);
      auto it = loaded.find(key);
      if (it == loaded.end()) {
        faces_.push_back(std::make_unique<LoadedFace>(path, spec.face_index));
        it = loaded.emplace(key, static_cast<FontId>(faces_.size() - 1)).first;
      }
      ids.push_back(it->second);
    }
  }
}

FontLibrary::~FontLibrary() = default;

const std::vector<FontId>& FontLibrary::role(const std::string& name) const {
  auto it = roles_.find(name);
  if (it == roles_.end()) {
    throw FontError(fmt::format("the font manifest has no role '{}'", name));
  }
  return it->second;
}

bool FontLibrary::has_role(const std::string& name) const { return roles_.count(name) != 0; }

const FaceInfo& FontLibrary::info(FontId id) const { return faces_.at(id)->info(); }

bool FontLibrary::covers(FontId id, char32_t cp) const { return faces_.at(id)->covers(cp); }

std::string_view FontLibrary::file_bytes(FontId id) const { return faces_.at(id)->bytes(); }

int FontLibrary::advance(FontId id, std::uint32_t glyph) const {
  return static_cast<int>(hb_font_get_glyph_h_advance(faces_.at(id)->hb_font(), glyph));
}

const LoadedFace& FontLibrary::face(FontId id) const { return *faces_.at(id); }

}  // namespace dossier::text
