// CallBudget: the deadline and cancellation of one question, checked by the engine's
// loops so that a caller who gave up stops costing the server. Knows nothing of gRPC:
// the handler builds one from its ServerContext.
//
// Thread-safety: Check() is safe to call concurrently if `cancelled` is.
#ifndef KG_SERVICES_QUERY_CALL_BUDGET_H_
#define KG_SERVICES_QUERY_CALL_BUDGET_H_

#include <chrono>
#include <functional>
#include <optional>
#include <utility>

#include "absl/status/status.h"

namespace kg::query {

class CallBudget {
 public:
  using Clock = std::chrono::system_clock;

  // No deadline, never cancelled.
  CallBudget() = default;
  // `cancelled` may be empty.
  CallBudget(std::optional<Clock::time_point> deadline, std::function<bool()> cancelled)
      : deadline_(deadline), cancelled_(std::move(cancelled)) {}

  // DEADLINE_EXCEEDED once the deadline has passed, CANCELLED once the caller has gone;
  // OK otherwise.
  absl::Status Check() const {
    if (cancelled_ && cancelled_()) return absl::CancelledError("the caller cancelled the call");
    if (deadline_.has_value() && Clock::now() >= *deadline_) {
      return absl::DeadlineExceededError(
          "the call's deadline passed before the answer was complete; give it more time or "
          "narrow the question (--report, --depth)");
    }
    return absl::OkStatus();
  }

 private:
  std::optional<Clock::time_point> deadline_;
  std::function<bool()> cancelled_;
};

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_CALL_BUDGET_H_
