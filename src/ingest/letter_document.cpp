// The letter's Markdown (CommonMark through cmark) as a small document
// model: paragraphs and headings with their inline styles, hard breaks and
// links; lists with their markers; block quotes; rules; pictures. What the
// model cannot hold is a warning with its line, never dropped in silence.
#include <cmark.h>
#include <fmt/format.h>

#include <memory>

#include "files/files.h"
#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// A bullet per depth, as a typesetter varies them.
const char* bullet(std::size_t depth) {
  static const char* kBullets[] = {"•", "◦", "▪"};
  return kBullets[depth % 3];
}

class Reader {
 public:
  Reader(const std::filesystem::path& file, const Pictures* pictures, LetterDocument& out)
      : file_(file), pictures_(pictures), out_(out) {}

  void read(const std::string& markdown) {
    std::unique_ptr<cmark_node, NodeFree> doc(cmark_parse_document(
        markdown.data(), markdown.size(), CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS));
    std::unique_ptr<cmark_iter, IterFree> it(cmark_iter_new(doc.get()));
    for (auto ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE;
         ev = cmark_iter_next(it.get())) {
      visit(cmark_iter_get_node(it.get()), ev == CMARK_EVENT_ENTER);
    }
  }

 private:
  std::size_t line_of(cmark_node* node) const {
    return static_cast<std::size_t>(std::max(0, cmark_node_get_start_line(node)));
  }

  void warn(cmark_node* node, std::string what) {
    out_.warnings.push_back({line_of(node), std::move(what)});
  }

  void open_block(LetterBlock::Kind kind, cmark_node* node) {
    LetterBlock b;
    b.kind = kind;
    b.line = line_of(node);
    b.quote_depth = quote_depth_;
    b.lists = lists_;
    // The first block of a list item carries its marker; the item's
    // later blocks are indented the same, without one.
    for (auto& l : lists_) l.marker.clear();
    out_.blocks.push_back(std::move(b));
    in_block_ = true;
  }

  void add_text(std::string text) {
    if (!in_block_ || in_image_) {
      if (in_image_) alt_ += text;
      return;
    }
    Inline::Style style = code_                  ? Inline::Style::Code
                          : strong_ && emphasis_ ? Inline::Style::BoldItalic
                          : strong_              ? Inline::Style::Bold
                          : emphasis_            ? Inline::Style::Italic
                                                 : Inline::Style::Regular;
    auto& inlines = out_.blocks.back().inlines;
    if (!inlines.empty() && inlines.back().style == style && inlines.back().link == link_) {
      inlines.back().text += text;
    } else {
      inlines.push_back({std::move(text), style, link_});
    }
  }

  void image(cmark_node* node, bool enter) {
    if (enter) {
      in_image_ = true;
      alt_.clear();
      return;
    }
    in_image_ = false;
    const std::string source = cmark_node_get_url(node);
    // A picture stands on its own: the text around it goes before and
    // after it, in blocks of their own.
    const auto continued = in_block_ ? out_.blocks.back() : LetterBlock{};
    LetterBlock picture;
    picture.kind = LetterBlock::Kind::Image;
    picture.line = line_of(node);
    picture.quote_depth = quote_depth_;
    picture.lists = in_block_ ? continued.lists : lists_;
    picture.source = source;
    picture.alt = alt_;
    if (pictures_) {
      auto it = pictures_->find(source);
      if (it != pictures_->end()) picture.picture = it->second;
    } else {
      load(node, source);
    }
    if (picture.alt.empty()) {
      warn(node, fmt::format("the picture {} has no alternative text (![what it shows]({}))",
                             source, source));
    }
    if (in_block_ && out_.blocks.back().inlines.empty()) out_.blocks.pop_back();
    out_.blocks.push_back(std::move(picture));
    if (in_block_) {
      LetterBlock rest = continued;
      rest.inlines.clear();
      for (auto& l : rest.lists) l.marker.clear();
      out_.blocks.push_back(std::move(rest));
    }
  }

  // Reads and checks a picture the first time it is named. Throws
  // InputError naming the letter's file and line.
  void load(cmark_node* node, const std::string& source) {
    if (out_.pictures.count(source)) return;
    const auto path = file_.parent_path() / source;
    auto bytes = files::read_all(path);
    if (!bytes) {
      throw InputError(fmt::format("{}, line {}: the picture {} cannot be read ({})",
                                   file_.string(), line_of(node), source,
                                   std::filesystem::exists(path) ? "unreadable" : "no such file"));
    }
    try {
      out_.pictures.emplace(source,
                            std::make_shared<const picture::Picture>(picture::decode(*bytes)));
    } catch (const picture::PictureError& e) {
      throw InputError(fmt::format("{}, line {}: the picture {} is {}", file_.string(),
                                   line_of(node), source, e.what()));
    }
  }

