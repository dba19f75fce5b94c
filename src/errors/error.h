#pragma once

#include <stdexcept>
#include <string>

namespace dossier {

// What the person running dossier has to do about a failure. `main` turns
// a kind into a message and an exit status in one place; the stages only
// say which kind they throw.
enum class ErrorKind {
  bad_input,    // an input, an option or the output folder cannot be used as given (exit 2)
  not_sealed,   // the seal cannot be made: key, password, authority (exit 2); nothing changed
  not_written,  // writing failed part-way, a full disk (exit 1); the previous set stays
  rejected,     // --strict and rows were rejected (exit 1), after the report is written
  internal,     // a library failed or a bug (exit 1)
};

// Every error dossier throws on purpose: a kind and a message that names
// the file, the line or the value concerned.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// A stage's own error: an Error of a fixed kind that callers inside the
// project can catch by name (verify tells an unreadable export from a bad
// manifest, say). `Tag` only makes the type distinct.
template <ErrorKind Kind, typename Tag>
class StageError : public Error {
 public:
  explicit StageError(const std::string& message) : Error(Kind, message) {}
};

// The output file or folder cannot be written, or another build holds the
// folder. Nothing is left under the file's name.
using OutputError = StageError<ErrorKind::bad_input, struct OutputErrorTag>;

}  // namespace dossier
