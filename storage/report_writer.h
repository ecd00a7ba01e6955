// The write path of RocksGraphStore: turns PutReport and DeleteReport into one
// rocksdb::WriteBatch each.
//
// A write first plans the before and after state of every record it touches (the old
// report's records, found through its manifest; the new graph's records; edges left
// without an end), then writes the differences - records, both edge copies, name and
// posting entries, `shares` entries, report info, manifest, text and counters - in one
// batch. Nothing is scanned except the edges of removed nodes and the `shares` entries
// of a shared record the write unlinks (one prefix seek each, the latter stopping at the
// first other report).
//
// Invariants the writes keep: every stored edge's ends are stored nodes; every node has
// exactly the name and posting entries of its current name; a shared record exists
// while at least one stored report's graph includes it; counters equal the records.
//
// Not thread-safe: callers serialise all writes (RocksGraphStore holds its writer
// mutex), because planning reads the latest state and assumes nobody changes it.
#ifndef KG_STORAGE_REPORT_WRITER_H_
#define KG_STORAGE_REPORT_WRITER_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/graph_types.h"
#include "storage/rocks_engine.h"

namespace kg::storage {

// GraphStore::PutReport. Besides the INVALID_ARGUMENT cases listed there, rejects:
// duplicate node or edge ids in the graph; info.node_id not a "report" node of the
// graph; a span whose report is not info.id or that ends past the text; a node or edge
// id already stored with a different owner (another report's, or shared vs owned).
// A shared record's spans become this report's `shares` entry, ordered by (begin, end).
absl::StatusOr<ReportInfo> WriteReport(RocksEngine& engine, const ReportGraph& graph,
                                       bool* replaced);

// GraphStore::DeleteReport.
absl::Status RemoveReport(RocksEngine& engine, ReportId report);

}  // namespace kg::storage

#endif  // KG_STORAGE_REPORT_WRITER_H_
