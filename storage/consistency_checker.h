// The consistency checker: walks every record of a kg store and verifies the
// invariants the write path (report_writer.h) promises, so that a crash, a restore or a
// bug that broke one is found by a scan rather than by a wrong answer.
//
// What is checked, all from one snapshot:
//   - every edge's two ends are stored nodes;
//   - out_edges and in_edges mirror each other (same keys, same bytes);
//   - each key agrees with the record stored under it (ids, ends, type);
//   - the name index and the full-text postings hold exactly the entries of the
//     stored nodes' current names, filed under their owners: none missing, none
//     pointing at a missing node or a name the node no longer has;
//   - each report's manifest matches what is stored: its counts, its owned records
//     (present, owned by it), its shared records (present, with its `shares` entry),
//     its report node, its text (present, of the recorded length) and its report info;
//   - every `shares` entry is of a report whose manifest lists the record, with spans
//     inside that report's text; every shared record has one and keeps no spans inline;
//   - no owned record names a report that has no manifest, and no text or info is left
//     without its manifest;
//   - the counters Stats() reads equal the records counted.
#ifndef KG_STORAGE_CONSISTENCY_CHECKER_H_
#define KG_STORAGE_CONSISTENCY_CHECKER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rocksdb {
class Snapshot;
}  // namespace rocksdb

namespace kg::storage {

class RocksEngine;

// One broken invariant.
struct ConsistencyProblem {
  // A short stable tag, e.g. "dangling_edge", "in_edge_missing", "name_entry_missing";
  // see kProblemKinds in consistency_checker.cc.
  std::string kind;
  // Human-readable: the records involved with their ids in hex, e.g.
  // "edge 00ab.. serves 0001.. -> 0002..: dst node 0002.. is not stored".
  std::string detail;
};

// What a check found.
struct ConsistencyReport {
  // True when no problem was found.
  bool ok = true;
  // Records examined, by kind.
  uint64_t reports = 0;
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t name_entries = 0;
  uint64_t postings = 0;
  // All problems found; `problems` holds only the first max_problems of them.
  uint64_t problem_count = 0;
  std::vector<ConsistencyProblem> problems;
};

// The default bound on the problems listed (all are counted).
inline constexpr size_t kDefaultMaxProblems = 100;

// Checks the store behind `engine` as of `snapshot` (nullptr: the latest state, which
// is only consistent if nothing writes meanwhile). A non-OK status means the check
// could not run (an I/O error); broken invariants, including records that do not
// parse, are problems in the report.
absl::StatusOr<ConsistencyReport> CheckStoreConsistency(const RocksEngine& engine,
                                                        const rocksdb::Snapshot* snapshot,
                                                        size_t max_problems = kDefaultMaxProblems);

}  // namespace kg::storage

#endif  // KG_STORAGE_CONSISTENCY_CHECKER_H_
