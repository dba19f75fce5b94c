#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "config/config.h"
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

[[noreturn]] void unreadable(const std::filesystem::path& file) {
  throw FontError(
      fmt::format("cannot read font file {}: it is missing or unreadable (install the "
                  "Noto fonts with the README's first command, or fix fonts/fonts.toml)",
                  file.string()));
}

// Reads the metrics a PDF font descriptor needs. FreeType rather than
// HarfBuzz because it also validates the file and knows the PostScript name
// of CFF faces.
void read_metrics(std::string_view bytes, unsigned face_index, const std::filesystem::path& file,
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
  info.glyph_count = static_cast<unsigned>(f->num_glyphs);
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

std::shared_ptr<const FontBytes> map_font_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) unreadable(file);
  auto bytes = std::make_shared<FontBytes>();
  bytes->blob.reset(hb_blob_create_from_file_or_fail(file.c_str()));
  if (!bytes->blob) unreadable(file);
  return bytes;
}

LoadedFace::LoadedFace(std::shared_ptr<const FontBytes> bytes, const std::filesystem::path& file,
                       unsigned face_index)
    : bytes_(std::move(bytes)) {
  info_.file = file;
  info_.face_index = face_index;
  read_metrics(bytes_->view(), face_index, file, info_);

  blob_.reset(hb_blob_reference(bytes_->blob.get()));
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

namespace {

// "file.ttc#2" names face 2 of a collection.
FontSpec parse_spec(const std::string& s, const std::filesystem::path& toml_file) {
  FontSpec spec;
  auto hash = s.rfind('#');
  if (hash == std::string::npos) {
    spec.file = s;
    return spec;
  }
  spec.file = s.substr(0, hash);
  try {
    spec.face_index = static_cast<unsigned>(std::stoul(s.substr(hash + 1)));
  } catch (const std::exception&) {
    throw FontError(fmt::format("font manifest {}: bad face index in '{}'", toml_file.string(), s));
  }
  return spec;
}

std::vector<FontSpec> specs_of(const std::vector<std::string>& files,
                               const std::filesystem::path& toml_file) {
  std::vector<FontSpec> specs;
  for (const auto& f : files) specs.push_back(parse_spec(f, toml_file));
  return specs;
}

}  // namespace

FontManifest FontManifest::load(const std::filesystem::path& toml_file) {
  std::optional<config::Document> document;
  try {
    document = config::Document::load(toml_file, config::fonts_toml());
  } catch (const config::ConfigError& e) {
    throw FontError(fmt::format("font manifest {}", e.what()));
  }
  const auto root = document->root();
  FontManifest m;
  const auto base = toml_file.parent_path();
  for (const auto& dir : root.texts("search")) {
    std::filesystem::path p(dir);
    m.search_dirs.push_back(p.is_absolute() ? p : base / p);
  }
  m.search_dirs.push_back(base);
  m.installed_fallback = root.boolean("installed_fallback");
  const auto roles = root.table("roles");
  for (const auto& role : roles.keys()) {
    auto files = roles.texts(role);
    if (files.empty()) {
      throw FontError(fmt::format("font manifest {}: {} must list at least one font file",
                                  roles.where(role), roles.path_of(role)));
    }
    m.roles[role] = specs_of(files, toml_file);
  }
  const auto cjk = root.table("cjk");
  m.cjk_default = cjk.text("default");
  for (const auto& [region, variant] : cjk.table("regions").named_texts()) {
    m.cjk_regions[region] = variant;
  }
  const auto faces = cjk.table("faces");
  for (const auto& role : faces.keys()) {
    const auto of_role = faces.table(role);
    for (const auto& variant : of_role.keys()) {
      m.cjk_faces[role][variant] = parse_spec(of_role.text(variant), toml_file);
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

bool is_font_file(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".ttf" || ext == ".otf" || ext == ".ttc" || ext == ".otc";
}

// Faces in a file: a collection says so in its header ('ttcf', version,
// numFonts; OpenType spec, "Font Collections"), any other font has one.
unsigned face_count(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  unsigned char head[12] = {};
  if (!in.read(reinterpret_cast<char*>(head), sizeof head)) return 0;
  if (std::memcmp(head, "ttcf", 4) != 0) return 1;
  unsigned n = (unsigned{head[8]} << 24) | (unsigned{head[9]} << 16) | (unsigned{head[10]} << 8) |
               unsigned{head[11]};
  return std::min(n, 64u);
}

// Where an installed face ranks for a role: lower first.
struct Rank {
  int style, weight, variant;
  std::string file;
  unsigned face;
  auto operator<=>(const Rank&) const = default;
};

Rank rank_for(const std::string& role, const std::filesystem::path& file, unsigned face) {
  const std::string stem = file.stem().string();
  auto dash = stem.rfind('-');
  const std::string family = dash == std::string::npos ? stem : stem.substr(0, dash);
  const std::string weight = dash == std::string::npos ? "Regular" : stem.substr(dash + 1);
  const bool sans_role = role.find("sans") != std::string::npos;
  const bool is_serif = family.find("Serif") != std::string::npos;
  const bool is_sans = family.find("Sans") != std::string::npos;
  Rank r;
  const bool same = sans_role ? is_sans : is_serif;
  const bool other = sans_role ? is_serif : is_sans;
  r.style = same ? 0 : other ? 2 : 1;
  std::string role_weight = role.find("bold") != std::string::npos     ? "Bold"
                            : role.find("italic") != std::string::npos ? "Italic"
                                                                       : "Regular";
  r.weight = weight == role_weight ? 0 : weight == "Regular" ? 1 : 2;
  r.variant = 0;
  for (const char* v : {"UI", "Display", "Mono", "Condensed", "Looped", "Unjoined", "Slanted"}) {
    if (family.find(v) != std::string::npos) r.variant = 1;
  }
  r.file = file.filename().string();
  r.face = face;
  return r;
}

// Every font file in the search directories, in one canonical order
// (search directory, then file name) so that font ids never depend on the
// directory listing's order; a file name found in an earlier directory
// hides later ones, as for declared faces.
std::vector<std::filesystem::path> installed_font_files(
    const std::vector<std::filesystem::path>& search_dirs) {
  std::set<std::string> names_seen;
  std::vector<std::filesystem::path> out;
  for (const auto& dir : search_dirs) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file(ec) && is_font_file(entry.path())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (names_seen.insert(file.filename().string()).second) out.push_back(file);
    }
  }
  return out;
}

// An installed face as the library numbered it.
struct InstalledFace {
  FontId id;
  std::filesystem::path file;
  unsigned face;
};

// The installed faces in the order a role tries them (see rank_for).
std::vector<FontId> rank_installed(const std::string& role,
                                   const std::vector<InstalledFace>& candidates) {
  std::vector<std::pair<Rank, FontId>> ranked;
  for (const auto& c : candidates) ranked.emplace_back(rank_for(role, c.file, c.face), c.id);
  std::sort(ranked.begin(), ranked.end());
  std::vector<FontId> order;
  for (const auto& r : ranked) order.push_back(r.second);
  return order;
}
}  // namespace

// A font file's bytes, read once on first use by any of its faces.
struct FontLibrary::File {
  std::filesystem::path path;
  std::once_flag once;
  std::shared_ptr<const FontBytes> bytes;

  std::shared_ptr<const FontBytes> read() {
    std::call_once(once, [&] { bytes = map_font_file(path); });
    return bytes;
  }
};

// A face of the library. Declared faces are loaded when the library is
// made; installed candidates read their cmap on first need and their file
// on first use. std::call_once makes both safe from several threads.
struct FontLibrary::Slot {
  FontLibrary::File* shared_file = nullptr;
  std::filesystem::path file;
  unsigned face_index = 0;
  std::once_flag coverage_once;
  HbSet coverage;
  std::once_flag face_once;
  std::unique_ptr<LoadedFace> face;
  bool declared = false;  // loaded when the library was made

  const LoadedFace& loaded() {
    std::call_once(face_once, [&] {
      face = std::make_unique<LoadedFace>(shared_file->read(), file, face_index);
    });
    return *face;
  }

  // The cmap of a candidate, read straight from the file (mapped, not
  // copied). A face without outlines PDF can embed (colour bitmaps, CFF2)
  // or one HarfBuzz cannot read covers nothing: an unusable installed font
  // must not stop a build that does not need it. (A declared face answers
  // from its own LoadedFace.)
  const hb_set_t* covered() {
    std::call_once(coverage_once, [&] {
      coverage.reset(hb_set_create());
      HbBlob blob(hb_blob_create_from_file(file.c_str()));
      HbFace f(hb_face_create(blob.get(), face_index));
      if (hb_face_get_glyph_count(f.get()) == 0) return;
      auto has = [&](hb_tag_t tag) {
        HbBlob table(hb_face_reference_table(f.get(), tag));
        return hb_blob_get_length(table.get()) > 0;
      };
      if (!has(HB_TAG('g', 'l', 'y', 'f')) && !has(HB_TAG('C', 'F', 'F', ' '))) return;
      hb_face_collect_unicodes(f.get(), coverage.get());
    });
    return coverage.get();
  }
};

FontLibrary::FontLibrary(const FontManifest& manifest)
    : cjk_regions_(manifest.cjk_regions), cjk_default_(manifest.cjk_default) {
  std::map<std::pair<std::string, unsigned>, FontId> loaded;
  std::map<std::string, File*> file_by_path;
  auto file_of = [&](const std::filesystem::path& path) {
    auto& f = file_by_path[path.string()];
    if (!f) {
      f = files_.emplace_back(std::make_unique<File>()).get();
      f->path = path;
    }
    return f;
  };
  auto add = [&](const std::filesystem::path& path, unsigned face_index) {
    auto slot = std::make_unique<Slot>();
    slot->shared_file = file_of(path);
    slot->file = path;
    slot->face_index = face_index;
    slots_.push_back(std::move(slot));
    auto id = static_cast<FontId>(slots_.size() - 1);
    loaded.emplace(std::make_pair(path.string(), face_index), id);
    return id;
  };
  // eager: the role lists are loaded now, so a missing or corrupt file is
  // reported before any work. The CJK faces are large and most builds use
  // one or two of them: checked to exist now, loaded on first use.
  auto add_declared = [&](const FontSpec& spec, bool eager) {
    auto path = resolve(manifest, spec);
    auto it = loaded.find({path.string(), spec.face_index});
    if (it != loaded.end()) return it->second;
    if (!eager && !std::filesystem::is_regular_file(path)) unreadable(path);
    auto id = add(path, spec.face_index);
    if (eager) {
      slots_[id]->declared = true;
      slots_[id]->loaded();
    }
    return id;
  };
  for (const auto& [role, specs] : manifest.roles) {
    auto& ids = roles_[role];
    for (const auto& spec : specs) ids.push_back(add_declared(spec, true));
  }
  for (const auto& [role, variants] : manifest.cjk_faces) {
    for (const auto& [variant, spec] : variants) {
      cjk_faces_[role][variant] = add_declared(spec, false);
    }
  }
  for (const auto& [role, ids] : roles_) installed_[role];
  if (!manifest.installed_fallback) return;

  // Every other installed face, numbered in the order of its file.
  std::vector<InstalledFace> candidates;
  for (const auto& file : installed_font_files(manifest.search_dirs)) {
    for (unsigned face = 0, n = face_count(file); face < n; ++face) {
      if (loaded.count({file.string(), face})) continue;
      candidates.push_back({add(file, face), file, face});
    }
  }
  for (const auto& [role, ids] : roles_) installed_[role] = rank_installed(role, candidates);
}

FontLibrary::~FontLibrary() = default;

const std::vector<FontId>& FontLibrary::role(const std::string& name) const {
  auto it = roles_.find(name);
  if (it == roles_.end()) {
    throw FontError(fmt::format("the font manifest has no role '{}'", name));
  }
  return it->second;
}

const std::vector<FontId>& FontLibrary::installed(const std::string& role) const {
  auto it = installed_.find(role);
  if (it == installed_.end()) {
    throw FontError(fmt::format("the font manifest has no role '{}'", role));
  }
  return it->second;
}

std::optional<FontId> FontLibrary::cjk_face(const std::string& role,
                                            const std::string& variant) const {
  auto r = cjk_faces_.find(role);
  if (r == cjk_faces_.end()) return std::nullopt;
  auto v = r->second.find(variant);
  if (v == r->second.end()) return std::nullopt;
  return v->second;
}

const std::string& FontLibrary::cjk_variant_for_region(const std::string& region) const {
  auto it = cjk_regions_.find(region);
  return it == cjk_regions_.end() ? cjk_default_ : it->second;
}

const FaceInfo& FontLibrary::info(FontId id) const { return slots_.at(id)->loaded().info(); }

bool FontLibrary::covers(FontId id, char32_t cp) const {
  auto& slot = *slots_.at(id);
  // `declared` and `face` of a declared slot are set before any thread
  // can ask.
  return slot.declared ? slot.face->covers(cp) : hb_set_has(slot.covered(), cp);
}

std::string_view FontLibrary::file_bytes(FontId id) const {
  return slots_.at(id)->loaded().bytes();
}

int FontLibrary::advance(FontId id, std::uint32_t glyph) const {
  return static_cast<int>(hb_font_get_glyph_h_advance(slots_.at(id)->loaded().hb_font(), glyph));
}

const LoadedFace& FontLibrary::face(FontId id) const { return slots_.at(id)->loaded(); }

}  // namespace dossier::text
