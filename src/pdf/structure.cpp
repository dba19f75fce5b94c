#include "pdf/structure.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "pdf/pdf_syntax.h"

namespace dossier::pdf {
namespace {

using layout::Role;

// Objects before the elements: the root, the parent tree, then one array
// per page in the parent tree.
constexpr std::size_t kRoot = 0;
constexpr std::size_t kParentTree = 1;
constexpr std::size_t kFirstPageArray = 2;

void append_uint(std::string& out, std::size_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_ref(std::string& out, std::size_t number) {
  append_uint(out, number);
  out += " 0 R";
}

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::Sect:
      return "Sect";
    case Role::H1:
      return "H1";
    case Role::H2:
      return "H2";
    case Role::H3:
      return "H3";
    case Role::P:
      return "P";
    case Role::L:
      return "L";
    case Role::LI:
      return "LI";
    case Role::Lbl:
      return "Lbl";
    case Role::LBody:
      return "LBody";
    case Role::Table:
      return "Table";
    case Role::TR:
      return "TR";
    case Role::TH:
      return "TH";
    case Role::TD:
      return "TD";
    case Role::Figure:
      return "Figure";
    case Role::H4:
      return "H4";
    case Role::H5:
      return "H5";
    case Role::H6:
      return "H6";
    case Role::Link:
      return "Link";
    case Role::BlockQuote:
      return "BlockQuote";
    case Role::None:
      break;
  }
  throw std::logic_error("a structure element without a role");
}

StructureTree::StructureTree(std::string language) : language_(std::move(language)) {
  elements_.push_back({});  // the Document element
}

void StructureTree::add_kid(std::uint32_t parent, Kid kid) {
  kids_.push_back(kid);
  const auto at = static_cast<std::uint32_t>(kids_.size());
  auto& p = elements_[parent];
  if (p.last_kid) {
    kids_[p.last_kid - 1].next = at;
  } else {
    p.first_kid = at;
  }
  p.last_kid = at;
}

// The element of `tag`'s path up to `depth`, made (with its parents) the
// first time it is seen, so that elements come in the order of their
// first content, which is reading order.
std::uint32_t StructureTree::element_for(const layout::Tag& tag, std::uint8_t depth) {
  std::uint32_t e = 0;  // the Document element
  for (std::uint8_t d = 0; d < depth; ++d) e = child(e, tag.path[d]);
  return e;
}

namespace {
std::uint64_t order_key(layout::Role role, std::uint32_t id) {
  return static_cast<std::uint64_t>(role) << 32 | id;
}
}  // namespace

// Content comes element by element: the child asked for is nearly always
// the one its parent made last, or a new one after it.
std::uint32_t StructureTree::child(std::uint32_t parent, const layout::TagNode& node) {
  const auto key = order_key(node.role, node.id);
  auto key_of = [&](std::uint32_t e) { return order_key(elements_[e].role, elements_[e].id); };
  const auto& siblings = elements_[parent].children;
  if (!siblings.empty()) {
    const auto last = key_of(siblings.back());
    if (last == key) return siblings.back();
    if (!elements_[parent].ordered || key < last) {
      if (elements_[parent].ordered) {
        auto it = std::lower_bound(siblings.begin(), siblings.end(), key,
                                   [&](std::uint32_t e, std::uint64_t k) { return key_of(e) < k; });
        if (it != siblings.end() && key_of(*it) == key) return *it;
      } else {
        for (auto e : siblings) {
          if (key_of(e) == key) return e;
        }
      }
    }
  }
  const auto e = static_cast<std::uint32_t>(elements_.size());
  Element made;
  made.role = node.role;
  made.id = node.id;
  made.parent = parent;
  elements_.push_back(std::move(made));
  auto& p = elements_[parent];
  if (!p.children.empty() && key_of(p.children.back()) > key) p.ordered = false;
  p.children.push_back(e);
  add_kid(parent, {0, e, 0, Kid::Kind::Element});
  return e;
}

std::uint32_t StructureTree::add_page(unsigned page_object, std::span<const layout::Tag> body,
                                      std::span<const layout::Tag> own) {
  Page page{page_object, {}};
  page.leaves.reserve(body.size() + own.size());
  const layout::Tag* previous = nullptr;
  std::uint32_t e = 0;
  for (std::uint32_t mcid = 0; mcid < body.size() + own.size(); ++mcid) {
    const auto& tag = mcid < body.size() ? body[mcid] : own[mcid - body.size()];
    if (tag.depth == 0) throw std::logic_error("marked content of an artifact has an MCID");
    // An element split around an /ActualText span has consecutive MCIDs.
    if (!previous || !(tag == *previous)) e = element_for(tag, tag.depth);
    previous = &tag;
    if (!elements_[e].page) elements_[e].page = page_object;
    add_kid(e, {0, mcid, page_object, Kid::Kind::Mcid});
    page.leaves.push_back(e);
  }
  keys_.push_back({true, static_cast<std::uint32_t>(pages_.size())});
  pages_.push_back(std::move(page));
  return static_cast<std::uint32_t>(keys_.size() - 1);
}

std::uint32_t StructureTree::add_object(const layout::Tag& tag, unsigned object,
                                        unsigned page_object) {
  if (tag.depth == 0) throw std::logic_error("an annotation of no structure element");
  const auto e = element_for(tag, tag.depth);
  add_kid(e, {0, object, page_object, Kid::Kind::Object});
  keys_.push_back({false, e});
  return static_cast<std::uint32_t>(keys_.size() - 1);
}

void StructureTree::add_note(const layout::ElementNote& note) {
  if (note.element.depth == 0) return;
  const auto e = element_for(note.element, note.element.depth);
  elements_[e].note = static_cast<std::int32_t>(notes_.size());
  notes_.push_back(note);
}

std::size_t StructureTree::object_count() const {
  return kFirstPageArray + pages_.size() + elements_.size();
}

void StructureTree::write_object(std::size_t index, unsigned first, std::string& out) const {
  const std::size_t elements_at = first + kFirstPageArray + pages_.size();
  if (index == kRoot) {
    out += "<</Type/StructTreeRoot/K ";
    append_ref(out, elements_at);
    out += "/ParentTree ";
    append_ref(out, first + kParentTree);
    out += fmt::format("/ParentTreeNextKey {}>>", keys_.size());
  } else if (index == kParentTree) {
    // A page's key names the array of its MCIDs' elements; an
    // annotation's names its element itself (ISO 32000-1 14.7.4.4).
    out += "<</Nums[";
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      if (k) out += ' ';
      append_uint(out, k);
      out += ' ';
      append_ref(out, keys_[k].page ? first + kFirstPageArray + keys_[k].index
                                    : elements_at + keys_[k].index);
    }
    out += "]>>";
  } else if (index < kFirstPageArray + pages_.size()) {
    out += '[';
    const auto& leaves = pages_[index - kFirstPageArray].leaves;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      if (i) out += ' ';
      append_ref(out, elements_at + leaves[i]);
    }
    out += ']';
  } else {
    write_element(static_cast<std::uint32_t>(index - kFirstPageArray - pages_.size()), first, out);
  }
}

