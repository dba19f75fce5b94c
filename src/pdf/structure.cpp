#include "pdf/structure.h"

#include <fmt/format.h>

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

void append_ref(std::string& out, std::size_t number) {
  out += std::to_string(number);
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
  std::string key;
  key.reserve(5 * depth);
  for (std::uint8_t d = 0; d < depth; ++d) {
    key += static_cast<char>(tag.path[d].role);
    for (int shift = 0; shift < 32; shift += 8) {
      key += static_cast<char>((tag.path[d].id >> shift) & 0xff);
    }
  }
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  const std::uint32_t parent = depth > 1 ? element_for(tag, depth - 1) : 0;
  const auto e = static_cast<std::uint32_t>(elements_.size());
  elements_.push_back({tag.path[depth - 1].role, parent, 0, 0, 0, -1});
  add_kid(parent, {0, e, 0, true});
  index_.emplace(std::move(key), e);
  return e;
}

std::uint32_t StructureTree::add_page(unsigned page_object, const std::vector<layout::Tag>& marks) {
  Page page{page_object, {}};
  page.leaves.reserve(marks.size());
  for (std::uint32_t mcid = 0; mcid < marks.size(); ++mcid) {
    const auto& tag = marks[mcid];
    if (tag.depth == 0) throw std::logic_error("marked content of an artifact has an MCID");
    const auto e = element_for(tag, tag.depth);
    if (!elements_[e].page) elements_[e].page = page_object;
    add_kid(e, {0, mcid, page_object, false});
    page.leaves.push_back(e);
  }
  pages_.push_back(std::move(page));
  return static_cast<std::uint32_t>(pages_.size() - 1);
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
    out += fmt::format("/ParentTreeNextKey {}>>", pages_.size());
  } else if (index == kParentTree) {
    out += "<</Nums[";
    for (std::size_t p = 0; p < pages_.size(); ++p) {
      if (p) out += ' ';
      out += std::to_string(p);
      out += ' ';
      append_ref(out, first + kFirstPageArray + p);
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
      if (kid.element) {
        append_ref(out, elements_at + kid.value);
      } else if (kid.page == el.page) {
        out += std::to_string(kid.value);
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
