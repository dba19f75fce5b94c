#!/usr/bin/python3
"""The machine-checkable failure conditions of the Matterhorn Protocol 1.1
(PDF/UA-1, ISO 14289-1) that apply to what dossier writes, run on finished
files with pikepdf (qpdf for Python, Debian's python3-pikepdf).

Usage: matterhorn.py FILE.pdf...

For each file: one line "ok FILE pages=N elements=N mcids=N figures=N
tables=N lists=N" when every check holds, else one line per failure,
"FILE: CHECKPOINT: what", and exit status 1. Exit status 2 when a file
cannot be read. docs/pdfa.md lists each checkpoint and how it is met.
"""

import re
import sys

import pikepdf

# Standard structure types of ISO 32000-1 14.8.4: anything else needs a
# role map, which dossier never writes (Matterhorn 02-001..02-004).
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
# Operators that paint (ISO 32000-1 tables 59, 107, 51, 87, 92): each must
# lie in exactly one of real content or an artifact.
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh",
            "BI", "INLINE IMAGE"}


class Report:
    def __init__(self, name):
        self.name = name
        self.failures = []
        self.counts = {"pages": 0, "elements": 0, "mcids": 0, "figures": 0, "tables": 0,
                       "lists": 0}

    def fail(self, checkpoint, what):
        # One line per kind of failure is enough to act on; the first few
        # instances say where.
        same = [f for f in self.failures if f[0] == checkpoint]
        if len(same) < 5:
            self.failures.append((checkpoint, what))


def name_of(obj):
    return str(obj)[1:] if isinstance(obj, pikepdf.Name) else None


def check_catalog(pdf, r):
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)):
        r.fail("06-001", "the catalog has no /MarkInfo with /Marked true")
    if "/StructTreeRoot" not in root:
        r.fail("01-001", "no structure tree")
    lang = str(root.get("/Lang", ""))
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang):
        r.fail("11-006", f"the catalog's /Lang is {lang!r}, not a language tag")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        r.fail("07-001", "/ViewerPreferences has no /DisplayDocTitle true")
    meta = root.get("/Metadata")
    xmp = meta.read_bytes().decode("utf-8", "replace") if meta is not None else ""
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
        r.fail("06-002", "the XMP metadata does not identify PDF/UA-1 (pdfuaid:part)")
    if "<dc:title>" not in xmp:
        r.fail("06-003", "the XMP metadata has no dc:title")


def kids_of(elem):
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def walk_structure(pdf, r):
    """The structure tree: standard types, parents as they say, headings in
    order, figures with alternative text, tables and lists well formed.
    Returns {(page objgen, mcid): element objgen} for the content check."""
    owners = {}
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return owners
    headings = []
    stack = [(k, None) for k in reversed(kids_of(root))]
    while stack:
        elem, parent = stack.pop()
        if not isinstance(elem, pikepdf.Dictionary) or "/S" not in elem:
            continue
        role = name_of(elem.S)
        r.counts["elements"] += 1
        if role not in STANDARD:
            r.fail("02-001", f"non-standard structure type {role} without a role map")
        parent_role = name_of(parent.S) if parent is not None else None
        if parent is not None and elem.get("/P") is not None and elem.P.objgen != parent.objgen:
            r.fail("01-007", f"{role} {elem.objgen}: /P is not the element it is a kid of")
        if re.fullmatch(r"H[1-6]", role):
            headings.append(int(role[1]))
        if role == "Figure":
            r.counts["figures"] += 1
            if not str(elem.get("/Alt", "")) and not str(elem.get("/ActualText", "")):
                r.fail("13-004", f"Figure {elem.objgen} has no alternative text")
        if role == "Table":
            r.counts["tables"] += 1
        if role == "L":
            r.counts["lists"] += 1
        if role == "TR" and parent_role not in ("Table", "THead", "TBody", "TFoot"):
            r.fail("09-004", f"TR {elem.objgen} is in a {parent_role}, not a table")
        if role in ("TH", "TD") and parent_role != "TR":
            r.fail("09-005", f"{role} {elem.objgen} is in a {parent_role}, not a TR")
        if role == "TH":
            attrs = elem.get("/A")
            attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs else []
            if not any(a.get("/O") == pikepdf.Name.Table and "/Scope" in a for a in attrs):
                r.fail("15-003", f"TH {elem.objgen} has no /Scope")
        if role == "LI" and parent_role != "L":
            r.fail("09-006", f"LI {elem.objgen} is in a {parent_role}, not an L")
        if role in ("Lbl", "LBody") and parent_role != "LI":
            r.fail("09-007", f"{role} {elem.objgen} is in a {parent_role}, not an LI")
        if role == "L":
            for kid in kids_of(elem):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and \
                        name_of(kid.S) not in ("LI", "L", "Caption"):
                    r.fail("09-008", f"L {elem.objgen} holds a {name_of(kid.S)}")
        page = elem.get("/Pg")
        for kid in reversed(kids_of(elem)):
            if isinstance(kid, int):
                if page is None:
                    r.fail("01-008", f"{role} {elem.objgen} has an MCID and no /Pg")
                else:
                    owners[(page.objgen, int(kid))] = elem.objgen
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                owners[(kid.get("/Pg", page).objgen, int(kid.MCID))] = elem.objgen
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append((kid, elem))
    if headings and headings[0] != 1:
        r.fail("14-002", f"the first heading is H{headings[0]}, not H1")
    for before, after in zip(headings, headings[1:]):
        if after > before + 1:
            r.fail("14-003", f"H{after} follows H{before}: a heading level is skipped")
            break
    return owners


