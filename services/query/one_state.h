// AnswerFromOneState: a question that reads the store in several calls, answered from
// one state of the store.
//
// Each store call sees one state, but a write (a report deleted or replaced) landing
// between two calls of a question would give a torn answer: rows without their area,
// rows in the wrong order. Rather than hold a snapshot across calls (which kg-stored
// cannot lend to kg-queryd without more RPCs), the question runs under a read observer
// (storage/read_generation.h) and is asked again if its calls did not all see the same
// write generation: writes are rare and short, so a second attempt nearly always
// settles. A question whose state kept moving for every attempt fails UNAVAILABLE,
// which clients retry; a torn answer is never returned.
//
// A store that names no generation (an older kg-stored) is not checked: the question
// is answered from its first attempt, as before.
#ifndef KG_SERVICES_QUERY_ONE_STATE_H_
#define KG_SERVICES_QUERY_ONE_STATE_H_

#include <chrono>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/read_generation.h"

namespace kg::query {

inline constexpr int kOneStateAttempts = 8;
// The pause before the second attempt; it doubles after each (1 + 2 + ... + 64 ms at
// most, while the caller's thread waits).
inline constexpr std::chrono::milliseconds kOneStateFirstPause{1};

namespace one_state_internal {
inline const absl::Status& StatusOf(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& answer) {
  return answer.status();
}
}  // namespace one_state_internal

// Runs `question()` (returning absl::Status or absl::StatusOr<T>) until its store reads
// all saw one state, at most kOneStateAttempts times; see above. An answer that ran out
// of its deadline or was cancelled is returned as it is, not asked again.
template <typename Question>
auto AnswerFromOneState(Question&& question) -> decltype(question()) {
  std::chrono::milliseconds pause = kOneStateFirstPause;
  for (int attempt = 1;; ++attempt) {
    storage::ReadGenerations seen;
    auto answer = [&] {
      storage::ScopedReadObserver observer(&seen);
      return question();
    }();
    const absl::StatusCode code = one_state_internal::StatusOf(answer).code();
    if (seen.OneState() || code == absl::StatusCode::kDeadlineExceeded ||
        code == absl::StatusCode::kCancelled) {
      return answer;
    }
    if (attempt == kOneStateAttempts) {
      return absl::UnavailableError(
          "the store changed during every attempt to answer from one state of it; retry");
    }
    std::this_thread::sleep_for(pause);
    pause *= 2;
  }
}

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_ONE_STATE_H_
