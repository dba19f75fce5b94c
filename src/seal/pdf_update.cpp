#include "seal/pdf_update.h"

#include <fmt/format.h>
#include <poppler/Catalog.h>
#include <poppler/PDFDoc.h>
#include <poppler/XRef.h>

#include <algorithm>
#include <map>
#include <utility>

#include "seal/pdf_objects.h"
#include "seal/seal.h"

namespace dossier::seal {
namespace {

// Raw PDF text per key, replacing or adding entries of a dictionary.
using Entries = std::vector<std::pair<std::string, std::string>>;

std::string dict_with(const Object& dict, const Entries& entries) {
  std::string out = "<<";
  const Dict* d = dict.getDict();
  for (int i = 0; i < d->getLength(); ++i) {
    const std::string key = d->getKey(i);
    const bool replaced =
        std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key; });
    if (replaced) continue;
    Object name(objName, key.c_str());
    write_object(name, out);
    out += ' ';
    write_object(d->getValNF(i), out);
  }
  for (const auto& [key, value] : entries) {
    out += '/' + key + ' ' + value;
  }
  out += ">>";
  return out;
}

// `items` (an array, or a single item that becomes one) with `extra` after.
std::string array_with(const Object& items, const std::string& extra) {
  std::string out = "[";
  if (items.isArray()) {
    for (int i = 0; i < items.arrayGetLength(); ++i) {
      write_object(items.arrayGetNF(i), out);
      out += ' ';
    }
  } else if (!items.isNull()) {
    write_object(items, out);
    out += ' ';
  }
  out += extra + ']';
  return out;
}

// The objects of one incremental update and its cross-reference stream.
class Update {
 public:
  Update(std::size_t base, int next_number) : base_(base), next_(next_number) {}

  int allocate() { return next_++; }

  // Starts object `ref`; the caller appends its value to text() and ends it.
  void begin(Ref ref) {
    offsets_[ref.num] = {base_ + text_.size(), ref.gen};
    text_ += fmt::format("{} {} obj\n", ref.num, ref.gen);
  }
  void end() { text_ += "\nendobj\n"; }
  void object(Ref ref, const std::string& value) {
    begin(ref);
    text_ += value;
    end();
  }
  void stream(Ref ref, const std::string& data) {
    begin(ref);
    text_ += fmt::format("<</Length {}>>\nstream\n", data.size());
    text_ += data;
    text_ += "\nendstream";
    end();
  }
  std::string& text() { return text_; }

  // The cross-reference stream, carrying the trailer, and the file's end.
  void finish(Object* trailer, std::size_t previous_xref) {
    const Ref self{allocate(), 0};
    offsets_[self.num] = {base_ + text_.size(), 0};
    std::string entries, index;
    for (auto it = offsets_.begin(); it != offsets_.end();) {
      auto run_end = it;
      int count = 0;
      for (int n = it->first; run_end != offsets_.end() && run_end->first == n; ++run_end, ++n) {
        ++count;
      }
      index += fmt::format("{}{} {}", index.empty() ? "" : " ", it->first, count);
      for (; it != run_end; ++it) {
        entries += '\x01';
        const auto offset = it->second.first;
        for (int shift = 32; shift >= 0; shift -= 8) entries += static_cast<char>(offset >> shift);
        entries += static_cast<char>(it->second.second >> 8);
        entries += static_cast<char>(it->second.second);
      }
    }
    std::string dict =
        fmt::format("<</Type/XRef/Size {}/Root {}", next_, to_pdf(trailer->dictLookupNF("Root")));
    for (const char* key : {"Info", "ID"}) {
      const Object& value = trailer->dictLookupNF(key);
      if (!value.isNull()) dict += fmt::format("/{} {}", key, to_pdf(value));
    }
    dict += fmt::format("/Prev {}/W[1 5 2]/Index[{}]/Length {}>>", previous_xref, index,
                        entries.size());
    text_ += fmt::format("{} 0 obj\n{}\nstream\n", self.num, dict);
    text_ += entries;
    text_ += "\nendstream\nendobj\n";
    text_ += fmt::format("startxref\n{}\n%%EOF\n", offsets_[self.num].first);
  }

