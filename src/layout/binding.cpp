// The binding correction (what KOMA-Script calls BCOR): a bound book hides
// the inner few millimetres of every page in its spine, so the inner
// margin must grow by that much. Pages are laid out once without it (the
// signature grid one correction narrower) and moved sideways when drawn,
// which lets the same signature page be a right-hand page in one volume
// and a left-hand one in the next.
#include "layout/layout.h"

namespace dossier::layout {
namespace {

double binding_shift(Block block, bool right_hand, double correction) {
  switch (block) {
    case Block::Text:
      // Same width: the inner margin grows, the outer one gives way.
      return right_hand ? correction : -correction;
    case Block::Narrow:
      // Laid out `correction` narrower on the right: a right-hand page
      // moves it all to the left (inner) side, a left-hand page keeps it.
      return right_hand ? correction : 0;
    case Block::Centred:
      // Centred on the visible part of the trimmed page.
      return (right_hand ? correction : -correction) / 2;
  }
  return 0;
}

}  // namespace

void bind_pages(std::vector<Page>& pages, const Geometry& g) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    // A blank page has nothing to move.
    pages[i].shift_x = pages[i].blank ? 0
                                      : binding_shift(pages[i].block, !g.duplex || i % 2 == 0,
                                                      g.binding_correction);
  }
}

Extent text_block(const Page& page, const Geometry& g) {
  double narrower = page.block == Block::Narrow ? g.binding_correction : 0;
  return {g.margin_left, g.width - g.margin_right - narrower};
}

}  // namespace dossier::layout