void StructureTree::write_element(std::uint32_t e, unsigned first, std::string& out) const {
  const std::size_t elements_at = first + kFirstPageArray + pages_.size();
  const auto& el = elements_[e];
  if (e == 0) {
    out += "<</S/Document/P ";
    append_ref(out, first + kRoot);
  } else {
    out += "<</S/";
    out += role_name(el.role);
    out += "/P ";
    append_ref(out, elements_at + el.parent);
  }
  if (el.page) {
    out += "/Pg ";
    append_ref(out, el.page);
  }
  std::size_t count = 0;
  for (auto k = el.first_kid; k; k = kids_[k - 1].next) ++count;
  if (count) {
    out += count > 1 ? "/K[" : "/K ";
    bool first_kid = true;
    for (auto k = el.first_kid; k; k = kids_[k - 1].next) {
      const auto& kid = kids_[k - 1];
      if (!first_kid) out += ' ';
      first_kid = false;
      if (kid.kind == Kid::Kind::Element) {
        append_ref(out, elements_at + kid.value);
      } else if (kid.kind == Kid::Kind::Object) {
        out += "<</Type/OBJR/Obj ";
        append_ref(out, kid.value);
        out += "/Pg ";
        append_ref(out, kid.page);
        out += ">>";
      } else if (kid.page == el.page) {
        append_uint(out, kid.value);
      } else {
        // Content on another page than the element's /Pg: a marked-content
        // reference names its page (ISO 32000-1 14.7.4.3).
        out += "<</Type/MCR/Pg ";
        append_ref(out, kid.page);
        out += fmt::format("/MCID {}>>", kid.value);
      }
    }
    if (count > 1) out += ']';
  }
  // A header cell names the cells below it (PDF/UA-1 7.5, Matterhorn 15).
  if (el.role == Role::TH) out += "/A<</O/Table/Scope/Column>>";
  if (el.note >= 0) {
    const auto& note = notes_[static_cast<std::size_t>(el.note)];
    if (!note.alt.empty()) {
      out += "/Alt";
      append_text_string(out, note.alt);
    }
    if (!note.lang.empty() && note.lang != language_) {
      out += "/Lang";
      append_text_string(out, note.lang);
    }
  }
  out += ">>";
}

}  // namespace dossier::pdf
