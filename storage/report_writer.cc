// Planning and applying report writes; see report_writer.h.
#include "storage/report_writer.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "rocksdb/write_batch.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/key_codec.h"
#include "storage/record_codec.h"
#include "storage/status_macros.h"

namespace kg::storage {
namespace {

// ---- Validation of the graph on its own, before anything is read. ----

bool IsNodeType(std::string_view type) {
  return std::find(std::begin(kNodeTypes), std::end(kNodeTypes), type) != std::end(kNodeTypes);
}

absl::Status CheckOwner(ReportId owner, const ReportInfo& info, std::string_view what,
                        uint64_t id) {
  if (owner == 0 || owner == info.id) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(std::string(what), " ", IdToHex(id),
                                                 " belongs to report ", IdToHex(owner), ", not ",
                                                 IdToHex(info.id)));
}

absl::Status CheckSpans(const std::vector<Span>& spans, const ReportInfo& info,
                        std::string_view what, uint64_t id) {
  for (const Span& span : spans) {
    if (span.report != info.id || span.begin > span.end || span.end > info.text_length) {
      return absl::InvalidArgumentError(absl::StrCat(
          std::string(what), " ", IdToHex(id), " has span [", span.begin, ", ", span.end,
          ") of report ", IdToHex(span.report), "; spans must index this report's text of ",
          info.text_length, " code points"));
    }
  }
  return absl::OkStatus();
}

// `info` must already have text_length filled in.
absl::Status ValidateGraph(const ReportGraph& graph, const ReportInfo& info) {
  if (info.id == 0) return absl::InvalidArgumentError("report id is zero");
  absl::flat_hash_set<NodeId> node_ids;
  bool has_report_node = false;
  for (const Node& node : graph.nodes) {
    if (node.id == 0) return absl::InvalidArgumentError("node id is zero");
    if (!node_ids.insert(node.id).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate node ", IdToHex(node.id)));
    }
    if (!IsNodeType(node.type)) {
      return absl::InvalidArgumentError(
          absl::StrCat("node ", IdToHex(node.id), " has unknown type '", node.type, "'"));
    }
    KG_RETURN_IF_ERROR(CheckOwner(node.report, info, "node", node.id));
    KG_RETURN_IF_ERROR(CheckSpans(node.spans, info, "node", node.id));
    if (node.id == info.node_id && node.type == "report") has_report_node = true;
  }
  if (!has_report_node) {
    return absl::InvalidArgumentError(absl::StrCat("report node ", IdToHex(info.node_id),
                                                   " is not a node of type 'report' in the graph"));
  }
  absl::flat_hash_set<EdgeId> edge_ids;
  for (const Edge& edge : graph.edges) {
    if (edge.id == 0 || edge.src == 0 || edge.dst == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("edge ", IdToHex(edge.id), " has a zero id or end"));
    }
    if (!edge_ids.insert(edge.id).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate edge ", IdToHex(edge.id)));
    }
    if (!EdgeTypeCode(edge.type).has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("edge ", IdToHex(edge.id), " has unknown type '", edge.type, "'"));
    }
    KG_RETURN_IF_ERROR(CheckOwner(edge.report, info, "edge", edge.id));
    KG_RETURN_IF_ERROR(CheckSpans(edge.spans, info, "edge", edge.id));
  }
  return absl::OkStatus();
}

// ---- Record helpers. ----

// The name and posting keys a node record contributes.
struct IndexKeys {
  std::set<std::string> names;
  std::set<std::string> postings;
};

IndexKeys IndexKeysOf(const std::optional<NodeRecord>& node) {
  IndexKeys keys;
  if (!node.has_value()) return keys;
  const std::string folded = FoldText(node->name());
  if (folded.empty()) return keys;
  keys.names.insert(EncodeNameKey(folded, node->report(), node->id()));
  for (const std::string& token : Bigrams(folded)) {
    keys.postings.insert(EncodePostingKey(token, node->report(), node->id()));
  }
  return keys;
}

// One report's spans of a shared record, as its `shares` entry holds them: ordered by
// (begin, end). The record itself is stored without spans.
template <typename Record>
SpanList TakeSpans(Record& record) {
  SpanList list;
  *list.mutable_spans() = std::move(*record.mutable_spans());
  record.clear_spans();
  auto* spans = list.mutable_spans();
  std::sort(spans->begin(), spans->end(), [](const SpanRecord& a, const SpanRecord& b) {
    return std::make_tuple(a.begin(), a.end()) < std::make_tuple(b.begin(), b.end());
  });
  return list;
}

