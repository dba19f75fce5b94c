#include "pdf/file_writer.h"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pdf/compressor.h"

namespace dossier::pdf {
namespace {

// Objects per object stream. A reader parses a whole object stream to get
// one of its objects, so they are kept to a size where that costs nothing
// (qpdf uses 100); more objects per stream compress only a little better.
constexpr std::size_t kObjectsPerStream = 200;
// Deflate level of object streams, by measurement (100,000 signatures,
// tagged, four volumes, instructions counted by callgrind): a volume's
// 100,000 structure elements are 5 MB of very repetitive text. Level 1
// (libdeflate's fastest matcher) makes volume 1 6.46 MB in 14.9 G
// instructions; levels 3 and 4 6.42 MB in 15.6 G; level 5 6.15 MB in
// 16.0 G; level 6 6.11 MB in 16.5 G (untagged: 12.6 G).
constexpr int kObjectStreamLevel = 1;

// libharu writes through HPDF_Stream; these two sinks take what it writes
// into a file or a string.
struct FileSink {
  std::FILE* file = nullptr;
  std::uint64_t written = 0;
  bool failed = false;
};

HPDF_STATUS write_to_file(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  auto* sink = static_cast<FileSink*>(stream->attr);
  if (std::fwrite(bytes, 1, size, sink->file) != size) {
    sink->failed = true;
    return HPDF_FILE_IO_ERROR;
  }
  sink->written += size;
  return HPDF_OK;
}

HPDF_STATUS write_to_string(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
  return HPDF_OK;
}

struct StreamCloser {
  void operator()(HPDF_Stream s) const { HPDF_Stream_Free(s); }
};
using StreamHandle = std::unique_ptr<HPDF_Stream_Rec, StreamCloser>;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool is_stream(void* obj) {
  const auto* header = static_cast<HPDF_Obj_Header*>(obj);
  return (header->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
         static_cast<HPDF_Dict>(obj)->stream != nullptr;
}

unsigned object_number(void* obj) {
  return static_cast<HPDF_Obj_Header*>(obj)->obj_id & 0x00FFFFFF;
}

// Where a cross-reference stream says an object is: type 1 at a byte
// offset, type 2 as the index-th object of an object stream.
struct Location {
  unsigned char type = 0;
  std::uint64_t field2 = 0;
  std::uint64_t field3 = 0;
};

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

unsigned bytes_for(std::uint64_t v) {
  unsigned n = 1;
  while (v >>= 8) ++n;
  return n;
}

void put_be(std::string& out, std::uint64_t v, unsigned bytes) {
  for (unsigned i = bytes; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// The cross-reference rows with the PNG Up predictor (ISO 32000-1 7.4.4.4):
// consecutive rows differ in a byte or two, so the differences compress
// to almost nothing.
std::string xref_rows(const std::vector<Location>& where, const unsigned (&w)[3]) {
  const std::size_t row = w[0] + w[1] + w[2];
  std::string previous(row, '\0'), current, out;
  out.reserve(where.size() * (row + 1));
  for (const auto& l : where) {
    current.clear();
    put_be(current, l.type, w[0]);
    put_be(current, l.field2, w[1]);
    put_be(current, l.field3, w[2]);
    out += '\x02';  // Up
    for (std::size_t i = 0; i < row; ++i) {
      out += static_cast<char>(static_cast<unsigned char>(current[i]) -
                               static_cast<unsigned char>(previous[i]));
    }
    previous.swap(current);
  }
  return out;
}

class FileWriter {
 public:
  FileWriter(HpdfDoc& doc, const std::filesystem::path& file, const ExtraObjects& extra)
      : doc_(doc), name_(file.string()), extra_(extra) {
    file_.reset(std::fopen(name_.c_str(), "wb"));
    if (!file_) throw OutputError(fmt::format("cannot write {}", name_));
    sink_.file = file_.get();
    out_.reset(HPDF_CallbackWriter_New(doc.mmgr(), write_to_file, &sink_));
    text_.reset(HPDF_CallbackWriter_New(doc.mmgr(), write_to_string, &value_));
    doc.check(out_ && text_ ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "start writing the file");
  }

  void write() {
    HPDF_Xref xref = doc_.xref();
    if (xref->prev || xref->start_offset != 0) {
      throw std::logic_error("a libharu document with more than one xref section");
    }
    const unsigned count = xref->entries->count;
    first_extra_ = count;
    where_.assign(count + extra_.count, {});
    where_[0] = {0, 0, 0xFFFF};  // the head of the free list
    // The binary comment marks the file as binary for transfer programs
    // (ISO 32000-1 7.5.2; PDF/A requires four bytes above 127).
    raw("%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");
    // Streams first: writing one sets its /Length, an indirect number that
    // goes into an object stream below.
    for (unsigned i = 1; i < count; ++i) {
      void* obj = HPDF_Xref_GetEntry(xref, i)->obj;
      if (is_stream(obj)) write_indirect(i, obj);
    }
    std::vector<unsigned> packed;
    for (unsigned i = 1; i < count; ++i) {
      if (!is_stream(HPDF_Xref_GetEntry(xref, i)->obj)) packed.push_back(i);
    }
    for (std::size_t i = 0; i < extra_.count; ++i) {
      packed.push_back(count + static_cast<unsigned>(i));
    }
    for (std::size_t first = 0; first < packed.size(); first += kObjectsPerStream) {
      const std::size_t last = std::min(packed.size(), first + kObjectsPerStream);
      write_object_stream(std::vector<unsigned>(packed.begin() + static_cast<long>(first),
                                                packed.begin() + static_cast<long>(last)));
    }
    write_xref_stream();
    if (std::fflush(file_.get()) != 0 || sink_.failed || std::ferror(file_.get())) {
      throw OutputError(fmt::format("cannot write {}: writing failed (is the disk full?)", name_));
    }
    if (std::fclose(file_.release()) != 0) {
      throw OutputError(fmt::format("cannot write {}: writing failed (is the disk full?)", name_));
    }
  }

 private:
  void raw(const std::string& bytes) {
    check(HPDF_Stream_Write(out_.get(), reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                            static_cast<HPDF_UINT>(bytes.size())));
  }

  void check(HPDF_STATUS status) {
    if (sink_.failed) {
      throw OutputError(fmt::format("cannot write {}: writing failed (is the disk full?)", name_));
    }
    doc_.check(status, "write the file");
  }

  // An object in PDF syntax, as libharu writes it.
  std::string value_of(void* obj) {
    value_.clear();
    check(HPDF_Obj_WriteValue(obj, text_.get(), nullptr));
    return std::move(value_);
  }

  void write_indirect(unsigned number, void* obj) {
    where_[number] = {1, sink_.written, 0};
    raw(fmt::format("{} 0 obj\n", number));
    check(HPDF_Obj_WriteValue(obj, out_.get(), nullptr));
    raw("\nendobj\n");
  }

  // ISO 32000-1 7.5.7: pairs of object number and offset, then the objects.
  void write_object_stream(const std::vector<unsigned>& numbers) {
    HPDF_Xref xref = doc_.xref();
    const auto stream_number = static_cast<unsigned>(where_.size());
    where_.push_back({});
    std::string index, body;
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      where_[numbers[k]] = {2, stream_number, k};
      append_uint(index, numbers[k]);
      index += ' ';
      append_uint(index, body.size());
      index += ' ';
      if (numbers[k] < first_extra_) {
        body += value_of(HPDF_Xref_GetEntry(xref, numbers[k])->obj);
      } else {
        extra_.write(numbers[k] - first_extra_, first_extra_, body);
      }
      body += '\n';
    }
    index.back() = '\n';
    const auto deflated = z_.deflate(index + body);
    where_[stream_number] = {1, sink_.written, 0};
    raw(fmt::format(
        "{} 0 obj\n<< /Type /ObjStm /N {} /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
        stream_number, numbers.size(), index.size(), deflated.size()));
    raw(deflated);
    raw("\nendstream\nendobj\n");
  }

  // ISO 32000-1 7.5.8: the cross-reference stream is also the trailer.
  void write_xref_stream() {
    const auto number = static_cast<unsigned>(where_.size());
    where_.push_back({1, sink_.written, 0});
    std::uint64_t largest = 0, largest_index = 0;
    for (const auto& l : where_) {
      largest = std::max(largest, l.field2);
      largest_index = std::max(largest_index, l.field3);
    }
    const unsigned w[3] = {1, bytes_for(largest), bytes_for(largest_index)};
    const auto deflated = z_.deflate(xref_rows(where_, w));
    HPDF_Doc pdf = doc_.get();
    std::string dict = fmt::format("<< /Type /XRef /Size {} /W [{} {} {}] /Root {} 0 R",
                                   where_.size(), w[0], w[1], w[2], object_number(pdf->catalog));
    if (pdf->info) dict += fmt::format(" /Info {} 0 R", object_number(pdf->info));
    if (auto* id = HPDF_Dict_GetItem(pdf->trailer, "ID", HPDF_OCLASS_ARRAY)) {
      dict += " /ID " + value_of(id);
    }
    dict += fmt::format(
        " /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns {} >> /Length {} >>",
        w[0] + w[1] + w[2], deflated.size());
    const auto at = sink_.written;
    raw(fmt::format("{} 0 obj\n{}\nstream\n", number, dict));
    raw(deflated);
    raw(fmt::format("\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", at));
  }

  HpdfDoc& doc_;
  std::string name_;
  const ExtraObjects& extra_;
  unsigned first_extra_ = 0;
  std::unique_ptr<std::FILE, FileCloser> file_;
  FileSink sink_;
  StreamHandle out_;
  std::string value_;
  StreamHandle text_;
  std::vector<Location> where_;
  Compressor z_{kObjectStreamLevel};
};

}  // namespace

unsigned first_extra_number(HpdfDoc& doc) { return doc.xref()->entries->count; }

void save_with_object_streams(HpdfDoc& doc, const std::filesystem::path& file,
                              const ExtraObjects& extra) {
  FileWriter(doc, file, extra).write();
}

}  // namespace dossier::pdf
