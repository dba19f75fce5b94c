// The pdf.js set-up the test scripts share: the legacy build loaded in Node (which has no DOMMatrix)
// and a document opened as Firefox opens it, with the package's CMaps and standard fonts.

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

export async function loadPdfjs() {
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

// The loading task of a document, with the options Firefox's viewer uses for text.
export function openDocument(pdfjs, data) {
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return pdfjs.getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    cMapUrl: path.join(pkgDir, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pkgDir, "standard_fonts") + path.sep,
  });
}