def check_page(pdf, page, number, owners, r):
    r.counts["pages"] += 1
    obj = page.obj
    if "/Annots" in obj and obj.get("/Tabs") != pikepdf.Name.S:
        r.fail("19-003", f"page {number} has annotations and no /Tabs /S")
    parents = None
    if "/StructParents" in obj:
        tree = pdf.Root.StructTreeRoot.get("/ParentTree")
        parents = number_tree_lookup(tree, int(obj.StructParents)) if tree is not None else None
    seen = set()
    stack = []  # "tagged", "artifact" or "other" per open sequence
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = name_of(operands[0])
            props = operands[1] if op == "BDC" else None
            if tag == "Artifact":
                stack.append("artifact")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
                stack.append("tagged")
                r.counts["mcids"] += 1
                if mcid in seen:
                    r.fail("01-001", f"page {number}: MCID {mcid} twice")
                seen.add(mcid)
                owner = owners.get((obj.objgen, mcid))
                if owner is None:
                    r.fail("01-001", f"page {number}: MCID {mcid} belongs to no element")
                elif parents is None or mcid >= len(parents) or \
                        parents[mcid].objgen != owner:
                    r.fail("01-001",
                           f"page {number}: the parent tree does not name MCID {mcid}'s element")
                if tag not in STANDARD:
                    r.fail("02-001", f"page {number}: marked content tagged {tag}")
            else:
                stack.append("other")
        elif op == "EMC":
            if not stack:
                r.fail("01-000", f"page {number}: EMC without BDC/BMC")
            else:
                stack.pop()
        elif op in PAINTING:
            tagged = "tagged" in stack
            artifact = "artifact" in stack
            if tagged and artifact:
                r.fail("01-005", f"page {number}: content both tagged and an artifact ({op})")
            elif not tagged and not artifact:
                r.fail("01-006", f"page {number}: content neither tagged nor an artifact ({op})")
    if stack:
        r.fail("01-000", f"page {number}: a marked-content sequence is not closed")
    for (page_objgen, mcid), _ in owners.items():
        if page_objgen == obj.objgen and mcid not in seen:
            r.fail("01-001", f"page {number}: an element names MCID {mcid}, which is not there")
    check_fonts(page, number, r)


def number_tree_lookup(tree, key):
    if "/Nums" in tree:
        nums = tree.Nums
        for i in range(0, len(nums), 2):
            if int(nums[i]) == key:
                return nums[i + 1]
    for kid in tree.get("/Kids", []):
        limits = kid.get("/Limits")
        if limits is None or int(limits[0]) <= key <= int(limits[1]):
            found = number_tree_lookup(kid, key)
            if found is not None:
                return found
    return None


def check_fonts(page, number, r):
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for key in fonts.keys():
        font = fonts[key]
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        if descriptor is None or not any(
                f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3")):
            r.fail("31-001", f"page {number}: font {key} is not embedded")
        if "/ToUnicode" not in font:
            r.fail("31-027", f"page {number}: font {key} has no ToUnicode map")


def check(path):
    r = Report(path)
    with pikepdf.open(path) as pdf:
        check_catalog(pdf, r)
        owners = walk_structure(pdf, r)
        for number, page in enumerate(pdf.pages, start=1):
            check_page(pdf, page, number, owners, r)
    return r


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            r = check(path)
        except (pikepdf.PdfError, OSError) as e:
            print(f"{path}: cannot read it: {e}", file=sys.stderr)
            return 2
        if r.failures:
            status = 1
            for checkpoint, what in r.failures:
                print(f"{path}: {checkpoint}: {what}")
        else:
            counts = " ".join(f"{k}={v}" for k, v in r.counts.items())
            print(f"ok {path} {counts}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
