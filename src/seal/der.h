// Internal to the seal stage: the few DER encodings (ITU-T X.690) a CMS
// signature needs, written out directly. OpenSSL's own CMS signer cannot
// be used because it always adds a signing-time attribute, which a PAdES
// baseline signature must not carry; so the seal stage assembles the
// SignedData itself and leaves only the cryptography to OpenSSL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::seal::der {

// One element: tag, definite length, contents.
std::string element(unsigned char tag, std::string_view contents);

std::string sequence(const std::vector<std::string>& parts);
// SET OF in DER: the elements sorted by their encodings.
std::string set_of(std::vector<std::string> elements);
// An OBJECT IDENTIFIER from its dotted form ("1.2.840.113549.1.7.2").
std::string oid(std::string_view dotted);
std::string octet_string(std::string_view bytes);
std::string small_integer(unsigned value);
std::string null();
// A context-specific tag [n] around `contents`: constructed (EXPLICIT, or
// IMPLICIT over a SEQUENCE or SET) or primitive.
std::string context(unsigned n, std::string_view contents, bool constructed = true);
// The contents of a SET or SEQUENCE element (its tag and length dropped).
std::string_view contents_of(std::string_view element);

}  // namespace dossier::seal::der
