// Today's MuPDF (what PyMuPDF, SumatraPDF and mutool 1.24+ read with), as
// Artifex builds it for WebAssembly (npm `mupdf`): each page's structured
// text with its white space kept, as PyMuPDF's page.get_text() gives it.
// Debian's mutool 1.21 is the other MuPDF of the reader matrix; the two
// differ in kind (1.24 reads /ActualText, reverses right-to-left text drawn
// in visual order, and makes spaces of gaps only after characters below
// U+0700).
// Usage: node mupdf.mjs FILE.pdf  (pages separated by "\f"; exit 2 if the file can't be read)
import { readFileSync } from "node:fs";
import * as mupdf from "mupdf";

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node mupdf.mjs FILE.pdf\n");
    process.exitCode = 2;
    return;
  }
  let doc;
  try {
    doc = mupdf.Document.openDocument(readFileSync(argv[0]), "application/pdf");
  } catch (e) {
    process.stderr.write(`mupdf.mjs: cannot read ${argv[0]}: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  const pages = doc.countPages();
  const out = [];
  for (let i = 0; i < pages; ++i) {
    const page = doc.loadPage(i);
    const text = page.toStructuredText("preserve-whitespace");
    out.push(text.asText());
    text.destroy();
    page.destroy();
  }
  process.stdout.write(out.join("\f"));
}

main(process.argv.slice(2));
