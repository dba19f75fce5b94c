#include "picture/picture.h"

#include <png.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace dossier::picture {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

unsigned be16(std::string_view b, std::size_t at) {
  return static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 8 |
         static_cast<unsigned>(static_cast<unsigned char>(b[at + 1]));
}

// The resolution a PNG's pHYs chunk gives in pixels per metre, as dpi.
double png_dpi(std::string_view b) {
  for (std::size_t at = 8; at + 12 <= b.size();) {
    const auto length = be32(b, at);
    if (b.compare(at + 4, 4, "pHYs") == 0 && length >= 9 && at + 17 <= b.size()) {
      const auto per_metre = be32(b, at + 8);
      if (static_cast<unsigned char>(b[at + 16]) == 1 && per_metre > 0) {
        return per_metre * 0.0254;
      }
      return 72;
    }
    if (b.compare(at + 4, 4, "IDAT") == 0) break;  // pHYs comes before the data
    at += 12 + static_cast<std::size_t>(length);
  }
  return 72;
}

struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
};

Picture decode_png(std::string_view bytes) {
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size())) {
    throw PictureError(std::string("a damaged PNG file: ") + png.image.message);
  }
  Picture p;
  const bool gray = (png.image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  png.image.format = gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  p.components = gray ? 1 : 3;
  p.width = static_cast<int>(png.image.width);
  p.height = static_cast<int>(png.image.height);
  p.data.resize(PNG_IMAGE_SIZE(png.image));
  // Transparency over white: the paper the letter is printed on.
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&png.image, &white, p.data.data(), 0, nullptr)) {
    throw PictureError(std::string("a damaged PNG file: ") + png.image.message);
  }
  p.dpi = png_dpi(bytes);
  return p;
}

Picture decode_jpeg(std::string_view bytes) {
  Picture p;
  p.format = Picture::Format::Jpeg;
  // Markers up to the first frame header (SOFn): its size and components,
  // and the JFIF density before it.
  std::size_t at = 2;
  while (at + 4 <= bytes.size()) {
    if (static_cast<unsigned char>(bytes[at]) != 0xFF) {
      throw PictureError("a damaged JPEG file (no marker where one belongs)");
    }
    const auto marker = static_cast<unsigned char>(bytes[at + 1]);
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    const auto length = be16(bytes, at + 2);
    if (at + 2 + length > bytes.size()) throw PictureError("a damaged JPEG file (cut short)");
    if (marker == 0xE0 && length >= 14 && bytes.compare(at + 4, 5, std::string("JFIF\0", 5)) == 0) {
      const auto units = static_cast<unsigned char>(bytes[at + 11]);
      const auto x = be16(bytes, at + 12);
      if (units == 1 && x > 0) p.dpi = x;
      if (units == 2 && x > 0) p.dpi = x * 2.54;
    }
    const bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (length < 8) throw PictureError("a damaged JPEG file (short frame header)");
      if (static_cast<unsigned char>(bytes[at + 4]) != 8) {
        throw PictureError(
            "a JPEG with other than 8 bits a sample; save it again as an 8-bit JPEG");
      }
      p.height = static_cast<int>(be16(bytes, at + 5));
      p.width = static_cast<int>(be16(bytes, at + 7));
      p.components = static_cast<unsigned char>(bytes[at + 9]);
      if (p.components == 4) {
        throw PictureError(
            "a CMYK JPEG; the PDFs are made for sRGB (PDF/A output intent): save it as an RGB "
            "JPEG or a PNG");
      }
      if (p.components != 1 && p.components != 3) {
        throw PictureError("a JPEG with an unusual number of colour components");
      }
      if (p.width <= 0 || p.height <= 0) throw PictureError("a JPEG without a size");
      p.data.assign(bytes.data(), bytes.size());
      return p;
    }
    at += 2 + length;
  }
  throw PictureError("a damaged JPEG file (no frame header)");
}

}  // namespace

Picture decode(std::string_view bytes) {
  static constexpr unsigned char kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), kPng, 8) == 0) return decode_png(bytes);
  if (bytes.size() >= 4 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8) {
    return decode_jpeg(bytes);
  }
  throw PictureError("neither a PNG nor a JPEG file (the letter takes those two)");
}

}  // namespace dossier::picture
