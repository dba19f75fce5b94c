// Firefox's PDF viewer is pdf.js, which ignores /ActualText and maps glyphs to text only through ToUnicode.
// Our tests therefore also check extraction with pdf.js, to see the text a Firefox user would copy or search.
// Usage: node extract.mjs FILE.pdf  (pages separated by a "\f" line; exit 2 if the file can't be read/parsed)

import { readFile } from "node:fs/promises";
import { loadPdfjs, openDocument } from "./pdfjs-node.mjs";

function fail(msg) {
  process.stderr.write(`extract.mjs: ${msg}\n`);
  process.exitCode = 2;
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
  const loadingTask = openDocument(pdfjs, data);

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
