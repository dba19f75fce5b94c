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
import { loadPdfjs, openDocument } from "./pdfjs-node.mjs";

function fail(msg) {
  process.stderr.write(`structtree.mjs: ${msg}\n`);
  process.exitCode = 2;
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
  const loadingTask = openDocument(pdfjs, data);

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
