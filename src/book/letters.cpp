// `dossier letters`: per recipient, the letter and the parliamentarians,
// one PDF per language of the letter, as one output set.
#include <fmt/format.h>

#include "book/book.h"
#include "book/inputs.h"
#include "book/output_set.h"
#include "book/pieces.h"

namespace dossier::book {
namespace {

namespace fs = std::filesystem;

// The dossier's letter is letter-01-name.pdf, a letter in any other
// language letter-01-name.<language>.pdf.
std::string file_name(const Inputs& in, std::size_t r, const std::string& language) {
  const auto& recipient = in.config.recipients[r];
  return language == in.config.language
             ? fmt::format("letter-{:02}-{}.pdf", r + 1, recipient.slug)
             : fmt::format("letter-{:02}-{}.{}.pdf", r + 1, recipient.slug, language);
}

void write_letter(const Context& ctx, const Inputs& in, const Section& parl,
                  const ingest::Recipient& recipient, const ingest::LetterTemplate& one,
                  const text::FontLibrary& fonts, const fs::path& file) {
  const auto& config = in.config;
  std::vector<layout::Page> pages;
  pdf::DocumentInfo info;
  auto let = letter(ctx, recipient, {one}, in.figures);
  append(pages, std::move(let.pages), ctx.geometry);
  for (const auto& [title, page] : let.marks) info.outline.push_back({title, page, 0});
  std::size_t at = append(pages, parl.pages, ctx.geometry);
  info.outline.push_back({ctx.words.text("bookmark.parliamentarians"), at, 0});
  for (const auto& [title, page] : parl.marks) info.outline.push_back({title, at + page, 1});
  add_running_heads(pages, ctx.cache, ctx.words, ctx.geometry,
                    config.title + " · " + recipient.name, 1, pages.size());
  layout::bind_pages(pages, ctx.geometry);
  info.duplex = ctx.geometry.duplex;
  info.title = ctx.words.text("properties.letter_title", {{"recipient", recipient.name}});
  info.author = config.author;
  info.subject = config.title;
  info.date = iso_now_free_date(config);
  info.tagged = config.tagged;
  info.language = one.language;
  pdf::write_pdf(pages, info, fonts, file);
}

// The letters are a set of their own: every letter-*.pdf of an earlier
// run goes (a recipient removed from dossier.toml loses its letter).
std::vector<std::string> previous_letters(const fs::path& dir) {
  std::vector<std::string> previous;
  for (const auto& e : fs::directory_iterator(dir)) {
    auto f = e.path().filename().string();
    if (e.is_regular_file() && f.starts_with("letter-") && f.ends_with(".pdf")) {
      previous.push_back(f);
    }
  }
  return previous;
}

}  // namespace

std::vector<fs::path> build_letters(const BuildOptions& options, const text::FontLibrary& fonts) {
  Typesetting typesetting(fonts, options);
  Inputs in = load_inputs(options, typesetting.catalogs);
  OutputSet output(options.out_dir);
  const auto ctx = context_for(typesetting, in, options);
  const auto parl = parliamentarians(ctx, in.signatories);
  std::vector<std::string> names;
  for (std::size_t r = 0; r < in.config.recipients.size(); ++r) {
    const auto& recipient = in.config.recipients[r];
    for (const auto& one : ingest::letters_for(recipient, in.letters)) {
      const auto name = file_name(in, r, one.language);
      try {
        write_letter(ctx, in, parl, recipient, one, fonts, output.staged(name));
      } catch (const OutputError& e) {
        throw WriteFailure(output.shown(e.what()));
      }
      if (options.progress) options.progress(fmt::format("wrote {}", name));
      names.push_back(name);
    }
  }
  report_hyphenation(typesetting.hyphenators, options);
  output.commit(names, previous_letters(options.out_dir));
  std::vector<fs::path> written;
  for (const auto& n : names) written.push_back(options.out_dir / n);
  return written;
}

}  // namespace dossier::book