  void visit(cmark_node* node, bool enter) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        paragraph(node, enter);
        break;
      case CMARK_NODE_HEADING:
        heading(node, enter);
        break;
      case CMARK_NODE_CODE_BLOCK:
        code_block(node);
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        open_block(LetterBlock::Kind::Rule, node);
        in_block_ = false;
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        quote_depth_ += enter ? 1 : -1;
        break;
      case CMARK_NODE_LIST:
        list(node, enter);
        break;
      case CMARK_NODE_ITEM:
        item(enter);
        break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        warn(node, "raw HTML is not set (write it as Markdown)");
        break;
      case CMARK_NODE_CUSTOM_BLOCK:
      case CMARK_NODE_CUSTOM_INLINE:
        if (enter) warn(node, "an element the letter cannot set");
        break;
      default:
        visit_inline(node, enter);
        break;
    }
  }

  void visit_inline(cmark_node* node, bool enter) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
        add_text(cmark_node_get_literal(node));
        break;
      case CMARK_NODE_CODE:
        code_ = true;
        add_text(cmark_node_get_literal(node));
        code_ = false;
        break;
      case CMARK_NODE_SOFTBREAK:
        add_text(" ");
        break;
      case CMARK_NODE_LINEBREAK:
        add_text("\n");
        break;
      case CMARK_NODE_EMPH:
        emphasis_ += enter ? 1 : -1;
        break;
      case CMARK_NODE_STRONG:
        strong_ += enter ? 1 : -1;
        break;
      case CMARK_NODE_LINK:
        link_ = enter ? cmark_node_get_url(node) : "";
        break;
      case CMARK_NODE_IMAGE:
        image(node, enter);
        break;
      default:
        break;
    }
  }

  void paragraph(cmark_node* node, bool enter) {
    if (enter) {
      open_block(LetterBlock::Kind::Paragraph, node);
      return;
    }
    if (!out_.blocks.empty() && out_.blocks.back().kind == LetterBlock::Kind::Paragraph &&
        out_.blocks.back().inlines.empty() && out_.blocks.size() > 1 &&
        out_.blocks[out_.blocks.size() - 2].kind == LetterBlock::Kind::Image) {
      out_.blocks.pop_back();  // nothing after the picture
    }
    in_block_ = false;
  }

  void heading(cmark_node* node, bool enter) {
    if (enter) {
      open_block(LetterBlock::Kind::Heading, node);
      out_.blocks.back().heading_level = cmark_node_get_heading_level(node);
    } else {
      in_block_ = false;
    }
  }

  // Set as it is, line for line, in the monospaced face.
  void code_block(cmark_node* node) {
    open_block(LetterBlock::Kind::Paragraph, node);
    code_ = true;
    std::string code = cmark_node_get_literal(node);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    add_text(code);
    code_ = false;
    in_block_ = false;
  }

  void list(cmark_node* node, bool enter) {
    if (enter) {
      list_id_.push_back(lists_made_++);
      items_.push_back(0);
      list_number_.push_back(cmark_node_get_list_start(node));
      tight_.push_back(cmark_node_get_list_tight(node) != 0);
      ordered_.push_back(cmark_node_get_list_type(node) == CMARK_ORDERED_LIST);
      paren_.push_back(cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM);
    } else {
      list_id_.pop_back();
      items_.pop_back();
      list_number_.pop_back();
      tight_.pop_back();
      ordered_.pop_back();
      paren_.pop_back();
    }
  }

  void item(bool enter) {
    if (!enter) {
      lists_.pop_back();
      return;
    }
    const std::size_t depth = list_number_.size() - 1;
    ListLevel level;
    level.tight = tight_.back();
    level.list = list_id_.back();
    level.item = items_.back()++;
    level.marker = ordered_.back()
                       ? fmt::format("{}{}", list_number_.back()++, paren_.back() ? ")" : ".")
                       : bullet(depth);
    lists_.push_back(level);
  }

  const std::filesystem::path& file_;
  const Pictures* pictures_;
  LetterDocument& out_;
  bool in_block_ = false;
  bool in_image_ = false;
  bool code_ = false;
  int emphasis_ = 0, strong_ = 0;
  int quote_depth_ = 0;
  std::string link_;
  std::string alt_;
  std::vector<ListLevel> lists_;
  std::vector<int> list_number_;
  std::vector<std::uint32_t> list_id_, items_;
  std::uint32_t lists_made_ = 0;
  std::vector<bool> tight_, ordered_, paren_;
};

}  // namespace

LetterDocument read_letter_document(const std::string& markdown,
                                    const std::filesystem::path& file) {
  LetterDocument doc;
  Reader(file, nullptr, doc).read(markdown);
  return doc;
}

LetterDocument letter_document(const std::string& filled, const LetterTemplate& letter) {
  LetterDocument doc;
  Reader(letter.file, &letter.document.pictures, doc).read(filled);
  doc.pictures = letter.document.pictures;
  doc.warnings.clear();  // said once, when the template was read
  return doc;
}

}  // namespace dossier::ingest
