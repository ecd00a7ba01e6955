// The one place where rocksdb::Status becomes absl::Status. Everything above the RocksDB
// calls in storage/ sees only absl::Status.
#ifndef KG_STORAGE_ROCKS_STATUS_H_
#define KG_STORAGE_ROCKS_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace kg::storage {

// Maps a RocksDB status to the closest canonical code, keeping RocksDB's message and
// prefixing `context` (what the store was doing) when it is not empty.
//   NotFound -> NOT_FOUND, Corruption -> DATA_LOSS, InvalidArgument ->
//   INVALID_ARGUMENT, NotSupported -> UNIMPLEMENTED, IOError -> UNAVAILABLE,
//   Busy/TryAgain/TimedOut -> UNAVAILABLE/DEADLINE_EXCEEDED, Aborted -> ABORTED,
//   Incomplete -> FAILED_PRECONDITION, ShutdownInProgress -> CANCELLED,
//   anything else -> INTERNAL.
absl::Status FromRocksStatus(const rocksdb::Status& status, std::string_view context = {});

}  // namespace kg::storage

#endif  // KG_STORAGE_ROCKS_STATUS_H_
