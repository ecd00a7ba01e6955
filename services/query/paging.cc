// Page tokens and sizes; see paging.h.
#include "services/query/paging.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace kg::query {

absl::StatusOr<PageWindow> ParsePage(const PageRequest& request) {
  PageWindow window;
  if (request.size < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_size must be 0 (the default, ", kDefaultPageSize, ") or more, got ", request.size));
  }
  if (request.size > 0) window.size = std::min(request.size, kMaxPageSize);
  if (request.token.empty()) return window;
  uint64_t offset = 0;
  if (request.token.size() < 2 || request.token[0] != 'p' ||
      !absl::SimpleAtoi(absl::string_view(request.token).substr(1), &offset) ||
      offset > (1u << 30)) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_token '", request.token,
                     "' is not one this server issued; pass the next_page_token of the previous "
                     "answer, or none for the first page"));
  }
  window.offset = static_cast<size_t>(offset);
  return window;
}

}  // namespace kg::query
