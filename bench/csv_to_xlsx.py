#!/usr/bin/env python3
"""Writes the rows of a `dossier sample` CSV (name, city, country,
signed_at, email) as an Excel workbook the way Excel stores one: every
text in the shared-strings table, signed_at as a serial date number with a
date format. The sheet is streamed into the archive, so a million rows
need no more memory than the strings table.

    csv_to_xlsx.py IN.csv OUT.xlsx
"""
import csv
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

EPOCH = datetime.datetime(1899, 12, 30, tzinfo=datetime.timezone.utc)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def col(i):
    return "ABCDEFGHIJ"[i]


def main(src, dst):
    shared, index = [], {}

    def sst(text):
        i = index.get(text)
        if i is None:
            i = index[text] = len(shared)
            shared.append(text)
        return i

    with open(src, newline="", encoding="utf-8") as f, \
            zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        rows = csv.reader(f)
        header = next(rows)
        date_col = header.index("signed_at")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<worksheet xmlns="%s"><sheetData>' % MAIN).encode())
            cells = "".join('<c r="%s1" t="s"><v>%d</v></c>' % (col(i), sst(h))
                            for i, h in enumerate(header))
            sheet.write(('<row r="1">%s</row>' % cells).encode())
            buf = []
            for n, row in enumerate(rows, start=2):
                cells = []
                for i, v in enumerate(row):
                    if i == date_col and v:
                        t = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
                        serial = (t - EPOCH).total_seconds() / 86400
                        cells.append('<c r="%s%d" s="1"><v>%r</v></c>' % (col(i), n, serial))
                    else:
                        cells.append('<c r="%s%d" t="s"><v>%d</v></c>' % (col(i), n, sst(v)))
                buf.append('<row r="%d">%s</row>' % (n, "".join(cells)))
                if len(buf) >= 10000:
                    sheet.write("".join(buf).encode())
                    buf = []
            sheet.write(("".join(buf) + "</sheetData></worksheet>").encode())
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as s:
            s.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<sst xmlns="%s" uniqueCount="%d">' % (MAIN, len(shared))).encode())
            for i in range(0, len(shared), 10000):
                s.write("".join("<si><t>%s</t></si>" % escape(t)
                                for t in shared[i:i + 10000]).encode())
            s.write(b"</sst>")
        z.writestr("xl/styles.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="%s"><numFmts '
                   'count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
                   '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" '
                   'applyNumberFormat="1"/></cellXfs></styleSheet>' % MAIN)
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="%s" xmlns:r="%s">'
                   '<sheets><sheet name="Signatures" sheetId="1" r:id="rId1"/></sheets>'
                   '</workbook>' % (MAIN, REL))
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>'
                   '</Relationships>' % (REL, REL, REL))
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   'Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                   'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="%ssheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" '
                   'ContentType="%sworksheet+xml"/></Types>' % (CT, CT))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
