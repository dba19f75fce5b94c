// CSV files written for people: signatures.csv, rejects.csv, the CSV a
// volume carries with --attach-source, and any report added later. Every
// one goes through csv_row, so every one is safe to open in a spreadsheet.
// This header is the whole public surface; it depends on nothing else of
// the project, so any stage may use it.
//
// How a field is written:
// - RFC 4180: a field holding a comma, a quote, CR or LF is quoted, and a
//   quote inside it doubled. Lines end with LF; UTF-8 without a BOM.
// - Spreadsheet formulas (CSV injection, OWASP): Excel, LibreOffice and
//   Google Sheets evaluate a cell that begins with = + - @ (and, after
//   trimming, a tab or CR) as a formula, so `=HYPERLINK(…)` in a signer's
//   name would run on a staff member's machine. Such a field gets a leading
//   apostrophe, which spreadsheets take as "this cell is text", and is
//   quoted. A field that already begins with an apostrophe followed by one
//   of those characters (or by another apostrophe) gets one more, so that
//   restore_field undoes exactly what was done: '=x is written ''=x, while
//   a name such as 't Hooft is written as it is.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace dossier::csv {

// One field as written: neutralised when a spreadsheet would read a formula
// in it, then quoted when RFC 4180 or the neutralisation asks for it.
std::string field(std::string_view text);

// One record: the fields, each through field(), separated by commas and
// ended by LF.
std::string row(std::initializer_list<std::string_view> fields);

// field() and row() appended to `out`: a writer of many rows reuses one
// buffer instead of building a string per field and per row.
void append_field(std::string& out, std::string_view text);
void append_row(std::string& out, std::initializer_list<std::string_view> fields);

// The field's text as it was before field() neutralised it, for anything
// that reads these files back (dossier verify): takes the field after
// RFC 4180 unquoting.
std::string restore_field(std::string_view written);

}  // namespace dossier::csv
