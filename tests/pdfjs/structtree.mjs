// What a screen reader gets from Firefox: pdf.js turns a page's structure tree (getStructTree) into
// the accessibility tree and hangs the text of each marked-content sequence (getTextContent with
// marked content) under the element that owns its MCID. This dumps that pairing, so tests can check
// roles, /Alt, /Lang and the text each element reads out (and that artifacts stay out of the tree).
// Usage: node structtree.mjs FILE.pdf [PAGE...]  (1-based pages, default all; one JSON object per line:
//   {"page":N,"depth":D,"role":"LI","alt":"...","lang":"...","text":"..."} per structure element,
//   depth first, depth 0 = the top-level elements under pdf.js's synthetic "Root", which is not printed;
//   alt/lang only when present (pdf.js's alt falls back to /ActualText); text = the texts of the
//   element's content items, recursively through child elements, in order, joined with one space
//   (items with no text left out; pdf.js puts the "\n" ending a line at the start of the next
//   sequence, so most texts start with "\n"); pages in the order given;
//   exit 2 if the file can't be read/parsed or a page is out of range)
// pdf.js lists every row of a Table (and every item of an L) on each page the table touches; rows
// whose content is on another page come out with text "".

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

// pdf.js's legacy build needs a DOMMatrix class at load time, and Node has none. Only 2-D affine
// matrices are used: [a c e; b d f; 0 0 1], the same layout as pdf.js's [a, b, c, d, e, f] arrays.
class DOMMatrix2D {
  constructor(init) {
    if (init === undefined) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = [1, 0, 0, 1, 0, 0];
    } else if (init instanceof DOMMatrix2D) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = [init.a, init.b, init.c, init.d, init.e, init.f];
    } else if (init != null && typeof init.length === "number" && init.length === 6) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init, Number);
    } else {
      throw new TypeError("DOMMatrix: only 2-D matrices from 6 numbers are supported");
    }
  }
  get is2D() {
    return true;
  }
  get isIdentity() {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }
  // this := this * m
  multiplySelf(m) {
    m = m instanceof DOMMatrix2D ? m : new DOMMatrix2D(m);
    const { a, b, c, d, e, f } = this;
    this.a = a * m.a + c * m.b;
    this.b = b * m.a + d * m.b;
    this.c = a * m.c + c * m.d;
    this.d = b * m.c + d * m.d;
    this.e = a * m.e + c * m.f + e;
    this.f = b * m.e + d * m.f + f;
    return this;
  }
  // this := m * this
  preMultiplySelf(m) {
    const r = new DOMMatrix2D(m).multiplySelf(this);
    [this.a, this.b, this.c, this.d, this.e, this.f] = [r.a, r.b, r.c, r.d, r.e, r.f];
    return this;
  }
  multiply(m) {
    return new DOMMatrix2D(this).multiplySelf(m);
  }
  invertSelf() {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (!det || !Number.isFinite(det)) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = [NaN, NaN, NaN, NaN, NaN, NaN];
      return this;
    }
    this.a = d / det;
    this.b = -b / det;
    this.c = -c / det;
    this.d = a / det;
    this.e = (c * f - d * e) / det;
    this.f = (b * e - a * f) / det;
    return this;
  }
  inverse() {
    return new DOMMatrix2D(this).invertSelf();
  }
  translateSelf(tx = 0, ty = 0) {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }
  translate(tx = 0, ty = 0) {
    return new DOMMatrix2D(this).translateSelf(tx, ty);
  }
  scaleSelf(sx = 1, sy = sx) {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }
  scale(sx = 1, sy = sx) {
    return new DOMMatrix2D(this).scaleSelf(sx, sy);
  }
}
globalThis.DOMMatrix ??= DOMMatrix2D;

function fail(msg) {
  process.stderr.write(`structtree.mjs: ${msg}\n`);
  process.exitCode = 2;
}

