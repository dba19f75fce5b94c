#include "seal/seal_reader.h"

#include <fmt/format.h>
#include <poppler/Catalog.h>
#include <poppler/PDFDoc.h>
#include <poppler/XRef.h>

#include <cctype>
#include <ctime>
#include <map>
#include <set>

#include "digest/sha256.h"
#include "seal/key_file.h"
#include "seal/openssl_handles.h"
#include "seal/pdf_objects.h"
#include "seal/seal.h"
#include "seal/timestamp.h"

namespace dossier::seal {
namespace {

constexpr const char* kSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kTimestampToken = "1.2.840.113549.1.9.16.2.14";

// The signature dictionary of the file's first signature field.
struct Signature {
  Ref dict_ref = Ref::INVALID();
  Object dict;
};

std::optional<Signature> find_signature(XRef* xref, const Object& catalog) {
  Object form = catalog.dictLookup("AcroForm");
  Object fields = form.isDict() ? form.dictLookup("Fields") : Object();
  for (int i = 0; fields.isArray() && i < fields.arrayGetLength(); ++i) {
    Object field = fields.arrayGet(i);
    if (!field.isDict() || !field.dictLookup("FT").isName("Sig")) continue;
    const Object& v = field.dictLookupNF("V");
    Signature s;
    if (v.isRef()) {
      s.dict_ref = v.getRef();
      s.dict = xref->fetch(v.getRef());
    } else {
      s.dict = v.copy();
    }
    if (s.dict.isDict()) return s;
  }
  return std::nullopt;
}

std::string iso_from_pdf_date(const std::string& d) {
  // D:YYYYMMDDHHmmSS, then an offset we wrote as +00'00' (UTC).
  std::string digits;
  for (char c : d) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    if (digits.size() == 14) break;
  }
  if (digits.size() < 14) return d;
  return fmt::format("{}-{}-{}T{}:{}:{}Z", digits.substr(0, 4), digits.substr(4, 2),
                     digits.substr(6, 2), digits.substr(8, 2), digits.substr(10, 2),
                     digits.substr(12, 2));
}

std::time_t time_of(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return std::time(nullptr);
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

std::string attribute_der(const ASN1_TYPE* value) {
  if (!value || value->type != V_ASN1_SEQUENCE) return {};
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value->value.sequence)),
                     static_cast<std::size_t>(ASN1_STRING_length(value->value.sequence)));
}

std::string signed_attribute(CMS_SignerInfo* si, const char* oid) {
  Owned<ASN1_OBJECT, ASN1_OBJECT_free> obj(OBJ_txt2obj(oid, 1));
  const int at = CMS_signed_get_attr_by_OBJ(si, obj.get(), -1);
  if (at < 0) return {};
  return attribute_der(X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, at), 0));
}

std::string unsigned_attribute(CMS_SignerInfo* si, const char* oid) {
  Owned<ASN1_OBJECT, ASN1_OBJECT_free> obj(OBJ_txt2obj(oid, 1));
  const int at = CMS_unsigned_get_attr_by_OBJ(si, obj.get(), -1);
  if (at < 0) return {};
  return attribute_der(X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0));
}

std::vector<std::string> stream_list(XRef* xref, const Object& dss, const char* key) {
  std::vector<std::string> out;
  Object list = dss.isDict() ? dss.dictLookup(key) : Object();
  for (int i = 0; list.isArray() && i < list.arrayGetLength(); ++i) {
    Object s = list.arrayGet(i);
    if (!s.isStream()) continue;
    std::string bytes;
    s.getStream()->fillString(bytes);
    out.push_back(std::move(bytes));
  }
  (void)xref;
  return out;
}

std::vector<CertPtr> certificates_of(const std::vector<std::string>& ders) {
  std::vector<CertPtr> out;
  for (const auto& der : ders) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    if (X509* c = d2i_X509(nullptr, &p, static_cast<long>(der.size()))) out.emplace_back(c);
  }
  ERR_clear_error();
  return out;
}

