// What the fuzz targets assert beyond the sanitizers: invariants every accepted input
// must keep. A broken invariant prints what broke and aborts, which libFuzzer reports as
// a crash and saves the input for.
#ifndef KG_TESTS_FUZZ_FUZZ_CHECK_H_
#define KG_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "unicode/utf8.h"

#define KG_FUZZ_CHECK(cond, what)                                                       \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: invariant broken: %s (%s)\n", __FILE__, __LINE__, \
                   #cond, what);                                                          \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace kg::fuzz {

// Whether `s` is well-formed UTF-8 (ICU's strict decoder: no surrogates, no overlongs).
inline bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace kg::fuzz

#endif  // KG_TESTS_FUZZ_FUZZ_CHECK_H_
