#!/usr/bin/env python3
"""Where the bytes of a volume's signature pages go.

Takes one volume of a build, uncompresses it with qpdf (content left as
written), and compresses the signature pages' content streams again with
zlib level 9, page by page as the PDF has them, after replacing one kind
of content at a time with a constant. The drop in size is what that kind
costs per signature. zlib 9 and libdeflate 7 differ by a few per cent;
the shares are what this is for.

Usage: bench/content_size.py VOLUME.pdf SIGNATURES
  SIGNATURES: the signatures in the volume (manifest.json, totals).
"""
import re
import subprocess
import sys
import tempfile
import zlib


def signature_streams(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as plain:
        subprocess.run(["qpdf", "--qdf", "--normalize-content=n", "--object-streams=disable",
                        pdf, plain.name], check=True)
        data = open(plain.name, "rb").read()
    # A signature page's shared stream is the one with many text operators.
    return [m.group(1) for m in re.finditer(rb"stream\n(.*?)endstream", data, re.S)
            if m.group(1).count(b"TJ") > 100]


def size(streams):
    return sum(len(zlib.compress(s, 9)) for s in streams)


def replace(streams, pattern, by):
    return [re.sub(pattern, by, s) for s in streams]


def main():
    pdf, signatures = sys.argv[1], int(sys.argv[2])
    streams = signature_streams(pdf)
    base = size(streams)
    print(f"{len(streams)} signature pages, {base / signatures:.1f} bytes / signature "
          f"(content streams only, zlib 9)")
    # The three lines of an entry, told apart by their font size operators.
    kinds = {
        "numbers": rb"(6\.8 Tf\n[^\n]*Td\n\[)\((?:[^()\\]|\\.)*\)",
        "names": rb"(8\.5 Tf\n[^\n]*Td\n\[)[^\n]*",
        "places": rb"(6\.3 Tf\n[^\n]*Td\n\[)[^\n]*",
    }
    for kind, pattern in kinds.items():
        by = rb"\1(N)" if kind == "numbers" else rb"\1(X)]TJ"
        saved = base - size(replace(streams, pattern, by))
        print(f"  {kind:12} {saved / signatures:5.1f}")
    no_spans = replace(streams, rb"/Span <</ActualText <[0-9A-Fa-f]*>>> BDC\n", b"")
    no_spans = [s.replace(b"EMC\n", b"") for s in no_spans]
    print(f"  {'/ActualText':12} {(base - size(no_spans)) / signatures:5.1f}")
    # A floor for any layout of these pages: their shown strings and
    # adjustments alone, every operator and /ActualText gone.
    strings = [b"\n".join(re.findall(rb"\[[^\]]*\]TJ", s)) for s in streams]
    print(f"  the TJ arrays alone: {size(strings) / signatures:.1f} bytes / signature")
    # What one compressed stream per page costs: a place or a word seen on
    # an earlier page cannot be matched. PDF has no way to share it.
    for together in (2, 8, 64):
        groups = [b"".join(streams[i:i + together]) for i in range(0, len(streams), together)]
        print(f"  {together} pages per stream: {size(groups) / signatures:.1f} bytes / signature")


if __name__ == "__main__":
    main()