async function loadPdfjs() {
  // At load time pdf.js warns (on stderr) that the optional @napi-rs/canvas package and the
  // ImageData/Path2D polyfills it provides are missing; they are only needed for rendering.
  const origWarn = console.warn;
  console.warn = (...args) => {
    if (!(typeof args[0] === "string" && args[0].startsWith("Warning: "))) origWarn(...args);
  };
  try {
    return await import("pdfjs-dist/legacy/build/pdf.mjs");
  } finally {
    console.warn = origWarn;
  }
}

// Text of each marked-content id ("p<page ref>_mc<MCID>", the same ids the struct tree's content
// children carry). A text item belongs to the innermost enclosing sequence that has an MCID, as in
// Firefox's text layer, where it lands in that sequence's span. Items are concatenated as given;
// an item with hasEOL adds one "\n".
function textByMarkedContentId(items) {
  const texts = new Map();
  const stack = [];
  for (const item of items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      stack.push(item.type === "beginMarkedContentProps" ? item.id : null);
      continue;
    }
    if (item.type === "endMarkedContent") {
      stack.pop();
      continue;
    }
    if (typeof item.str !== "string") continue;
    let id = null;
    for (let i = stack.length - 1; i >= 0 && id === null; i--) id = stack[i] ?? null;
    if (id === null) continue; // not in any MCID sequence: artifacts or untagged content
    texts.set(id, (texts.get(id) ?? "") + item.str + (item.hasEOL ? "\n" : ""));
  }
  return texts;
}

// Depth-first, one line per element; an element's text covers all content below it.
function walk(node, depth, pageNo, texts, out) {
  const parts = [];
  const line = { page: pageNo, depth, role: node.role };
  if (typeof node.alt === "string") line.alt = node.alt;
  if (typeof node.lang === "string") line.lang = node.lang;
  const slot = out.length;
  out.push(null); // filled in once the children's text is known, to keep document order
  for (const child of node.children ?? []) {
    if (child.type === "content") {
      const t = texts.get(child.id);
      if (t) parts.push(t);
    } else if (child.type === "object" || child.type === "annotation") {
      continue;
    } else if (typeof child.role === "string") {
      const t = walk(child, depth + 1, pageNo, texts, out);
      if (t) parts.push(t);
    }
  }
  line.text = parts.join(" ");
  out[slot] = JSON.stringify(line);
  return line.text;
}

async function main(argv) {
  if (argv.length < 1) {
    fail("usage: node structtree.mjs FILE.pdf [PAGE...]");
    return;
  }
  const [file, ...pageArgs] = argv;
  for (const p of pageArgs) {
    if (!/^[1-9][0-9]*$/.test(p)) {
      fail(`not a page number: ${p}`);
      return;
    }
  }
  let data;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
    return;
  }

  const pdfjs = await loadPdfjs();
  // Firefox ships pdf.js with its CMaps and standard fonts; point at the copies in the package.
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const loadingTask = pdfjs.getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    cMapUrl: path.join(pkgDir, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pkgDir, "standard_fonts") + path.sep,
  });

  const out = [];
  try {
    const doc = await loadingTask.promise;
    const pages = pageArgs.length ? pageArgs.map(Number) : Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const bad = pages.find((n) => n > doc.numPages);
    if (bad !== undefined) {
      fail(`${file} has ${doc.numPages} pages, no page ${bad}`);
      return;
    }
    for (const n of pages) {
      const page = await doc.getPage(n);
      const tree = await page.getStructTree(); // null when the page has no structure
      const { items } = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const texts = textByMarkedContentId(items);
      for (const top of tree?.children ?? []) {
        if (typeof top.role === "string") walk(top, 0, n, texts, out);
      }
      page.cleanup();
    }
  } catch (e) {
    fail(`cannot parse ${file}: ${e?.message ?? e}`);
    return;
  } finally {
    await loadingTask.destroy();
  }
  process.stdout.write(out.map((l) => l + "\n").join(""));
}

main(process.argv.slice(2)).catch((e) => fail(e?.stack ?? String(e)));
