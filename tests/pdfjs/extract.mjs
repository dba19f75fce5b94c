// Firefox's PDF viewer is pdf.js, which ignores /ActualText and maps glyphs to text only through ToUnicode.
// Our tests therefore also check extraction with pdf.js, to see the text a Firefox user would copy or search.
// Usage: node extract.mjs FILE.pdf  (pages separated by a "\f" line; exit 2 if the file can't be read/parsed)

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
  process.stderr.write(`extract.mjs: ${msg}\n`);
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

async function main(argv) {
  if (argv.length !== 1) {
    fail("usage: node extract.mjs FILE.pdf");
    return;
  }
  let data;
  try {
    data = new Uint8Array(await readFile(argv[0]));
  } catch (e) {
    fail(`cannot read ${argv[0]}: ${e.message}`);
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
    for (let n = 1; n <= doc.numPages; n++) {
      if (n > 1) out.push("\f");
      const page = await doc.getPage(n);
      const { items } = await page.getTextContent();
      let line = "";
      for (const item of items) {
        if (typeof item.str !== "string") continue; // marked-content markers
        line += item.str;
        if (item.hasEOL) {
          out.push(line.trimEnd());
          line = "";
        }
      }
      if (line.trimEnd() !== "") out.push(line.trimEnd());
      page.cleanup();
    }
  } catch (e) {
    fail(`cannot parse ${argv[0]}: ${e?.message ?? e}`);
    return;
  } finally {
    await loadingTask.destroy();
  }
  process.stdout.write(out.map((l) => l + "\n").join(""));
}

main(process.argv.slice(2)).catch((e) => fail(e?.stack ?? String(e)));
