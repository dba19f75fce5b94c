#include "seal/der.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace dossier::seal::der {

std::string element(unsigned char tag, std::string_view contents) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = contents.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string length;
    for (std::size_t v = n; v; v >>= 8) length.insert(length.begin(), static_cast<char>(v & 0xff));
    out += static_cast<char>(0x80 | length.size());
    out += length;
  }
  out += contents;
  return out;
}

std::string sequence(const std::vector<std::string>& parts) {
  std::string body;
  for (const auto& p : parts) body += p;
  return element(0x30, body);
}

std::string set_of(std::vector<std::string> elements) {
  std::sort(elements.begin(), elements.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    });
  });
  std::string body;
  for (const auto& e : elements) body += e;
  return element(0x31, body);
}

std::string oid(std::string_view dotted) {
  std::vector<unsigned long> arcs;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    auto dot = dotted.find('.', start);
    auto part = dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start);
    unsigned long v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || p != part.data() + part.size() || part.empty()) {
      throw std::invalid_argument("not an object identifier: " + std::string(dotted));
    }
    arcs.push_back(v);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (arcs.size() < 2)
    throw std::invalid_argument("not an object identifier: " + std::string(dotted));
  std::string body;
  auto base128 = [&body](unsigned long v) {
    std::string bytes(1, static_cast<char>(v & 0x7f));
    for (v >>= 7; v; v >>= 7) bytes.insert(bytes.begin(), static_cast<char>(0x80 | (v & 0x7f)));
    body += bytes;
  };
  base128(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) base128(arcs[i]);
  return element(0x06, body);
}

std::string octet_string(std::string_view bytes) { return element(0x04, bytes); }

std::string small_integer(unsigned value) {
  std::string body;
  for (unsigned v = value; v; v >>= 8) body.insert(body.begin(), static_cast<char>(v & 0xff));
  if (body.empty() || (static_cast<unsigned char>(body[0]) & 0x80)) body.insert(body.begin(), '\0');
  return element(0x02, body);
}

std::string null() { return std::string("\x05\x00", 2); }

std::string context(unsigned n, std::string_view contents, bool constructed) {
  if (n > 30) throw std::invalid_argument("context tag too large");
  return element(static_cast<unsigned char>(0x80 | (constructed ? 0x20 : 0) | n), contents);
}

std::string_view contents_of(std::string_view e) {
  if (e.size() < 2) throw std::invalid_argument("DER element too short");
  std::size_t at = 1;
  std::size_t length = static_cast<unsigned char>(e[at++]);
  if (length & 0x80) {
    std::size_t bytes = length & 0x7f;
    if (bytes == 0 || bytes > sizeof(std::size_t) || at + bytes > e.size()) {
      throw std::invalid_argument("DER length malformed");
    }
    length = 0;
    for (std::size_t i = 0; i < bytes; ++i)
      length = (length << 8) | static_cast<unsigned char>(e[at++]);
  }
  if (length > e.size() - at) throw std::invalid_argument("DER element truncated");
  return e.substr(at, length);
}

}  // namespace dossier::seal::der
