// What a screen reader gets from Chrome and Edge: their PDF viewer is PDFium, and the accessibility
// tree of a tagged page comes from PDFium's structure-tree API (FPDF_StructTree_GetForPage, then
// FPDF_StructElement_* for each element). This dumps one page's tree through the same calls, with
// PDFium built for WebAssembly (@embedpdf/pdfium), so tests can check roles, /Alt, /Lang and which
// marked-content ids each element owns (and that artifacts stay out of the tree).
// Usage: node pdfium-structtree.mjs FILE.pdf PAGE  (1-based page; one JSON object per line:
//   {"depth":D,"role":"LI","alt":"...","lang":"...","mcids":[3,4]} per structure element, depth
//   first in document order, depth 0 = the top-level elements of the page's tree; role is the /S
//   name as PDFium returns it (no role mapping); alt/lang only when the element has them; mcids
//   (FPDF_StructElement_GetMarkedContentIdAtIndex) only when the element's /K names any;
//   exit 2 if the file can't be read/parsed or has no such page, exit 3 if this PDFium build lacks
//   the structure-tree API)

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { init } from "@embedpdf/pdfium";

function fail(msg, code = 2) {
  process.stderr.write(`pdfium-structtree.mjs: ${msg}\n`);
  process.exitCode = code;
}

const REQUIRED = [
  "FPDF_StructTree_GetForPage",
  "FPDF_StructTree_CountChildren",
  "FPDF_StructTree_GetChildAtIndex",
  "FPDF_StructTree_Close",
  "FPDF_StructElement_GetType",
  "FPDF_StructElement_GetAltText",
  "FPDF_StructElement_CountChildren",
  "FPDF_StructElement_GetChildAtIndex",
];

async function main(argv) {
  if (argv.length !== 2 || !/^[1-9][0-9]*$/.test(argv[1])) {
    fail("usage: node pdfium-structtree.mjs FILE.pdf PAGE");
    return;
  }
  const [file, pageArg] = argv;
  const pageNo = Number(pageArg);
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
    return;
  }
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve("@embedpdf/pdfium"));
  const wasmBinary = await readFile(path.join(pkgDir, "pdfium.wasm"));
  const lib = await init({ wasmBinary });
  const missing = REQUIRED.filter((name) => typeof lib[name] !== "function");
  if (missing.length) {
    fail(`this PDFium build has no structure-tree API (missing ${missing.join(", ")})`, 3);
    return;
  }
  // Optional in older PDFium builds; used when present.
  const has = (name) => typeof lib[name] === "function";
  lib.PDFiumExt_Init();
  const m = lib.pdfium;

  // FPDF_StructElement_Get{Type,AltText,Lang}: called once with no buffer for the size in bytes
  // (UTF-16LE with a terminating zero; 0 when the entry is absent), then again to fill a buffer.
  const utf16 = new TextDecoder("utf-16le");
  function getString(fn, elem) {
    const size = fn(elem, 0, 0);
    if (size <= 0) return null;
    const ptr = m.wasmExports.malloc(size);
    try {
      const written = fn(elem, ptr, size);
      if (written <= 0 || written > size) return null;
      return utf16.decode(m.HEAPU8.slice(ptr, ptr + written - 2));
    } finally {
      m.wasmExports.free(ptr);
    }
  }

  const out = [];
  function walk(elem, depth) {
    const line = { depth, role: getString(lib.FPDF_StructElement_GetType, elem) ?? "" };
    const alt = getString(lib.FPDF_StructElement_GetAltText, elem);
    if (alt !== null) line.alt = alt;
    if (has("FPDF_StructElement_GetLang")) {
      const lang = getString(lib.FPDF_StructElement_GetLang, elem);
      if (lang !== null) line.lang = lang;
    }
    if (has("FPDF_StructElement_GetMarkedContentIdCount") && has("FPDF_StructElement_GetMarkedContentIdAtIndex")) {
      const count = lib.FPDF_StructElement_GetMarkedContentIdCount(elem); // -1: no MCIDs
      const mcids = [];
      for (let i = 0; i < count; i++) {
        const id = lib.FPDF_StructElement_GetMarkedContentIdAtIndex(elem, i);
        if (id >= 0) mcids.push(id);
      }
      if (mcids.length) line.mcids = mcids;
    }
    out.push(JSON.stringify(line));
    // Kids that are marked content, object references, or elements with nothing on this page
    // come back as null.
    const kids = lib.FPDF_StructElement_CountChildren(elem);
    for (let i = 0; i < kids; i++) {
      const kid = lib.FPDF_StructElement_GetChildAtIndex(elem, i);
      if (kid) walk(kid, depth + 1);
    }
  }

  const buf = m.wasmExports.malloc(bytes.length);
  m.HEAPU8.set(bytes, buf);
  const doc = lib.FPDF_LoadMemDocument(buf, bytes.length, "");
  if (!doc) {
    m.wasmExports.free(buf);
    fail(`cannot parse ${file}: PDFium error ${lib.FPDF_GetLastError()}`);
    return;
  }
  try {
    const pages = lib.FPDF_GetPageCount(doc);
    if (pageNo > pages) {
      fail(`${file} has ${pages} pages, no page ${pageNo}`);
      return;
    }
    const page = lib.FPDF_LoadPage(doc, pageNo - 1);
    if (!page) {
      fail(`cannot load page ${pageNo} of ${file}: PDFium error ${lib.FPDF_GetLastError()}`);
      return;
    }
    const tree = lib.FPDF_StructTree_GetForPage(page); // 0 when the page has no structure
    if (tree) {
      const top = lib.FPDF_StructTree_CountChildren(tree);
      for (let i = 0; i < top; i++) {
        const elem = lib.FPDF_StructTree_GetChildAtIndex(tree, i);
        if (elem) walk(elem, 0);
      }
      lib.FPDF_StructTree_Close(tree);
    }
    lib.FPDF_ClosePage(page);
  } finally {
    lib.FPDF_CloseDocument(doc);
    m.wasmExports.free(buf);
  }
  process.stdout.write(out.map((l) => l + "\n").join(""));
}

main(process.argv.slice(2)).catch((e) => fail(e?.stack ?? String(e)));