template <typename Record>
bool SameRecord(const std::optional<Record>& a, const std::optional<Record>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a.has_value() || google::protobuf::util::MessageDifferencer::Equals(*a, *b);
}

template <typename Record>
absl::Status CheckSameOwner(const std::optional<Record>& stored, ReportId owner,
                            std::string_view what) {
  if (!stored.has_value() || stored->report() == owner) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(what), " ", IdToHex(stored->id()), " is already stored ",
                   stored->report() == 0 ? std::string("as shared")
                                         : absl::StrCat("by report ", IdToHex(stored->report()))));
}

// ---- The plan. ----

// Net change of the record counts in one write.
struct CountDelta {
  int64_t nodes = 0;
  int64_t edges = 0;
  int64_t name_entries = 0;
  int64_t postings = 0;
};

template <typename Record>
struct Change {
  std::optional<Record> before;
  std::optional<Record> after;
};

// Before and after state of every record one write touches.
class WritePlan {
 public:
  explicit WritePlan(RocksEngine& engine) : engine_(engine) {}

  // Takes `report` out of every record its manifest lists.
  absl::Status Unlink(const ReportManifest& manifest);
  // Writes the graph's records over the plan. Fails on ownership conflicts and edges
  // whose ends will not exist.
  absl::Status Link(const ReportGraph& graph);
  // Removes every stored edge that touches a node the plan removes.
  absl::Status DropDanglingEdges();
  // Plans the removal of every `shares` entry of the shared records the plan removes
  // (other reports' entries of an edge dropped with its end included).
  absl::Status DropSharesOfRemoved();
  // Adds the planned changes to `batch` and their effect on the counts to `delta`.
  void Apply(rocksdb::WriteBatch* batch, CountDelta* delta) const;

 private:
  // The entry of a record, loaded from the store (before = after = stored) on first use.
  absl::StatusOr<Change<NodeRecord>*> Touch(NodeId id);
  absl::StatusOr<Change<EdgeRecord>*> Touch(const EdgeKey& key);
  // Whether `id` exists once the plan is applied.
  absl::StatusOr<bool> NodeExistsAfter(NodeId id);
  // Whether a report other than `report` has a `shares` entry for the record (read from
  // the store: one write changes only its own report's entries until
  // DropSharesOfRemoved).
  absl::StatusOr<bool> SharedByOthers(ShareKind kind, uint64_t record, ReportId report) const;
  // Takes `report`'s entry of a shared record out / puts it in.
  void Unshare(ShareKind kind, uint64_t record, ReportId report);
  void Share(ShareKind kind, uint64_t record, ReportId report, SpanList spans);

  void ApplyNode(const Change<NodeRecord>& change, rocksdb::WriteBatch* batch,
                 CountDelta* delta) const;
  void ApplyEdge(const Change<EdgeRecord>& change, rocksdb::WriteBatch* batch,
                 CountDelta* delta) const;

  RocksEngine& engine_;
  std::map<NodeId, Change<NodeRecord>> nodes_;
  std::map<EdgeId, Change<EdgeRecord>> edges_;
  // `shares` entries to write and to delete, by encoded key.
  std::map<std::string, SpanList> share_puts_;
  std::set<std::string> share_deletes_;
};

absl::StatusOr<bool> WritePlan::SharedByOthers(ShareKind kind, uint64_t record,
                                               ReportId report) const {
  bool others = false;
  KG_RETURN_IF_ERROR(engine_.Scan(nullptr, Column::kShares, SharePrefix(kind, record),
                                  [&](std::string_view key, std::string_view) {
                                    const std::optional<ShareKey> parsed = ParseShareKey(key);
                                    others = parsed.has_value() && parsed->report != report;
                                    return !others;  // the first other report settles it
                                  }));
  return others;
}

void WritePlan::Unshare(ShareKind kind, uint64_t record, ReportId report) {
  const std::string key = EncodeShareKey({kind, record, report});
  share_puts_.erase(key);
  share_deletes_.insert(key);
}

void WritePlan::Share(ShareKind kind, uint64_t record, ReportId report, SpanList spans) {
  const std::string key = EncodeShareKey({kind, record, report});
  share_deletes_.erase(key);
  share_puts_[key] = std::move(spans);
}

