// Chrome's and Edge's PDF viewer is PDFium; copy and find there read a page's text with
// FPDFText_LoadPage / FPDFText_CountChars / FPDFText_GetText. This reads every page of a PDF the
// same way, with PDFium built for WebAssembly (@embedpdf/pdfium), in one process per file so the
// engine starts once.
// Usage: node pdfium.mjs FILE.pdf  (pages separated by a "\f" line; exit 2 if the file can't be read)

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { init } from "@embedpdf/pdfium";

function fail(msg) {
  process.stderr.write(`pdfium.mjs: ${msg}\n`);
  process.exitCode = 2;
}

// What Chrome copies and searches: FPDFText_GetText marks a hyphen it takes for a line-end
// hyphenation as U+FFFE and may emit U+200B; Chrome drops both (Chromium
// pdf/pdfium/pdfium_range.h: kPDFSoftHyphenMarker, kZeroWidthSpace, IsIgnorableCharacter).
// PDFium ends lines with "\r\n".
function asChromeCopies(text) {
  return text.replace(/[\uFFFE\u200B]/g, "").replace(/\r\n/g, "\n");
}

async function main(argv) {
  if (argv.length !== 1) {
    fail("usage: node pdfium.mjs FILE.pdf");
    return;
  }
  let bytes;
  try {
    bytes = await readFile(argv[0]);
  } catch (e) {
    fail(`cannot read ${argv[0]}: ${e.message}`);
    return;
  }
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve("@embedpdf/pdfium"));
  const wasmBinary = await readFile(path.join(pkgDir, "pdfium.wasm"));
  const lib = await init({ wasmBinary });
  lib.PDFiumExt_Init();
  const m = lib.pdfium;

  const buf = m.wasmExports.malloc(bytes.length);
  m.HEAPU8.set(bytes, buf);
  const doc = lib.FPDF_LoadMemDocument(buf, bytes.length, "");
  if (!doc) {
    m.wasmExports.free(buf);
    fail(`cannot parse ${argv[0]}: PDFium error ${lib.FPDF_GetLastError()}`);
    return;
  }
  const out = [];
  const pages = lib.FPDF_GetPageCount(doc);
  for (let n = 0; n < pages; n++) {
    if (n > 0) out.push("\f\n");
    const page = lib.FPDF_LoadPage(doc, n);
    const textPage = lib.FPDFText_LoadPage(page);
    const count = lib.FPDFText_CountChars(textPage);
    // UTF-16 code units plus the terminating zero.
    const utf16 = m.wasmExports.malloc((count + 1) * 2);
    const written = lib.FPDFText_GetText(textPage, 0, count, utf16);
    const text = written > 0 ? m.UTF16ToString(utf16, (written - 1) * 2) : "";
    m.wasmExports.free(utf16);
    lib.FPDFText_ClosePage(textPage);
    lib.FPDF_ClosePage(page);
    const page_text = asChromeCopies(text);
    out.push(page_text.endsWith("\n") || page_text === "" ? page_text : page_text + "\n");
  }
  lib.FPDF_CloseDocument(doc);
  m.wasmExports.free(buf);
  process.stdout.write(out.join(""));
}

main(process.argv.slice(2)).catch((e) => fail(e?.stack ?? String(e)));
