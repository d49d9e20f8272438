// The error model: a small exception hierarchy, caught only in the CLI's main and
// in the HTTP handlers. Third-party error codes (ICU, SQLite, zlib) are translated
// into these at one boundary per dependency; nothing above that boundary sees them.
//
//   throw InputError("ru.txt: invalid UTF-8 at byte 1234");
//
// InputError means the user can fix it (bad file, bad option): exit code 1.
// Any other Error is ours: exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace newsalign {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input or usage: a file that cannot be read, is not UTF-8, an unknown option.
// The message is one line that names the file and the problem.
class InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace newsalign
