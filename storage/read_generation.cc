// See read_generation.h.
#include "storage/read_generation.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace kg::storage {
namespace {

thread_local ReadGenerations* observer = nullptr;

void Add(const ReadGenerations& seen, ReadGenerations* into) {
  if (seen.calls == 0) return;
  into->calls += seen.calls;
  into->uncertain = into->uncertain || seen.uncertain;
  // An uncertain-only observation carries no generation (min > max).
  if (seen.min <= seen.max) {
    into->min = std::min(into->min, seen.min);
    into->max = std::max(into->max, seen.max);
  }
}

}  // namespace

ScopedReadObserver::ScopedReadObserver(ReadGenerations* sink) : sink_(sink), hidden_(observer) {
  observer = sink_;
}

ScopedReadObserver::~ScopedReadObserver() {
  observer = hidden_;
  if (hidden_ != nullptr) Add(*sink_, hidden_);
}

void NoteRead(uint64_t generation, bool certain) {
  ReadGenerations* sink = observer;
  if (sink == nullptr) return;
  ++sink->calls;
  if (!certain) {
    sink->uncertain = true;
    return;
  }
  sink->min = std::min(sink->min, generation);
  sink->max = std::max(sink->max, generation);
}

void NoteReads(const ReadGenerations& seen) {
  if (observer != nullptr) Add(seen, observer);
}

std::string FormatReadGenerations(const ReadGenerations& seen) {
  if (seen.calls == 0) return "";
  std::string text;
  if (seen.min <= seen.max) {
    text = seen.min == seen.max ? absl::StrCat(seen.min) : absl::StrCat(seen.min, "-", seen.max);
  }
  if (seen.uncertain) text += "?";
  return text;
}

ReadGenerations ParseReadGenerations(std::string_view text) {
  ReadGenerations seen;
  seen.calls = 1;
  absl::string_view rest(text.data(), text.size());
  if (!rest.empty() && rest.back() == '?') {
    seen.uncertain = true;
    rest.remove_suffix(1);
    if (rest.empty()) return seen;
  }
  const size_t dash = rest.find('-');
  uint64_t low = 0, high = 0;
  const bool parsed =
      dash == absl::string_view::npos
          ? absl::SimpleAtoi(rest, &low) && absl::SimpleAtoi(rest, &high)
          : absl::SimpleAtoi(rest.substr(0, dash), &low) &&
                absl::SimpleAtoi(rest.substr(dash + 1), &high);
  if (!parsed || low > high) {
    ReadGenerations unknown;
    unknown.calls = 1;
    unknown.uncertain = true;
    return unknown;
  }
  seen.min = low;
  seen.max = high;
  return seen;
}

}  // namespace kg::storage
