#!/usr/bin/env python3
"""docs/ARCHITECTURE.md's map matches the tree.

Under "## The map", each folder of src/ has a heading "### `src/NAME/`"
whose text names every source file in it (`file.cpp`); a file named there
exists, and every `src/...` path anywhere in the document exists. A
newcomer reading the map finds every file, and no file the map names is
gone.
"""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
doc_path = root / "docs" / "ARCHITECTURE.md"
doc = doc_path.read_text(encoding="utf-8")
problems = []

match = re.search(r"^## The map\b.*?$(.*?)(?=^## )", doc, re.M | re.S)
if not match:
    sys.exit(f"{doc_path}: no '## The map' section")
sections = {}
for heading in re.finditer(r"^### `src/([a-z0-9_]+)/`.*$", match.group(1), re.M):
    start = heading.end()
    rest = match.group(1)[start:]
    following = re.search(r"^### ", rest, re.M)
    sections[heading.group(1)] = rest[: following.start()] if following else rest

folders = sorted(p.name for p in (root / "src").iterdir() if p.is_dir())
for folder in folders:
    if folder not in sections:
        problems.append(f"src/{folder}/ has no '### `src/{folder}/`' entry in the map")
        continue
    text = sections[folder]
    files = sorted(p.name for p in (root / "src" / folder).iterdir()
                   if p.suffix in (".cpp", ".h") and p.is_file())
    for name in files:
        if f"`{name}`" not in text:
            problems.append(f"src/{folder}/{name} is not named in the map's src/{folder}/ entry")
    for named in sorted(set(re.findall(r"`([A-Za-z0-9_]+\.(?:cpp|h))`", text))):
        if named not in files:
            problems.append(f"the map's src/{folder}/ entry names {named}, which src/{folder}/ lacks")
# One name per stage: folder src/NAME/, library dossier_NAME, namespace
# dossier::NAME (app is the executable; errors is the project's root
# namespace, which every stage sees).
cmake = (root / "CMakeLists.txt").read_text(encoding="utf-8")
for folder in folders:
    if folder not in ("app", "errors") and not re.search(
            rf"add_library\(dossier_{folder}[\s)]", cmake):
        problems.append(f"src/{folder}/ is no library dossier_{folder} in CMakeLists.txt")
    expected = "dossier" if folder == "errors" else f"dossier::{folder}"
    for source in sorted((root / "src" / folder).glob("*.[ch]*")):
        for name in re.findall(r"^namespace (dossier[a-z0-9_:]*) \{", source.read_text(), re.M):
            if name != expected and not name.startswith(expected + "::"):
                problems.append(f"{source.relative_to(root)} opens namespace {name}, not {expected}")

for folder in sections:
    if folder not in folders:
        problems.append(f"the map describes src/{folder}/, which does not exist")

for path in sorted(set(re.findall(r"\bsrc/[A-Za-z0-9_./{},]+", doc))):
    path = path.rstrip(".,")
    if "{" in path:  # src/ingest/privacy.{h,cpp}
        stem, alternatives = re.match(r"(.*)\{(.*)\}", path).groups()
        candidates = [stem + a for a in alternatives.split(",")]
    else:
        candidates = [path]
    for candidate in candidates:
        if not (root / candidate).exists():
            problems.append(f"docs/ARCHITECTURE.md names {candidate}, which does not exist")

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f"the map describes all {len(folders)} folders of src/ and every file in them")
