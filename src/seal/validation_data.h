// Internal to the seal stage: the validation data of a PAdES B-LT seal,
// read from files the user gives (nothing is fetched from the network):
// certificates, CRLs and OCSP responses, each PEM or DER, told apart by
// what they parse as.
#pragma once

#include <filesystem>

#include "seal/pdf_update.h"

namespace dossier::seal {

// Adds what `file` holds to `data`; throws SealError for a file that is
// none of the three.
void read_validation_file(const std::filesystem::path& file, ValidationData& data);

// Drops repeated encodings, keeping the first of each.
void drop_repeats(ValidationData& data);

}  // namespace dossier::seal