// Whether `cert` chains up to one of `anchors`, at `when`; the reason if not.
std::optional<std::string> untrusted(X509* cert, const std::vector<CertPtr>& anchors,
                                     const std::vector<X509*>& intermediates, std::time_t when) {
  StorePtr store(X509_STORE_new());
  for (const auto& a : anchors) X509_STORE_add_cert(store.get(), a.get());
  CertStackPtr chain(sk_X509_new_null());
  for (X509* c : intermediates) {
    X509_up_ref(c);
    sk_X509_push(chain.get(), c);
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), cert, chain.get());
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), when);
  if (X509_verify_cert(ctx.get()) == 1) return std::nullopt;
  return std::string(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
}

// What changed after the seal's revision may be the validation data PAdES
// B-LT adds there: the /DSS dictionary, the streams it lists, and the
// catalog, when it differs from the sealed one by its /DSS alone.
std::set<int> validation_data_objects(const std::string& bytes, std::size_t end, XRef* xref,
                                      const Ref& root, const Object& catalog) {
  std::set<int> allowed;
  const Object& dss_ref = catalog.dictLookupNF("DSS");
  if (dss_ref.isRef()) {
    allowed.insert(dss_ref.getRef().num);
    Object dss = xref->fetch(dss_ref.getRef());
    for (const char* key : {"Certs", "CRLs", "OCSPs"}) {
      Object list = dss.isDict() ? dss.dictLookup(key) : Object();
      for (int i = 0; list.isArray() && i < list.arrayGetLength(); ++i) {
        const Object& item = list.arrayGetNF(i);
        if (item.isRef()) allowed.insert(item.getRef().num);
      }
    }
  }
  const std::string sealed_bytes = bytes.substr(0, end);
  auto sealed = open_pdf(sealed_bytes);
  if (sealed) {
    XRef* sx = sealed->getXRef();
    Object before = sx->fetch({sx->getRootNum(), sx->getRootGen()});
    auto without_dss = [](const Object& dict) {
      std::string out;
      const Dict* d = dict.getDict();
      for (int i = 0; d && i < d->getLength(); ++i) {
        if (std::string(d->getKey(i)) == "DSS") continue;
        out += std::string(d->getKey(i)) + ' ' + to_pdf(d->getValNF(i)) + ' ';
      }
      return out;
    };
    if (before.isDict() && catalog.isDict() && without_dss(before) == without_dss(catalog)) {
      allowed.insert(root.num);
    }
  }
  return allowed;
}

// Whether object `num` was last written at or after offset `end`, itself or
// through the object stream that holds it.
bool written_after(XRef* xref, int num, std::size_t end) {
  XRefEntry* e = xref->getEntry(num, false);
  if (!e) return false;
  if (e->type == xrefEntryUncompressed) return static_cast<std::size_t>(e->offset) >= end;
  if (e->type == xrefEntryCompressed) {
    XRefEntry* holder = xref->getEntry(static_cast<int>(e->offset), false);
    return holder && holder->type == xrefEntryUncompressed &&
           static_cast<std::size_t>(holder->offset) >= end;
  }
  return false;
}

// Pages and their contents by object number, to say where a change is.
std::map<int, std::string> page_object_names(PDFDoc& doc) {
  XRef* xref = doc.getXRef();
  std::map<int, std::string> names;
  for (int p = 1; p <= doc.getNumPages(); ++p) {
    const Ref* ref = doc.getCatalog()->getPageRef(p);
    if (!ref) continue;
    names[ref->num] = fmt::format("page {}", p);
    Object page = xref->fetch(*ref);
    if (!page.isDict()) continue;
    const Object& contents = page.dictLookupNF("Contents");
    if (contents.isRef()) names[contents.getRef().num] = fmt::format("the content of page {}", p);
    for (int i = 0; contents.isArray() && i < contents.arrayGetLength(); ++i) {
      if (contents.arrayGetNF(i).isRef()) {
        names[contents.arrayGetNF(i).getRef().num] = fmt::format("the content of page {}", p);
      }
    }
  }
  return names;
}