absl::StatusOr<Change<NodeRecord>*> WritePlan::Touch(NodeId id) {
  auto [it, inserted] = nodes_.try_emplace(id);
  if (inserted) {
    KG_ASSIGN_OR_RETURN(it->second.before, engine_.ReadNode(nullptr, id));
    it->second.after = it->second.before;
  }
  return &it->second;
}

absl::StatusOr<Change<EdgeRecord>*> WritePlan::Touch(const EdgeKey& key) {
  auto [it, inserted] = edges_.try_emplace(key.id);
  if (inserted) {
    KG_ASSIGN_OR_RETURN(it->second.before, engine_.ReadEdge(nullptr, key));
    it->second.after = it->second.before;
  }
  return &it->second;
}

absl::StatusOr<bool> WritePlan::NodeExistsAfter(NodeId id) {
  if (auto it = nodes_.find(id); it != nodes_.end()) return it->second.after.has_value();
  KG_ASSIGN_OR_RETURN(std::optional<NodeRecord> stored, engine_.ReadNode(nullptr, id));
  return stored.has_value();
}

absl::Status WritePlan::Unlink(const ReportManifest& manifest) {
  const ReportId report = manifest.info().id();
  // Owned records go; a shared one loses this report's entry and goes with its last.
  auto unlink = [&](auto& after, ShareKind kind, uint64_t id) -> absl::Status {
    if (!after.has_value()) return absl::OkStatus();  // already removed
    if (after->report() == report) {
      after.reset();
    } else if (after->report() == 0) {
      Unshare(kind, id, report);
      KG_ASSIGN_OR_RETURN(const bool others, SharedByOthers(kind, id, report));
      if (!others) after.reset();
    }
    return absl::OkStatus();
  };
  for (const auto* ids : {&manifest.owned_nodes(), &manifest.shared_nodes()}) {
    for (NodeId id : *ids) {
      KG_ASSIGN_OR_RETURN(auto* change, Touch(id));
      KG_RETURN_IF_ERROR(unlink(change->after, ShareKind::kNode, id));
    }
  }
  for (const auto* refs : {&manifest.owned_edges(), &manifest.shared_edges()}) {
    for (const EdgeRef& ref : *refs) {
      KG_ASSIGN_OR_RETURN(auto* change, Touch(KeyOf(ref)));
      KG_RETURN_IF_ERROR(unlink(change->after, ShareKind::kEdge, ref.id()));
    }
  }
  return absl::OkStatus();
}

absl::Status WritePlan::Link(const ReportGraph& graph) {
  const ReportId report = graph.info.id;
  for (const Node& node : graph.nodes) {
    KG_ASSIGN_OR_RETURN(auto* change, Touch(node.id));
    KG_RETURN_IF_ERROR(CheckSameOwner(change->before, node.report, "node"));
    // This report's version of a shared node wins its fields; its spans are its entry.
    change->after = ToRecord(node);
    if (node.report == 0) Share(ShareKind::kNode, node.id, report, TakeSpans(*change->after));
  }
  for (const Edge& edge : graph.edges) {
    for (NodeId end : {edge.src, edge.dst}) {
      KG_ASSIGN_OR_RETURN(const bool exists, NodeExistsAfter(end));
      if (!exists) {
        return absl::InvalidArgumentError(
            absl::StrCat("edge ", IdToHex(edge.id), " ends at node ", IdToHex(end),
                         ", which is neither in the graph nor stored"));
      }
    }
    EdgeRecord record = ToRecord(edge);
    KG_ASSIGN_OR_RETURN(auto* change, Touch(*KeyOf(record)));
    KG_RETURN_IF_ERROR(CheckSameOwner(change->before, edge.report, "edge"));
    if (edge.report == 0) Share(ShareKind::kEdge, edge.id, report, TakeSpans(record));
    change->after = std::move(record);
  }
  return absl::OkStatus();
}

absl::Status WritePlan::DropDanglingEdges() {
  std::vector<NodeId> removed;
  for (const auto& [id, change] : nodes_) {
    if (change.before.has_value() && !change.after.has_value()) removed.push_back(id);
  }
  for (NodeId id : removed) {
    for (Column column : {Column::kOutEdges, Column::kInEdges}) {
      std::vector<EdgeKey> keys;
      KG_RETURN_IF_ERROR(engine_.Scan(
          nullptr, column, EdgePrefix(id), [&](std::string_view key, std::string_view) {
            auto parsed = column == Column::kOutEdges ? ParseOutEdgeKey(key) : ParseInEdgeKey(key);
            if (parsed.has_value()) keys.push_back(*parsed);
            return true;
          }));
      for (const EdgeKey& key : keys) {
        KG_ASSIGN_OR_RETURN(auto* change, Touch(key));
        change->after.reset();
      }
    }
  }
  return absl::OkStatus();
}

