// Internal to the ingest stage: the bytes of a text file as UTF-8, read
// through an ICU converter when the file is in another encoding.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/icu_handles.h"
#include "ingest/text_encoding.h"

namespace dossier::ingest {

class TextSource {
 public:
  // Throws InputError when the file cannot be opened.
  TextSource(const std::filesystem::path& file, const TextEncoding& encoding);

  // The next byte of UTF-8, or EOF. A byte sequence that is not valid in
  // the file's encoding comes out as an invalid UTF-8 byte (0xFF), so the
  // row holding it is rejected like an invalid byte in a UTF-8 file.
  int get() {
    if (pos_ == out_.size() && !refill()) return EOF;
    return static_cast<unsigned char>(out_[pos_++]);
  }
  int peek() {
    if (pos_ == out_.size() && !refill()) return EOF;
    return static_cast<unsigned char>(out_[pos_]);
  }
  // Appends what get() would return up to and including the next line end
  // (LF, CRLF or a lone CR) to `line`: a whole line for the price of one
  // search instead of a call per byte. False when nothing was left.
  bool append_line(std::string& line);
  // Up to `bytes` of what get() will return next, without consuming it.
  std::string head(std::size_t bytes);

 private:
  bool refill();
  bool convert_more();

  std::filesystem::path path_;
  File file_;
  Converter converter_;  // null for UTF-8, which passes through unchanged
  std::vector<char> raw_;
  std::u16string utf16_;
  char16_t carry_ = 0;  // a lead surrogate whose trail is in the next chunk
  bool eof_ = false;
  std::string out_;
  std::size_t pos_ = 0;
};

}  // namespace dossier::ingest