 private:
  std::size_t base_;
  int next_;
  std::string text_;
  std::map<int, std::pair<std::size_t, int>> offsets_;  // number -> offset, generation
};

struct Opened {
  std::unique_ptr<PDFDoc> doc;
  XRef* xref = nullptr;
  Ref root;
  Object catalog;
};

// The first number no object of the file uses.
int next_free_number(Opened& o) {
  Object size = o.xref->getTrailerDict()->dictLookup("Size");
  return std::max(size.isInt() ? size.getInt() : 0, o.xref->getNumObjects());
}

Opened open(const std::string& bytes) {
  Opened o;
  o.doc = open_pdf(bytes);
  if (!o.doc) throw SealError("the file cannot be read as a PDF");
  o.xref = o.doc->getXRef();
  o.root = {o.xref->getRootNum(), o.xref->getRootGen()};
  o.catalog = o.xref->fetch(o.root);
  if (!o.catalog.isDict()) throw SealError("the file's catalog cannot be read");
  return o;
}

bool has_signature_field(XRef* xref, const Object& catalog) {
  Object form = catalog.getDict()->lookup("AcroForm");
  if (!form.isDict()) return false;
  Object fields = form.dictLookup("Fields");
  for (int i = 0; fields.isArray() && i < fields.arrayGetLength(); ++i) {
    Object field = fields.arrayGet(i);
    if (field.isDict() && field.dictLookup("FT").isName("Sig")) return true;
  }
  (void)xref;
  return false;
}

// The widget's place in the structure tree: a Form element holding it,
// added to the Document element (or the root's kids), and the parent tree
// entry that leads from the widget's /StructParent back to it.
void add_to_structure(Opened& o, Update& update, Ref page, Ref widget, int& struct_parent,
                      const std::string& description, Ref form) {
  const Object& root_ref = o.catalog.getDict()->lookupNF("StructTreeRoot");
  if (!root_ref.isRef()) throw SealError("the structure tree's root is not an indirect object");
  const Ref tree_ref = root_ref.getRef();
  Object tree = o.xref->fetch(tree_ref);
  if (!tree.isDict()) throw SealError("the structure tree's root cannot be read");

  const Object& parent_tree_ref = tree.dictLookupNF("ParentTree");
  Object parent_tree = parent_tree_ref.isRef() ? o.xref->fetch(parent_tree_ref.getRef()) : Object();
  Object nums = parent_tree.isDict() ? parent_tree.dictLookup("Nums") : Object();
  if (!parent_tree_ref.isRef() || !nums.isArray()) {
    throw SealError("the structure tree's parent tree is not one /Nums array");
  }
  Object next_key = tree.dictLookup("ParentTreeNextKey");
  int key = next_key.isInt() ? next_key.getInt() : 0;
  for (int i = 0; i + 1 < nums.arrayGetLength(); i += 2) {
    Object k = nums.arrayGet(i);
    if (k.isInt()) key = std::max(key, k.getInt() + 1);
  }
  struct_parent = key;

  // The Document element when the root has one, else the root itself.
  Ref parent = tree_ref;
  const Object& kids_ref = tree.dictLookupNF("K");
  if (kids_ref.isRef()) {
    Object document = o.xref->fetch(kids_ref.getRef());
    if (document.isDict() && document.dictLookup("S").isName("Document")) {
      parent = kids_ref.getRef();
      update.object(
          parent,
          dict_with(document, {{"K", array_with(document.dictLookupNF("K"), reference(form))}}));
    }
  }
  Entries tree_entries = {{"ParentTree", reference(parent_tree_ref.getRef())},
                          {"ParentTreeNextKey", std::to_string(key + 1)}};
  if (parent == tree_ref) tree_entries.emplace_back("K", array_with(kids_ref, reference(form)));
  update.object(tree_ref, dict_with(tree, tree_entries));
  update.object(
      parent_tree_ref.getRef(),
      dict_with(parent_tree, {{"Nums", array_with(parent_tree.dictLookupNF("Nums"),
                                                  fmt::format("{} {}", key, reference(form)))}}));
  update.object(form, fmt::format("<</Type/StructElem/S/Form/P {}/Pg {}/K<</Type/OBJR/Obj {}/Pg "
                                  "{}>>/Alt {}>>",
                                  reference(parent), reference(page), reference(widget),
                                  reference(page), text_string(description)));
}