// What changed after the seal's revision (offsets from `end` on), other
// than the validation data PAdES B-LT adds there.
void check_later_updates(const std::string& bytes, std::size_t end, PDFDoc& doc, SealCheck& check) {
  if (end >= bytes.size()) return;
  XRef* xref = doc.getXRef();
  const Ref root{xref->getRootNum(), xref->getRootGen()};
  Object catalog = xref->fetch(root);
  const std::set<int> allowed = validation_data_objects(bytes, end, xref, root, catalog);
  const std::map<int, std::string> names = page_object_names(doc);
  std::vector<std::string> changes;
  for (int num = 1; num < xref->getNumObjects(); ++num) {
    if (allowed.count(num) || !written_after(xref, num, end)) continue;
    Object o = xref->fetch(num, xref->getEntry(num)->gen);
    if (o.isStream() && o.streamGetDict()->lookup("Type").isName("XRef")) continue;
    auto name = names.find(num);
    changes.push_back(name != names.end() ? name->second : fmt::format("object {}", num));
  }
  if (!changes.empty()) {
    std::string list;
    for (std::size_t i = 0; i < changes.size() && i < 5; ++i) {
      list += (i ? ", " : "") + changes[i];
    }
    if (changes.size() > 5) list += fmt::format(" and {} more", changes.size() - 5);
    check.problems.push_back(fmt::format("changed after sealing by a later update: {}", list));
  }
}

void report(SealCheck& check, std::string problem) { check.problems.push_back(std::move(problem)); }

// The signed bytes are the file from 0 to `end` but the hexadecimal
// /Contents value between `gap_begin` and `gap_end`.
struct SignedRange {
  std::size_t gap_begin = 0, gap_end = 0, end = 0;
};

// The signature's /ByteRange, if it covers the whole of the seal's revision
// but /Contents.
std::optional<SignedRange> signed_range(const Object& sig, const std::string& bytes,
                                        SealCheck& check) {
  Object range = sig.dictLookup("ByteRange");
  std::vector<long long> r;
  for (int i = 0; range.isArray() && i < range.arrayGetLength(); ++i) {
    Object n = range.arrayGet(i);
    r.push_back(n.isInt() ? n.getInt() : n.isInt64() ? n.getInt64() : -1);
  }
  const auto size = static_cast<long long>(bytes.size());
  if (r.size() != 4 || r[0] != 0 || r[1] <= 0 || r[2] <= r[1] || r[2] > size || r[3] < 0 ||
      r[3] > size - r[2] || bytes[static_cast<std::size_t>(r[1])] != '<' ||
      bytes[static_cast<std::size_t>(r[2] - 1)] != '>') {
    report(check,
           "the signature's byte range does not cover the file with only its value left out");
    return std::nullopt;
  }
  const SignedRange signed_range{static_cast<std::size_t>(r[1]), static_cast<std::size_t>(r[2]),
                                 static_cast<std::size_t>(r[2] + r[3])};
  const auto end = signed_range.end;
  const auto tail =
      std::string_view(bytes).substr(end >= 8 ? end - 8 : 0, std::min<std::size_t>(end, 8));
  if (tail.find("%%EOF") == std::string_view::npos) {
    report(check, "the signature's byte range stops inside a revision of the file");
  }
  return signed_range;
}

// The DER bytes of /Contents, written in hexadecimal within the gap.
std::optional<std::string> signature_der(const std::string& bytes, const SignedRange& range,
                                         SealCheck& check) {
  std::string cms_der;
  for (std::size_t i = range.gap_begin + 1; i + 1 < range.gap_end; i += 2) {
    auto nibble = [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
    };
    if (!std::isxdigit(static_cast<unsigned char>(bytes[i])) ||
        !std::isxdigit(static_cast<unsigned char>(bytes[i + 1]))) {
      report(check, "the signature's value is not hexadecimal");
      return std::nullopt;
    }
    cms_der += static_cast<char>(nibble(bytes[i]) * 16 + nibble(bytes[i + 1]));
  }
  return cms_der;
}

