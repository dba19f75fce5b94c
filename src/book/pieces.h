// Internal to the book stage: the PDFs a build writes. A piece is a whole
// volume or one part of it: its pages (front matter or a part's cover, its
// signature pages, the summary), bookmarks, document information, running
// heads and binding, and the record the manifest keeps of it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "book/inputs.h"
#include "book/output_set.h"
#include "manifest/manifest.h"
#include "pdf/pdf.h"

namespace dossier::book {

// Appends a section, starting it on a right-hand (odd) page in duplex mode.
// Returns the index of its first page.
std::size_t append(std::vector<layout::Page>& pages, std::vector<layout::Page> section,
                   const layout::Geometry& g);

// Running header (title · recipient) and footer (Page X of Y), Y being the
// volume's true total and X counted from `first_number` (a part of a
// volume continues its numbering). Both span the page's text block; a
// blank page keeps its number but shows nothing.
void add_running_heads(std::vector<layout::Page>& pages, text::ShapeCache& cache,
                       const messages::Catalog& words, const layout::Geometry& g,
                       const std::string& header, std::size_t first_number, std::size_t total);

// The front matter of each volume: cover, letter, parliamentarians.
struct Front {
  std::vector<layout::Page> pages;
  std::vector<pdf::OutlineItem> outline;
};

// One PDF to write. `record` is what the manifest says of it: pages and
// sha256 are filled in when it is written, seal when it is sealed.
struct Piece {
  std::vector<layout::Page> pages;
  pdf::DocumentInfo info;
  manifest::Volume record;
};

// What assembling the pieces needs beside the laid-out pages.
struct Assembly {
  const Context& ctx;
  const Inputs& in;
  const BuildOptions& options;
  const std::vector<ingest::Signature>& signatures;
  const layout::SignaturePages& grid;
  const Section& summary;
  // The first grid page of each part; one entry when volumes are not cut.
  const std::vector<std::size_t>& part_start;
  bool synthetic = false;
  std::string date;
};

// Every piece of every volume, in dossier order.
std::vector<Piece> assemble_pieces(const Assembly& a, std::vector<Front> fronts,
                                   text::ShapeCache& cache);

// --only: just the pieces asked for, numbered as in the whole dossier.
// Throws RequestError when --only names none.
std::vector<Piece> only_the_pieces_asked_for(std::vector<Piece> pieces, const BuildOptions& options,
                                             std::size_t volumes, std::size_t parts);

// Each signature page the pieces share, once, in page order, encoded on
// all cores.
void encode_shared_pages(pdf::Writer& writer, const std::vector<Piece>& pieces, unsigned threads,
                         const std::function<void(const std::string&)>& say);

// Every piece written into the staging folder, on all cores; each
// piece's pages let go once it is written. Returns their records;
// `volumes` is the dossier's count, for the progress lines.
std::vector<manifest::Volume> write_pieces(pdf::Writer& writer, std::vector<Piece>& pieces,
                                           std::size_t volumes, OutputSet& output, unsigned threads,
                                           const std::function<void(const std::string&)>& say,
                                           const std::function<void(double)>& advance);

}  // namespace dossier::book
