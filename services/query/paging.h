// Paging of every list the engine answers with. A page is a window [offset,
// offset + size) of the whole, ordered list; the token that asks for the next page is
// the offset written as "p<offset>", which callers treat as opaque.
//
// Sizes: 0 means kDefaultPageSize; sizes above kMaxPageSize are clamped to it;
// negative sizes are INVALID_ARGUMENT.
#ifndef KG_SERVICES_QUERY_PAGING_H_
#define KG_SERVICES_QUERY_PAGING_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::query {

inline constexpr int32_t kDefaultPageSize = 50;
inline constexpr int32_t kMaxPageSize = 1000;

// What the caller asked for.
struct PageRequest {
  int32_t size = 0;
  std::string token;
};

// A parsed request: where the page starts and how long it is.
struct PageWindow {
  size_t offset = 0;
  size_t size = kDefaultPageSize;
};

// INVALID_ARGUMENT for a negative size or a token this server did not issue.
absl::StatusOr<PageWindow> ParsePage(const PageRequest& request);

// Where a paged list ends up: the token of the next page ("" on the last) and the
// length of the whole list.
struct PageInfo {
  std::string next_token;
  int32_t total = 0;
};

// Cuts `items` down to the window and says what follows. A window past the end leaves
// an empty page.
template <typename T>
PageInfo TakePage(const PageWindow& window, std::vector<T>* items) {
  PageInfo info;
  info.total = static_cast<int32_t>(items->size());
  size_t begin = std::min(window.offset, items->size());
  size_t end = std::min(items->size(), begin + window.size);
  if (end < items->size()) info.next_token = "p" + std::to_string(end);
  items->erase(items->begin() + end, items->end());
  items->erase(items->begin(), items->begin() + begin);
  return info;
}

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_PAGING_H_
