// The one set of RAII owners for HarfBuzz objects, for the text stage and
// for the PDF stage's font subsetting alike.
#pragma once

#include <hb-subset.h>
#include <hb.h>

#include <memory>

namespace dossier::text {

struct HbBlobDeleter {
  void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct HbFaceDeleter {
  void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
struct HbFontDeleter {
  void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};
struct HbSetDeleter {
  void operator()(hb_set_t* s) const { hb_set_destroy(s); }
};
struct HbBufferDeleter {
  void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};
struct HbShapePlanDeleter {
  void operator()(hb_shape_plan_t* p) const { hb_shape_plan_destroy(p); }
};
struct HbSubsetInputDeleter {
  void operator()(hb_subset_input_t* i) const { hb_subset_input_destroy(i); }
};
struct HbSubsetPlanDeleter {
  void operator()(hb_subset_plan_t* p) const { hb_subset_plan_destroy(p); }
};
using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbFontDeleter>;
using HbSet = std::unique_ptr<hb_set_t, HbSetDeleter>;
using HbBuffer = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;
using HbShapePlan = std::unique_ptr<hb_shape_plan_t, HbShapePlanDeleter>;
using HbSubsetInput = std::unique_ptr<hb_subset_input_t, HbSubsetInputDeleter>;
using HbSubsetPlan = std::unique_ptr<hb_subset_plan_t, HbSubsetPlanDeleter>;

}  // namespace dossier::text
