#include "seal/pdf_objects.h"

#include <fmt/format.h>
#include <poppler/Error.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cmath>
#include <mutex>

#include "seal/seal.h"

namespace dossier::seal {
namespace {

void silence(ErrorCategory, Goffset, const char*) {}

void append_hex(std::string_view bytes, std::string& out) {
  static const char digits[] = "0123456789ABCDEF";
  out += '<';
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  out += '>';
}

void append_name(std::string_view name, std::string& out) {
  out += '/';
  for (unsigned char c : name) {
    // Regular characters stay; delimiters, white space, '#' and anything
    // outside printable ASCII are written as #xx (ISO 32000-1 7.3.5).
    if (c > 0x20 && c < 0x7f && !std::strchr("#()<>[]{}/%", c)) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("#{:02X}", c);
    }
  }
}

void append_real(double v, std::string& out) {
  if (!std::isfinite(v)) v = 0;
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  out += s;
}

}  // namespace

std::unique_ptr<PDFDoc> open_pdf(const std::string& bytes) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    setErrorCallback(silence);
  });
  auto doc = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!doc->isOk()) return nullptr;
  return doc;
}

void write_object(const Object& o, std::string& out) {
  switch (o.getType()) {
    case objBool:
      out += o.getBool() ? "true" : "false";
      return;
    case objInt:
      out += std::to_string(o.getInt());
      return;
    case objInt64:
      out += std::to_string(o.getInt64());
      return;
    case objReal:
      append_real(o.getReal(), out);
      return;
    case objString:
      append_hex(o.getString()->toStr(), out);
      return;
    case objHexString:
      append_hex(o.getHexString()->toStr(), out);
      return;
    case objName:
      append_name(o.getName(), out);
      return;
    case objNull:
      out += "null";
      return;
    case objArray: {
      out += '[';
      const Array* a = o.getArray();
      for (int i = 0; i < a->getLength(); ++i) {
        if (i) out += ' ';
        write_object(a->getNF(i), out);
      }
      out += ']';
      return;
    }
    case objDict: {
      out += "<<";
      const Dict* d = o.getDict();
      for (int i = 0; i < d->getLength(); ++i) {
        append_name(d->getKey(i), out);
        out += ' ';
        write_object(d->getValNF(i), out);
      }
      out += ">>";
      return;
    }
    case objRef:
      out += reference(o.getRef());
      return;
    default:
      throw SealError(fmt::format("cannot rewrite a PDF object of type {}", o.getTypeName()));
  }
}

std::string to_pdf(const Object& object) {
  std::string out;
  write_object(object, out);
  return out;
}

std::string reference(Ref ref) { return fmt::format("{} {} R", ref.num, ref.gen); }

std::string text_string(std::string_view utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7f;
  std::string out;
  if (ascii) {
    out += '(';
    for (char c : utf8) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    out += ')';
    return out;
  }
  const auto u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string be = "\xFE\xFF";
  for (int32_t i = 0; i < u.length(); ++i) {
    be += static_cast<char>(u[i] >> 8);
    be += static_cast<char>(u[i] & 0xFF);
  }
  append_hex(be, out);
  return out;
}

std::size_t last_startxref(std::string_view bytes) {
  const auto at = bytes.rfind("startxref");
  if (at == std::string_view::npos) throw SealError("the file has no cross-reference section");
  std::size_t i = at + 9;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  std::size_t value = 0;
  bool digits = false;
  while (i < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[i]))) {
    value = value * 10 + static_cast<std::size_t>(bytes[i] - '0');
    digits = true;
    ++i;
  }
  if (!digits) throw SealError("the file's startxref has no offset");
  return value;
}

}  // namespace dossier::seal
