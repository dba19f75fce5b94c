#!/usr/bin/env python3
"""Every function in src/ fits a screen: at most 60 lines, as universal
ctags measures a function (its first line to its last). A longer one is
split at its phases into named steps; if one ever has to stay longer, it
is named in ALLOWED with the reason.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

LIMIT = 60
ALLOWED = {}  # "src/x/y.cpp:function": "why it stays longer"

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
ctags = shutil.which("ctags-universal") or shutil.which("ctags")
if not ctags:
    sys.exit("universal-ctags is not installed (scripts/install-deps --tests installs it)")
out = subprocess.run(
    [ctags, "-R", "--languages=C++", "--kinds-C++=f", "--fields=+ne", "--output-format=json",
     "-f", "-", "src"],
    cwd=root, check=True, capture_output=True, text=True).stdout
functions = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
measured = [f for f in functions if "end" in f]
if len(measured) < 500:
    sys.exit(f"ctags measured only {len(measured)} functions in src/: not universal-ctags?")
long = []
for f in measured:
    lines = f["end"] - f["line"] + 1
    where = f"{f['path']}:{f['name']}"
    if lines > LIMIT and where not in ALLOWED:
        long.append((lines, f"{f['path']}:{f['line']}", f["name"]))
for lines, place, name in sorted(long, reverse=True):
    print(f"{place}: {name} is {lines} lines (at most {LIMIT})")
if long:
    sys.exit(1)
print(f"all {len(measured)} functions in src/ are at most {LIMIT} lines")