// The hash of the bytes before the seal's update: up to the end of the
// revision the signature dictionary's update follows.
void hash_unsealed_file(const std::string& bytes, XRef* xref, const Signature& signature,
                        std::size_t gap_begin, SealCheck& check) {
  std::size_t sig_offset = gap_begin;
  if (signature.dict_ref != Ref::INVALID()) {
    XRefEntry* e = xref->getEntry(signature.dict_ref.num, false);
    if (e && e->type == xrefEntryUncompressed) sig_offset = static_cast<std::size_t>(e->offset);
  }
  const auto eof = std::string_view(bytes).substr(0, sig_offset).rfind("%%EOF");
  if (eof == std::string_view::npos) {
    report(check, "the file has no revision before its seal");
    return;
  }
  std::size_t prefix = eof + 5;
  while (prefix < bytes.size() && (bytes[prefix] == '\r' || bytes[prefix] == '\n')) ++prefix;
  prefix = std::min(prefix, sig_offset);
  check.unsealed_sha256 = digest::hex(digest::sha256(std::string_view(bytes).substr(0, prefix)));
}

// A CMS signature and its first signer; both pointers belong to `cms`.
struct SignedData {
  CmsPtr cms;
  X509* signer = nullptr;
  CMS_SignerInfo* info = nullptr;
};

// The CMS signature over the byte range, checked against the bytes, with
// the signer it names; nullopt when it is not CMS or names no signer.
std::optional<SignedData> verify_signed_data(const std::string& cms_der, const std::string& bytes,
                                             const SignedRange& range, SealCheck& check) {
  const auto* p = reinterpret_cast<const unsigned char*>(cms_der.data());
  SignedData signed_data;
  signed_data.cms.reset(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  CMS_ContentInfo* cms = signed_data.cms.get();
  if (!cms) {
    report(check, "the signature's value is not CMS");
    return std::nullopt;
  }
  std::string content = bytes.substr(0, range.gap_begin);
  content.append(bytes, range.gap_end, range.end - range.gap_end);
  auto content_bio = memory_bio(content);
  StorePtr empty_store(X509_STORE_new());
  if (CMS_verify(cms, nullptr, empty_store.get(), content_bio.get(), nullptr,
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    ERR_clear_error();
    report(check, "the signature does not match the file's bytes: it was changed after sealing");
  }
  STACK_OF(X509)* signers = CMS_get0_signers(cms);
  signed_data.signer = signers && sk_X509_num(signers) > 0 ? sk_X509_value(signers, 0) : nullptr;
  sk_X509_free(signers);
  ERR_clear_error();
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  signed_data.info =
      infos && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
  if (!signed_data.signer || !signed_data.info) {
    report(check, "the signature names no signer certificate it carries");
    return std::nullopt;
  }
  return signed_data;
}

// PAdES: the signer's certificate is bound by its hash (ESS).
void check_signer_binding(const SignedData& signed_data, SealCheck& check) {
  check.signer = subject_of(signed_data.signer);
  check.signer_sha256 = certificate_sha256(signed_data.signer);
  const std::string ess = signed_attribute(signed_data.info, kSigningCertificateV2);
  std::string hash_raw;
  for (std::size_t i = 0; i + 1 < check.signer_sha256.size(); i += 2) {
    hash_raw += static_cast<char>(std::stoi(check.signer_sha256.substr(i, 2), nullptr, 16));
  }
  if (ess.find(hash_raw) == std::string::npos) {
    report(check,
           "the signature does not name its signer's certificate (ESS signing-certificate-v2)");
  }
}

// The signature's timestamp token (empty without one), what it says and
// the certificates it carries.
struct SealTimestamp {
  std::string token;
  Timestamp read;
  std::vector<std::string> certificates;
};

// The timestamp, checked to be over the signature's value.
SealTimestamp check_timestamp(CMS_SignerInfo* si, SealCheck& check) {
  SealTimestamp ts;
  ts.token = unsigned_attribute(si, kTimestampToken);
  if (ts.token.empty()) return ts;
  try {
    ts.read = read_timestamp(ts.token);
    check.timestamp_time = ts.read.time;
    check.timestamp_authority = ts.read.authority;
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
    const std::string signature_value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                                      static_cast<std::size_t>(ASN1_STRING_length(value)));
    if (ts.read.imprint != digest::sha256(signature_value)) {
      report(check, "the timestamp is over another signature");
    }
    ts.certificates = timestamp_certificates(ts.token);
  } catch (const SealError& e) {
    report(check, fmt::format("the timestamp does not hold: {}", e.what()));
  }
  return ts;
}

// Every certificate the file carries that may complete a chain: the
// /DSS's, the timestamp token's and the signature's.
std::vector<CertPtr> carried_certificates(XRef* xref, const Object& dss, const SealTimestamp& ts,
                                          CMS_ContentInfo* cms) {
  std::vector<CertPtr> held = certificates_of(stream_list(xref, dss, "Certs"));
  for (auto& c : certificates_of(ts.certificates)) held.push_back(std::move(c));
  STACK_OF(X509)* carried = CMS_get1_certs(cms);
  for (int i = 0; carried && i < sk_X509_num(carried); ++i) {
    held.emplace_back(sk_X509_value(carried, i));
  }
  sk_X509_free(carried);  // the certificates now belong to `held`
  return held;
}

// The signer's certificate, and the timestamp authority's, against the
// trust anchors at the time of the timestamp (else of the signing).
void check_trust(const std::filesystem::path& trust, XRef* xref, const Object& dss,
                 const SignedData& signed_data, const SealTimestamp& ts, SealCheck& check) {
  const auto anchors = read_certificates(trust);
  const std::vector<CertPtr> held = carried_certificates(xref, dss, ts, signed_data.cms.get());
  std::vector<X509*> intermediates;
  for (const auto& c : held) intermediates.push_back(c.get());
  const std::time_t when =
      time_of(!check.timestamp_time.empty() ? check.timestamp_time : check.signing_time);
  if (auto why = untrusted(signed_data.signer, anchors, intermediates, when)) {
    check.trusted = false;
    report(check, fmt::format("the signer's certificate is not trusted: {}", *why));
  } else {
    check.trusted = true;
  }
  if (ts.token.empty()) return;
  auto tsa_certs = certificates_of(ts.certificates);
  // The token's signer is the certificate whose subject names it.
  bool tsa_ok = false;
  std::string reason = "the token carries no certificate";
  for (const auto& c : tsa_certs) {
    if (subject_of(c.get()) != ts.read.authority) continue;
    auto why = untrusted(c.get(), anchors, intermediates, when);
    tsa_ok = !why;
    if (why) reason = *why;
  }
  if (!tsa_ok) {
    check.trusted = false;
    report(check, fmt::format("the timestamp authority's certificate is not trusted: {}", reason));
  }
}

}  // namespace