void fill_byte_range(PreparedSignature& p, std::size_t placeholder, std::size_t width) {
  std::string range =
      fmt::format("[0 {} {} {}", p.contents_begin, p.contents_end, p.file.size() - p.contents_end);
  if (range.size() + 1 > width) throw SealError("the file is too large to seal");
  range.resize(width - 1, ' ');
  range += ']';
  p.file.replace(placeholder, width, range);
}

// The page the seal's widget is on: the first.
struct FirstPage {
  Ref ref;
  Object dict;
};

FirstPage first_page(const Opened& o) {
  if (o.doc->getNumPages() < 1) throw SealError("the file has no page");
  const Ref* page_ref = o.doc->getCatalog()->getPageRef(1);
  if (!page_ref) throw SealError("the file's first page cannot be found");
  FirstPage page{*page_ref, o.xref->fetch(*page_ref)};
  if (!page.dict.isDict()) throw SealError("the file's first page cannot be read");
  return page;
}

// Where the placeholders of a signature dictionary lie in the file.
struct Placeholders {
  std::size_t range_at = 0;     // the /ByteRange array
  std::size_t contents_at = 0;  // the '<' of /Contents
};

constexpr std::string_view kRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

// The signature dictionary: its /ByteRange and /Contents placeholders
// are filled in once every offset is known. `base`: the file's size
// before the update.
Placeholders write_signature_dict(Update& update, Ref signature, std::size_t base,
                                  const SignatureFields& fields, std::size_t reserved) {
  update.begin(signature);
  std::string& text = update.text();
  text += "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached";
  Placeholders at;
  at.range_at = base + text.size() + std::string("/ByteRange ").size();
  text += "/ByteRange ";
  text += kRangePlaceholder;
  text += "/Contents ";
  at.contents_at = base + text.size();
  text += '<' + std::string(2 * reserved, '0') + '>';
  text += "/M " + text_string(fields.signing_time);
  if (!fields.reason.empty()) text += "/Reason " + text_string(fields.reason);
  if (!fields.location.empty()) text += "/Location " + text_string(fields.location);
  if (!fields.contact_info.empty()) text += "/ContactInfo " + text_string(fields.contact_info);
  text += ">>";
  update.end();
  return at;
}

// The field and its widget, one dictionary: printable (PDF/A), locked.
void write_widget(Update& update, Ref widget, Ref signature, Ref page,
                  const std::string& description, int struct_parent) {
  std::string widget_dict = fmt::format(
      "<</Type/Annot/Subtype/Widget/FT/Sig/T (Seal)/TU {}/V {}/F 132/Rect[0 0 0 0]/P {}",
      text_string(description), reference(signature), reference(page));
  if (struct_parent >= 0) widget_dict += fmt::format("/StructParent {}", struct_parent);
  update.object(widget, widget_dict + ">>");
}

// The first page lists the widget among its annotations.
void list_widget_on_page(const Opened& o, Update& update, const FirstPage& page, Ref widget) {
  const Object& annots = page.dict.dictLookupNF("Annots");
  if (annots.isRef()) {
    update.object(annots.getRef(), array_with(o.xref->fetch(annots.getRef()), reference(widget)));
  } else {
    update.object(page.ref,
                  dict_with(page.dict, {{"Annots", array_with(annots, reference(widget))}}));
  }
}

