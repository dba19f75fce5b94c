#include "ingest/text_source.h"

#include <fmt/format.h>
#include <unicode/ucnv_cb.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// Bytes the file's encoding does not define become lone trail surrogates
// U+DC80..U+DCFF (one per byte), which the UTF-8 writer below turns into
// an invalid byte: the row is rejected with the others, and no substitute
// character ever passes for part of a name.
void escape_bad_bytes(const void*, UConverterToUnicodeArgs* args, const char* units, int32_t length,
                      UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
  for (int32_t i = 0; i < length; ++i) {
    UChar escaped = static_cast<UChar>(0xDC00 | static_cast<unsigned char>(units[i]));
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &escaped, 1, 0, err);
  }
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_lead(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_trail(char16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

TextSource::TextSource(const std::filesystem::path& file, const TextEncoding& encoding)
    : path_(file), raw_(kChunk) {
  file_.reset(std::fopen(file.c_str(), "rb"));
  if (!file_) {
    throw InputError(fmt::format("{}: cannot open it ({})", file.string(), std::strerror(errno)));
  }
  if (encoding.bom > 0 && std::fseek(file_.get(), static_cast<long>(encoding.bom), SEEK_SET)) {
    throw InputError(fmt::format("{}: cannot read it", file.string()));
  }
  if (!encoding.is_utf8()) {
    UErrorCode err = U_ZERO_ERROR;
    converter_.reset(ucnv_open(encoding.name.c_str(), &err));
    if (U_FAILURE(err)) {
      throw InputError(fmt::format("{}: ICU has no converter for the encoding '{}'", file.string(),
                                   encoding.name));
    }
    ucnv_setToUCallBack(converter_.get(), escape_bad_bytes, nullptr, nullptr, nullptr, &err);
  }
}

std::string TextSource::head(std::size_t bytes) {
  while (out_.size() - pos_ < bytes && refill()) {
  }
  return out_.substr(pos_, bytes);
}

bool TextSource::append_line(std::string& line) {
  const std::size_t before = line.size();
  while (pos_ < out_.size() || refill()) {
    const auto begin = out_.begin() + static_cast<std::ptrdiff_t>(pos_);
    const auto end = std::find_if(begin, out_.end(), [](char c) { return c == '\n' || c == '\r'; });
    if (end == out_.end()) {
      line.append(begin, end);
      pos_ = out_.size();
      continue;
    }
    line.append(begin, end + 1);
    pos_ = static_cast<std::size_t>(end - out_.begin()) + 1;
    if (*end == '\r' && peek() == '\n') line.push_back(static_cast<char>(get()));
    return true;
  }
  return line.size() > before;
}

bool TextSource::refill() {
  if (pos_ > 0) {
    out_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t before = out_.size();
  while (out_.size() == before && !eof_) {
    if (!converter_) {
      std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_.get());
      out_.append(raw_.data(), n);
      if (n < raw_.size()) eof_ = true;
    } else if (!convert_more()) {
      break;
    }
  }
  if (eof_ && std::ferror(file_.get())) {
    throw InputError(fmt::format("{}: read error", path_.string()));
  }
  return out_.size() > before;
}

// One chunk of the file through the converter, appended to out_ as UTF-8.
bool TextSource::convert_more() {
  std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_.get());
  if (n < raw_.size()) eof_ = true;
  const char* source = raw_.data();
  const char* source_end = source + n;
  // Every byte yields at most two UTF-16 units, in every encoding ICU has,
  // so one pass normally suffices; the loop is for the rule, not the case.
  utf16_.assign(2 * n + 8, u'\0');
  std::u16string units;
  if (carry_) units += carry_;
  carry_ = 0;
  do {
    UChar* target = reinterpret_cast<UChar*>(utf16_.data());
    UChar* target_end = target + utf16_.size();
    UErrorCode err = U_ZERO_ERROR;
    ucnv_toUnicode(converter_.get(), &target, target_end, &source, source_end, nullptr, eof_, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) {
      throw InputError(fmt::format("{}: cannot convert it ({})", path_.string(), u_errorName(err)));
    }
    units.append(utf16_.data(),
                 static_cast<std::size_t>(target - reinterpret_cast<UChar*>(utf16_.data())));
  } while (source < source_end);
  for (std::size_t i = 0; i < units.size(); ++i) {
    char16_t u = units[i];
    if (is_lead(u)) {
      if (i + 1 < units.size() && is_trail(units[i + 1])) {
        append_utf8(out_, 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
        ++i;
      } else if (i + 1 == units.size() && !eof_) {
        carry_ = u;  // its trail comes with the next chunk
      } else {
        out_ += '\xFF';
      }
    } else if (is_trail(u)) {
      out_ += '\xFF';  // an escaped byte, or a lone surrogate in UTF-16 input
    } else {
      append_utf8(out_, u);
    }
  }
  return n > 0 || !units.empty();
}

}  // namespace dossier::ingest
