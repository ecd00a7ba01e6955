// GoogleTest matchers for absl::Status and absl::StatusOr. Abseil 20220623 ships none,
// so they are written once, here.
//
//   EXPECT_THAT(store.DeleteReport(id), IsOk());
//   EXPECT_THAT(store.GetNode(id), StatusIs(absl::StatusCode::kNotFound));
//   KG_ASSERT_OK_AND_ASSIGN(auto node, store.GetNode(id));
#ifndef KG_TESTS_TESTING_STATUS_MATCHERS_H_
#define KG_TESTS_TESTING_STATUS_MATCHERS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kg::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = ::kg::testing::GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::kg::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::kg::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

}  // namespace kg::testing

#define KG_TESTING_CONCAT_INNER_(a, b) a##b
#define KG_TESTING_CONCAT_(a, b) KG_TESTING_CONCAT_INNER_(a, b)

#define KG_ASSERT_OK(expr) ASSERT_THAT((expr), ::kg::testing::IsOk())
#define KG_EXPECT_OK(expr) EXPECT_THAT((expr), ::kg::testing::IsOk())

// Asserts that `expr` is OK and assigns its value to `lhs`.
#define KG_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  KG_ASSERT_OK_AND_ASSIGN_IMPL_(KG_TESTING_CONCAT_(kg_statusor_, __LINE__), lhs, expr)
#define KG_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  ASSERT_TRUE(statusor.ok()) << statusor.status();         \
  lhs = std::move(statusor).value()

#endif  // KG_TESTS_TESTING_STATUS_MATCHERS_H_
