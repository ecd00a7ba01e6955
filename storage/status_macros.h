// Status propagation macros. Abseil 20220623 (Debian 12) ships none, so we write the
// two we need once, here.
#ifndef KG_STORAGE_STATUS_MACROS_H_
#define KG_STORAGE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define KG_STATUS_CONCAT_INNER_(a, b) a##b
#define KG_STATUS_CONCAT_(a, b) KG_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
#define KG_RETURN_IF_ERROR(expr)                      \
  do {                                                \
    ::absl::Status kg_status_ = (expr);               \
    if (!kg_status_.ok()) return kg_status_;          \
  } while (0)

// `KG_ASSIGN_OR_RETURN(auto x, StatusOrExpr());` assigns the value or returns the error.
#define KG_ASSIGN_OR_RETURN(lhs, expr) \
  KG_ASSIGN_OR_RETURN_IMPL_(KG_STATUS_CONCAT_(kg_statusor_, __LINE__), lhs, expr)
#define KG_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return statusor.status();        \
  lhs = std::move(statusor).value()

#endif  // KG_STORAGE_STATUS_MACROS_H_
