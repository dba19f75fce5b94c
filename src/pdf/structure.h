// Internal to the PDF stage: the structure tree of a tagged document
// (ISO 32000-1 14.7), built from the tags of its marked content, and
// written as plain PDF objects into the file's object streams. A volume of
// 100,000 signatures has as many list items; each costs a compact record
// here and about ten compressed bytes in the file, never a libharu object.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "layout/layout.h"

namespace dossier::pdf {

// The name a role has in PDF ("LI", "TH"; standard structure types, so no
// role map is needed).
const char* role_name(layout::Role role);

class StructureTree {
 public:
  // `language`: the document's (catalog /Lang); an element's own language
  // is written only where it differs.
  explicit StructureTree(std::string language);

  // The marked content of the next page: MCID i is the i-th entry of
  // `body` then `own` (element tags; artifacts have no MCID), the tags of
  // its two content streams. `page_object` is the page's object number.
  // Returns the page's /StructParents key.
  std::uint32_t add_page(unsigned page_object, std::span<const layout::Tag> body,
                         std::span<const layout::Tag> own);
  // An annotation that belongs to the element `tag` names (a link's
  // annotation to its Link element), on the page `page_object`. Returns
  // the annotation's /StructParent key.
  std::uint32_t add_object(const layout::Tag& tag, unsigned object, unsigned page_object);
  // Alternative text or language of an element seen on any page.
  void add_note(const layout::ElementNote& note);

  // The objects to write, numbered from `first` on: the StructTreeRoot is
  // `first`, the catalog's /StructTreeRoot.
  std::size_t object_count() const;
  void write_object(std::size_t index, unsigned first, std::string& out) const;

 private:
  struct Element {
    layout::Role role = layout::Role::None;
    std::uint32_t id = 0;         // its tag node's: tells it from siblings of its role
    std::uint32_t parent = 0;     // index; the Document element is 0
    std::uint32_t first_kid = 0;  // into kids_, +1 (0: none)
    std::uint32_t last_kid = 0;   // into kids_, +1
    std::uint32_t page = 0;       // object number of its first content's page (0: none)
    std::int32_t note = -1;       // into notes_
    // Its element kids, and whether they came in increasing (role, id)
    // order, as a layout's counters make them: then a look-up is a binary
    // search, and a kid past the last one is new without one.
    std::vector<std::uint32_t> children;
    bool ordered = true;
  };
  struct Kid {
    enum class Kind : std::uint8_t { Mcid, Element, Object };
    std::uint32_t next = 0;   // into kids_, +1 (0: last)
    std::uint32_t value = 0;  // an MCID, an element index, or an object number
    std::uint32_t page = 0;   // for an MCID or an object: its page's object number
    Kind kind = Kind::Mcid;
  };
  // A key of the parent tree: a page's MCIDs, or one annotation's element.
  struct Key {
    bool page = true;
    std::uint32_t index = 0;  // into pages_, or an element
  };
  struct Page {
    unsigned object = 0;
    std::vector<std::uint32_t> leaves;  // by MCID: the element it belongs to
  };

  std::uint32_t element_for(const layout::Tag& tag, std::uint8_t depth);
  std::uint32_t child(std::uint32_t parent, const layout::TagNode& node);
  void add_kid(std::uint32_t parent, Kid kid);
  void write_element(std::uint32_t e, unsigned first, std::string& out) const;

  std::string language_;
  std::vector<Element> elements_;
  std::vector<Kid> kids_;
  std::vector<Page> pages_;
  std::vector<Key> keys_;
  std::vector<layout::ElementNote> notes_;
};

}  // namespace dossier::pdf