// The catalog gains the form and says which extension the file uses.
void add_form_to_catalog(const Opened& o, Update& update, Ref widget) {
  Entries catalog_entries = {
      {"AcroForm", fmt::format("<</Fields[{}]/SigFlags 3>>", reference(widget))}};
  if (o.catalog.getDict()->lookupNF("Extensions").isNull()) {
    catalog_entries.emplace_back("Extensions", "<</ESIC<</BaseVersion/1.7/ExtensionLevel 2>>>>");
  }
  update.object(o.root, dict_with(o.catalog, catalog_entries));
}

}  // namespace

PreparedSignature prepare_signature(const std::string& pdf, const SignatureFields& fields,
                                    std::size_t reserved) {
  Opened o = open(pdf);
  if (has_signature_field(o.xref, o.catalog)) {
    throw SealError("the file is sealed already (it has a signature field)");
  }
  const FirstPage page = first_page(o);

  PreparedSignature p;
  p.file = pdf;
  if (p.file.empty() || p.file.back() != '\n') p.file += '\n';
  Update update(p.file.size(), next_free_number(o));
  const Ref signature{update.allocate(), 0};
  const Ref widget{update.allocate(), 0};
  const bool tagged = o.catalog.getDict()->lookupNF("StructTreeRoot").isRef();
  const Ref form = tagged ? Ref{update.allocate(), 0} : Ref::INVALID();

  const Placeholders at = write_signature_dict(update, signature, p.file.size(), fields, reserved);
  int struct_parent = -1;
  if (tagged) {
    add_to_structure(o, update, page.ref, widget, struct_parent, fields.description, form);
  }
  write_widget(update, widget, signature, page.ref, fields.description, struct_parent);
  list_widget_on_page(o, update, page, widget);
  add_form_to_catalog(o, update, widget);
  update.finish(o.xref->getTrailerDict(), last_startxref(pdf));

  p.file += update.text();
  p.contents_begin = at.contents_at;
  p.contents_end = at.contents_at + 2 * reserved + 2;
  fill_byte_range(p, at.range_at, kRangePlaceholder.size());
  return p;
}

bool put_signature(PreparedSignature& p, const std::string& cms) {
  const std::size_t room = (p.contents_end - p.contents_begin - 2) / 2;
  if (cms.size() > room) return false;
  static const char digits[] = "0123456789ABCDEF";
  std::size_t at = p.contents_begin + 1;
  for (unsigned char c : cms) {
    p.file[at++] = digits[c >> 4];
    p.file[at++] = digits[c & 15];
  }
  return true;
}

void add_validation_data(std::string& file, const ValidationData& data) {
  Opened o = open(file);
  Update update(file.size(), next_free_number(o));
  auto streams = [&](const std::vector<std::string>& items) {
    std::string refs;
    for (const auto& der : items) {
      const Ref ref{update.allocate(), 0};
      update.stream(ref, der);
      if (!refs.empty()) refs += ' ';
      refs += reference(ref);
    }
    return refs;
  };
  const std::string certs = streams(data.certificates);
  const std::string crls = streams(data.crls);
  const std::string ocsps = streams(data.ocsp_responses);
  const Ref dss{update.allocate(), 0};
  std::string dict = "<</Type/DSS";
  if (!certs.empty()) dict += "/Certs[" + certs + "]";
  if (!crls.empty()) dict += "/CRLs[" + crls + "]";
  if (!ocsps.empty()) dict += "/OCSPs[" + ocsps + "]";
  update.object(dss, dict + ">>");
  update.object(o.root, dict_with(o.catalog, {{"DSS", reference(dss)}}));
  update.finish(o.xref->getTrailerDict(), last_startxref(file));
  file += update.text();
}

}  // namespace dossier::seal