absl::Status WritePlan::DropSharesOfRemoved() {
  auto drop_all = [&](ShareKind kind, uint64_t id) {
    return engine_.Scan(nullptr, Column::kShares, SharePrefix(kind, id),
                        [&](std::string_view key, std::string_view) {
                          share_puts_.erase(std::string(key));
                          share_deletes_.insert(std::string(key));
                          return true;
                        });
  };
  for (const auto& [id, change] : nodes_) {
    if (change.before.has_value() && change.before->report() == 0 && !change.after.has_value()) {
      KG_RETURN_IF_ERROR(drop_all(ShareKind::kNode, id));
    }
  }
  for (const auto& [id, change] : edges_) {
    if (change.before.has_value() && change.before->report() == 0 && !change.after.has_value()) {
      KG_RETURN_IF_ERROR(drop_all(ShareKind::kEdge, id));
    }
  }
  return absl::OkStatus();
}

void WritePlan::Apply(rocksdb::WriteBatch* batch, CountDelta* delta) const {
  for (const auto& [id, change] : nodes_) ApplyNode(change, batch, delta);
  for (const auto& [id, change] : edges_) ApplyEdge(change, batch, delta);
  for (const std::string& key : share_deletes_) batch->Delete(engine_.Handle(Column::kShares), key);
  for (const auto& [key, spans] : share_puts_) {
    batch->Put(engine_.Handle(Column::kShares), key, spans.SerializeAsString());
  }
}

void WritePlan::ApplyNode(const Change<NodeRecord>& change, rocksdb::WriteBatch* batch,
                          CountDelta* delta) const {
  // Index entries are diffed rather than rewritten so that the counters stay exact
  // and unchanged names cost nothing.
  auto diff = [&](Column column, const std::set<std::string>& before,
                  const std::set<std::string>& after, int64_t* count) {
    for (const std::string& key : before) {
      if (after.count(key) == 0) {
        batch->Delete(engine_.Handle(column), key);
        --*count;
      }
    }
    for (const std::string& key : after) {
      if (before.count(key) == 0) {
        batch->Put(engine_.Handle(column), key, rocksdb::Slice());
        ++*count;
      }
    }
  };
  const IndexKeys before = IndexKeysOf(change.before);
  const IndexKeys after = IndexKeysOf(change.after);
  diff(Column::kNames, before.names, after.names, &delta->name_entries);
  diff(Column::kPostings, before.postings, after.postings, &delta->postings);

  const std::string key = EncodeNodeKey(change.before ? change.before->id() : change.after->id());
  // An unchanged record (a shared node another report named the same way) is not
  // rewritten, so a report's write costs what it changes.
  if (SameRecord(change.before, change.after)) return;
  if (change.after.has_value()) {
    batch->Put(engine_.Handle(Column::kNodes), key, change.after->SerializeAsString());
    if (!change.before.has_value()) ++delta->nodes;
  } else if (change.before.has_value()) {
    batch->Delete(engine_.Handle(Column::kNodes), key);
    --delta->nodes;
  }
}

void WritePlan::ApplyEdge(const Change<EdgeRecord>& change, rocksdb::WriteBatch* batch,
                          CountDelta* delta) const {
  // Records only get into the plan with a known type, so KeyOf cannot fail here.
  const std::optional<EdgeKey> before =
      change.before.has_value() ? KeyOf(*change.before) : std::nullopt;
  const std::optional<EdgeKey> after =
      change.after.has_value() ? KeyOf(*change.after) : std::nullopt;
  if (before.has_value() && before != after) {
    batch->Delete(engine_.Handle(Column::kOutEdges), EncodeOutEdgeKey(*before));
    batch->Delete(engine_.Handle(Column::kInEdges), EncodeInEdgeKey(*before));
    --delta->edges;
  }
  if (after.has_value() && !SameRecord(change.before, change.after)) {
    const std::string value = change.after->SerializeAsString();
    batch->Put(engine_.Handle(Column::kOutEdges), EncodeOutEdgeKey(*after), value);
    batch->Put(engine_.Handle(Column::kInEdges), EncodeInEdgeKey(*after), value);
    if (before != after) ++delta->edges;
  }
}