void check_trust_file(const std::filesystem::path& file) { read_certificates(file); }

std::optional<SealCheck> check_seal(const std::string& bytes,
                                    const std::optional<std::filesystem::path>& trust) {
  auto doc = open_pdf(bytes);
  if (!doc) return std::nullopt;
  XRef* xref = doc->getXRef();
  Object catalog = xref->fetch({xref->getRootNum(), xref->getRootGen()});
  if (!catalog.isDict()) return std::nullopt;
  auto signature = find_signature(xref, catalog);
  if (!signature) return std::nullopt;

  SealCheck check;
  const Object& sig = signature->dict;
  Object m = sig.dictLookup("M");
  if (m.isString()) check.signing_time = iso_from_pdf_date(m.getString()->toStr());
  if (!sig.dictLookup("SubFilter").isName("ETSI.CAdES.detached")) {
    report(check, "the signature is not a PAdES one (its /SubFilter is not ETSI.CAdES.detached)");
  }
  const auto range = signed_range(sig, bytes, check);
  if (!range) return check;
  const auto cms_der = signature_der(bytes, *range, check);
  if (!cms_der) return check;
  hash_unsealed_file(bytes, xref, *signature, range->gap_begin, check);
  const auto signed_data = verify_signed_data(*cms_der, bytes, *range, check);
  if (!signed_data) return check;
  check_signer_binding(*signed_data, check);
  const SealTimestamp ts = check_timestamp(signed_data->info, check);
  Object dss = catalog.dictLookup("DSS");
  check.level = ts.token.empty() ? "B-B" : dss.isDict() ? "B-LT" : "B-T";
  if (trust) check_trust(*trust, xref, dss, *signed_data, ts, check);
  check_later_updates(bytes, range->end, *doc, check);
  return check;
}

}  // namespace dossier::seal