// Unsigned counters take signed deltas; the sum is never negative when the counters
// are right, so modular arithmetic gives the exact result.
uint64_t Adjust(uint64_t count, int64_t delta) { return count + static_cast<uint64_t>(delta); }

// Adds the plan and the updated counters to `batch`, which already holds the report's
// manifest and text changes, and writes it: one atomic batch per report write.
// `report_delta` is +1 for a new report, -1 for a deleted one, 0 for a replacement.
absl::Status Commit(RocksEngine& engine, const WritePlan& plan, int64_t report_delta,
                    rocksdb::WriteBatch* batch) {
  CountDelta delta;
  plan.Apply(batch, &delta);
  KG_ASSIGN_OR_RETURN(StoreCounters counters, engine.ReadCounters(nullptr));
  counters.set_reports(Adjust(counters.reports(), report_delta));
  counters.set_nodes(Adjust(counters.nodes(), delta.nodes));
  counters.set_edges(Adjust(counters.edges(), delta.edges));
  counters.set_name_entries(Adjust(counters.name_entries(), delta.name_entries));
  counters.set_postings(Adjust(counters.postings(), delta.postings));
  batch->Put(engine.Handle(Column::kMeta), kCountersKey, counters.SerializeAsString());
  return engine.Write(batch);
}

ReportManifest ManifestOf(const ReportGraph& graph, const ReportInfo& info) {
  ReportManifest manifest;
  *manifest.mutable_info() = ToRecord(info);
  for (const Node& node : graph.nodes) {
    if (node.report == 0) {
      manifest.add_shared_nodes(node.id);
    } else {
      manifest.add_owned_nodes(node.id);
    }
  }
  for (const Edge& edge : graph.edges) {
    const EdgeKey key{edge.src, *EdgeTypeCode(edge.type), edge.dst, edge.id};
    *(edge.report == 0 ? manifest.add_shared_edges() : manifest.add_owned_edges()) = RefOf(key);
  }
  return manifest;
}

}  // namespace

absl::StatusOr<ReportInfo> WriteReport(RocksEngine& engine, const ReportGraph& graph,
                                       bool* replaced) {
  ReportInfo info = graph.info;
  info.node_count = graph.nodes.size();
  info.edge_count = graph.edges.size();
  info.text_length = CodePointCount(graph.text);
  KG_RETURN_IF_ERROR(ValidateGraph(graph, info));

  KG_ASSIGN_OR_RETURN(std::optional<ReportManifest> old, engine.ReadManifest(nullptr, info.id));
  WritePlan plan(engine);
  if (old.has_value()) KG_RETURN_IF_ERROR(plan.Unlink(*old));
  KG_RETURN_IF_ERROR(plan.Link(graph));
  KG_RETURN_IF_ERROR(plan.DropDanglingEdges());
  KG_RETURN_IF_ERROR(plan.DropSharesOfRemoved());

  rocksdb::WriteBatch batch;
  const ReportManifest manifest = ManifestOf(graph, info);
  batch.Put(engine.Handle(Column::kMeta), EncodeInfoKey(info.id),
            manifest.info().SerializeAsString());
  batch.Put(engine.Handle(Column::kMeta), EncodeManifestKey(info.id), manifest.SerializeAsString());
  batch.Put(engine.Handle(Column::kMeta), EncodeTextKey(info.id), graph.text);
  KG_RETURN_IF_ERROR(Commit(engine, plan, old.has_value() ? 0 : 1, &batch));
  if (replaced != nullptr) *replaced = old.has_value();
  return info;
}

absl::Status RemoveReport(RocksEngine& engine, ReportId report) {
  KG_ASSIGN_OR_RETURN(std::optional<ReportManifest> old, engine.ReadManifest(nullptr, report));
  if (!old.has_value()) {
    return absl::NotFoundError(absl::StrCat("no report ", IdToHex(report)));
  }
  WritePlan plan(engine);
  KG_RETURN_IF_ERROR(plan.Unlink(*old));
  KG_RETURN_IF_ERROR(plan.DropDanglingEdges());
  KG_RETURN_IF_ERROR(plan.DropSharesOfRemoved());

  rocksdb::WriteBatch batch;
  batch.Delete(engine.Handle(Column::kMeta), EncodeInfoKey(report));
  batch.Delete(engine.Handle(Column::kMeta), EncodeManifestKey(report));
  batch.Delete(engine.Handle(Column::kMeta), EncodeTextKey(report));
  return Commit(engine, plan, -1, &batch);
}

}  // namespace kg::storage
