// The consistency checker; the invariants are listed in consistency_checker.h.
//
// One pass per column family, in an order that lets each pass look up what the
// earlier ones loaded: manifests, then the `shares` entries (which report shares which
// record), then nodes (kept in memory with their folded names and owners), then both
// edge families, then the two indexes, then the reports' own records, then the
// counters. Memory is proportional to the node and share counts; index entries and
// edges are streamed.
#include "storage/consistency_checker.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/key_codec.h"
#include "storage/record_codec.h"
#include "storage/rocks_engine.h"
#include "storage/status_macros.h"

namespace kg::storage {
namespace {

// The problem kinds, one per broken invariant.
constexpr char kBadKey[] = "bad_key";                      // a key that does not parse
constexpr char kCorruptRecord[] = "corrupt_record";        // a value that does not parse
constexpr char kKeyMismatch[] = "key_mismatch";            // key and record disagree
constexpr char kDanglingEdge[] = "dangling_edge";          // an edge end is not stored
constexpr char kInEdgeMissing[] = "in_edge_missing";       // out_edges entry without its copy
constexpr char kOutEdgeMissing[] = "out_edge_missing";     // in_edges entry without its original
constexpr char kEdgeCopyDiffers[] = "edge_copy_differs";   // the two copies hold different bytes
constexpr char kNameEntryMissing[] = "name_entry_missing";
constexpr char kNameEntryDangling[] = "name_entry_dangling";  // names a missing node
constexpr char kNameEntryStale[] = "name_entry_stale";        // not the node's current name
constexpr char kPostingMissing[] = "posting_missing";
constexpr char kPostingDangling[] = "posting_dangling";
constexpr char kPostingStale[] = "posting_stale";
constexpr char kOrphanRecord[] = "orphan_record";        // owner or sharer has no manifest
constexpr char kUnlistedRecord[] = "unlisted_record";    // its report's manifest omits it
constexpr char kManifestMismatch[] = "manifest_mismatch";  // manifest vs stored records
constexpr char kTextMissing[] = "text_missing";
constexpr char kInfoMissing[] = "info_missing";          // manifest without its "I" info
constexpr char kOrphanInfo[] = "orphan_info";            // info without a manifest
constexpr char kOrphanText[] = "orphan_text";            // text without a manifest
constexpr char kCounterMismatch[] = "counter_mismatch";

constexpr char kTextTag = 'T';

std::string NodeText(NodeId id) { return absl::StrCat("node ", IdToHex(id)); }
std::string ReportText(ReportId id) { return absl::StrCat("report ", IdToHex(id)); }
std::string EdgeText(const EdgeKey& key) {
  const std::optional<std::string_view> type = EdgeTypeName(key.type);
  return absl::StrCat("edge ", IdToHex(key.id), " ",
                      type.has_value() ? std::string(*type) : absl::StrCat("type#", key.type), " ",
                      IdToHex(key.src), " -> ", IdToHex(key.dst));
}
std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

std::string ShareText(const ShareKey& key) {
  return absl::StrCat("shares entry of ", key.kind == ShareKind::kNode ? "node " : "edge ",
                      IdToHex(key.record), " for ", ReportText(key.report));
}

// What the later passes need to know of a stored node.
struct StoredNode {
  std::string folded;  // FoldText(name): its name-index term
  std::string type;
  ReportId owner = 0;
};

class Checker {
 public:
  Checker(const RocksEngine& engine, const rocksdb::Snapshot* snapshot, size_t max_problems)
      : engine_(engine), snapshot_(snapshot), max_problems_(max_problems) {}

  absl::StatusOr<ConsistencyReport> Run() {
    KG_RETURN_IF_ERROR(LoadManifests());
    KG_RETURN_IF_ERROR(LoadShares());
    KG_RETURN_IF_ERROR(CheckNodes());
    KG_RETURN_IF_ERROR(CheckOutEdges());
    KG_RETURN_IF_ERROR(CheckInEdges());
    KG_RETURN_IF_ERROR(CheckIndex(Column::kNames));
    KG_RETURN_IF_ERROR(CheckIndex(Column::kPostings));
    KG_RETURN_IF_ERROR(CheckReports());
    KG_RETURN_IF_ERROR(CheckTexts());
    KG_RETURN_IF_ERROR(CheckInfos());
    KG_RETURN_IF_ERROR(CheckCounters());
    report_.ok = report_.problem_count == 0;
    return std::move(report_);
  }

 private:
  void Problem(const char* kind, std::string detail) {
    ++report_.problem_count;
    if (report_.problems.size() < max_problems_) {
      report_.problems.push_back({kind, std::move(detail)});
    }
  }

  // Scans `column` under the snapshot; `fn` returns a status, and the first non-OK one
  // stops the scan and is returned.
  template <typename Fn>
  absl::Status ScanAll(Column column, std::string_view prefix, Fn fn) {
    absl::Status inner;
    KG_RETURN_IF_ERROR(engine_.Scan(snapshot_, column, prefix,
                                    [&](std::string_view key, std::string_view value) {
                                      inner = fn(key, value);
                                      return inner.ok();
                                    }));
    return inner;
  }

  absl::StatusOr<std::optional<std::string>> Get(Column column, std::string_view key) {
    return engine_.Get(snapshot_, column, key);
  }

  // A stored edge by key; nullopt if absent or unparseable (reported as a problem).
  absl::StatusOr<std::optional<EdgeRecord>> ReadEdge(const EdgeKey& key) {
    KG_ASSIGN_OR_RETURN(std::optional<std::string> value,
                        Get(Column::kOutEdges, EncodeOutEdgeKey(key)));
    if (!value.has_value()) return std::nullopt;
    absl::StatusOr<EdgeRecord> record = ParseRecord<EdgeRecord>(*value, "edge");
    if (!record.ok()) {
      Problem(kCorruptRecord, absl::StrCat(EdgeText(key), ": value does not parse"));
      return std::nullopt;
    }
    return *std::move(record);
  }

  absl::Status LoadManifests() {
    return ScanAll(Column::kMeta, ManifestPrefix(), [&](std::string_view key,
                                                        std::string_view value) {
      const std::optional<ReportId> id = ParseManifestKey(key);
      if (!id.has_value()) {
        Problem(kBadKey, absl::StrCat("meta key ", Hex(key), " is not a manifest key"));
        return absl::OkStatus();
      }
      ++report_.reports;
      absl::StatusOr<ReportManifest> manifest = ParseRecord<ReportManifest>(value, "manifest");
      if (!manifest.ok()) {
        Problem(kCorruptRecord, absl::StrCat(ReportText(*id), ": manifest does not parse"));
        manifests_.emplace(*id, ReportManifest());
        return absl::OkStatus();
      }
      for (NodeId node : manifest->owned_nodes()) listed_owned_nodes_.insert(node);
      for (const EdgeRef& ref : manifest->owned_edges()) listed_owned_edges_.insert(ref.id());
      for (NodeId node : manifest->shared_nodes()) listed_shared_.insert({*id, node});
      for (const EdgeRef& ref : manifest->shared_edges()) listed_shared_.insert({*id, ref.id()});
      manifests_.emplace(*id, *std::move(manifest));
      return absl::OkStatus();
    });
  }

  // Every `shares` entry must be of a report whose manifest lists the record, with
  // spans of that report inside its text; its record is checked in the later passes.
  absl::Status LoadShares() {
    return ScanAll(Column::kShares, "", [&](std::string_view key, std::string_view value) {
      const std::optional<ShareKey> parsed = ParseShareKey(key);
      if (!parsed.has_value()) {
        Problem(kBadKey, absl::StrCat("shares key ", Hex(key), " does not parse"));
        return absl::OkStatus();
      }
      const std::string what = ShareText(*parsed);
      (parsed->kind == ShareKind::kNode ? node_sharers_ : edge_sharers_)[parsed->record].push_back(
          parsed->report);
      auto manifest = manifests_.find(parsed->report);
      if (manifest == manifests_.end()) {
        Problem(kOrphanRecord, absl::StrCat(what, ": the report has no manifest"));
        return absl::OkStatus();
      }
      if (listed_shared_.count({parsed->report, parsed->record}) == 0) {
        Problem(kUnlistedRecord, absl::StrCat(what, ": the report's manifest does not list it"));
      }
      absl::StatusOr<SpanList> spans = ParseRecord<SpanList>(value, "shared spans");
      if (!spans.ok()) {
        Problem(kCorruptRecord, absl::StrCat(what, ": value does not parse"));
        return absl::OkStatus();
      }
      for (const SpanRecord& span : spans->spans()) {
        if (span.report() != parsed->report || span.begin() > span.end() ||
            span.end() > manifest->second.info().text_length()) {
          Problem(kKeyMismatch, absl::StrCat(what, ": span [", span.begin(), ", ", span.end(),
                                             ") of ", ReportText(span.report()),
                                             " is not inside the report's text"));
        }
      }
      return absl::OkStatus();
    });
  }

  const std::vector<ReportId>* SharersOf(ShareKind kind, uint64_t record) const {
    const auto& sharers = kind == ShareKind::kNode ? node_sharers_ : edge_sharers_;
    auto it = sharers.find(record);
    return it == sharers.end() ? nullptr : &it->second;
  }

  bool SharedBy(ShareKind kind, uint64_t record, ReportId report) const {
    const std::vector<ReportId>* sharers = SharersOf(kind, record);
    return sharers != nullptr &&
           std::find(sharers->begin(), sharers->end(), report) != sharers->end();
  }

  // An owned record's owner must be a report with a manifest that lists it; a shared
  // record must have `shares` entries (checked themselves in LoadShares) and no spans
  // of its own.
  template <typename Record>
  void CheckOwnership(const Record& record, const std::string& what, ShareKind kind,
                      const absl::flat_hash_set<uint64_t>& listed_owned) {
    if (record.report() != 0) {
      if (manifests_.count(record.report()) == 0) {
        Problem(kOrphanRecord, absl::StrCat(what, " is owned by ", ReportText(record.report()),
                                            ", which has no manifest"));
      } else if (listed_owned.count(record.id()) == 0) {
        Problem(kUnlistedRecord, absl::StrCat(what, " is owned by ", ReportText(record.report()),
                                              ", whose manifest does not list it"));
      }
      return;
    }
    if (SharersOf(kind, record.id()) == nullptr) {
      Problem(kOrphanRecord, absl::StrCat(what, " is shared but no report names it"));
    }
    if (!record.spans().empty()) {
      Problem(kKeyMismatch, absl::StrCat(what, " is shared but keeps spans in its record"));
    }
  }

  absl::Status CheckNodes() {
    return ScanAll(Column::kNodes, "", [&](std::string_view key, std::string_view value) {
      const std::optional<NodeId> id = ParseNodeKey(key);
      if (!id.has_value()) {
        Problem(kBadKey, absl::StrCat("nodes key ", Hex(key), " is not a node id"));
        return absl::OkStatus();
      }
      ++report_.nodes;
      absl::StatusOr<NodeRecord> record = ParseRecord<NodeRecord>(value, "node");
      if (!record.ok()) {
        Problem(kCorruptRecord, absl::StrCat(NodeText(*id), ": value does not parse"));
        nodes_.emplace(*id, StoredNode());
        return absl::OkStatus();
      }
      if (record->id() != *id) {
        Problem(kKeyMismatch,
                absl::StrCat(NodeText(*id), " holds the record of ", NodeText(record->id())));
      }
      CheckOwnership(*record, NodeText(*id), ShareKind::kNode, listed_owned_nodes_);
      StoredNode& stored = nodes_[*id];
      stored.folded = FoldText(record->name());
      stored.type = record->type();
      stored.owner = record->report();
      if (stored.folded.empty()) return absl::OkStatus();  // a name that indexes to nothing
      KG_ASSIGN_OR_RETURN(auto name_entry,
                          Get(Column::kNames, EncodeNameKey(stored.folded, stored.owner, *id)));
      if (!name_entry.has_value()) {
        Problem(kNameEntryMissing, absl::StrCat(NodeText(*id), " named '", record->name(),
                                                "' has no name index entry '", stored.folded,
                                                "'"));
      }
      for (const std::string& token : Bigrams(stored.folded)) {
        KG_ASSIGN_OR_RETURN(auto posting,
                            Get(Column::kPostings, EncodePostingKey(token, stored.owner, *id)));
        if (!posting.has_value()) {
          Problem(kPostingMissing, absl::StrCat(NodeText(*id), " named '", record->name(),
                                                "' has no posting for '", token, "'"));
        }
      }
      return absl::OkStatus();
    });
  }

  absl::Status CheckOutEdges() {
    return ScanAll(Column::kOutEdges, "", [&](std::string_view key, std::string_view value) {
      const std::optional<EdgeKey> parsed = ParseOutEdgeKey(key);
      if (!parsed.has_value()) {
        Problem(kBadKey, absl::StrCat("out_edges key ", Hex(key), " does not parse"));
        return absl::OkStatus();
      }
      ++report_.edges;
      const std::string what = EdgeText(*parsed);
      for (auto [end, role] : {std::pair(parsed->src, "src"), std::pair(parsed->dst, "dst")}) {
        if (nodes_.count(end) == 0) {
          Problem(kDanglingEdge, absl::StrCat(what, ": ", role, " ", NodeText(end),
                                              " is not stored"));
        }
      }
      KG_ASSIGN_OR_RETURN(auto copy, Get(Column::kInEdges, EncodeInEdgeKey(*parsed)));
      if (!copy.has_value()) {
        Problem(kInEdgeMissing, absl::StrCat(what, ": no in_edges entry"));
      } else if (*copy != value) {
        Problem(kEdgeCopyDiffers, absl::StrCat(what, ": in_edges copy differs"));
      }
      absl::StatusOr<EdgeRecord> record = ParseRecord<EdgeRecord>(value, "edge");
      if (!record.ok()) {
        Problem(kCorruptRecord, absl::StrCat(what, ": value does not parse"));
        return absl::OkStatus();
      }
      if (KeyOf(*record) != parsed) {
        Problem(kKeyMismatch, absl::StrCat(what, ": record says ", record->type(), " ",
                                           IdToHex(record->src()), " -> ",
                                           IdToHex(record->dst()), " id ",
                                           IdToHex(record->id())));
      }
      CheckOwnership(*record, what, ShareKind::kEdge, listed_owned_edges_);
      return absl::OkStatus();
    });
  }

  absl::Status CheckInEdges() {
    return ScanAll(Column::kInEdges, "", [&](std::string_view key, std::string_view) {
          const std::optional<EdgeKey> parsed = ParseInEdgeKey(key);
          if (!parsed.has_value()) {
            Problem(kBadKey, absl::StrCat("in_edges key ", Hex(key), " does not parse"));
            return absl::OkStatus();
          }
          KG_ASSIGN_OR_RETURN(auto original, Get(Column::kOutEdges, EncodeOutEdgeKey(*parsed)));
          if (!original.has_value()) {
            Problem(kOutEdgeMissing,
                    absl::StrCat(EdgeText(*parsed), ": in_edges entry without out_edges entry"));
          }
          return absl::OkStatus();
        });
  }

  // Every entry of the name index (names) or the postings must belong to a stored node
  // and to its current name.
  absl::Status CheckIndex(Column column) {
    const bool names = column == Column::kNames;
    return ScanAll(column, "", [&](std::string_view key, std::string_view) {
      const std::optional<TermKey> parsed = ParseTermKey(key);
      const char* family = names ? "names" : "postings";
      if (!parsed.has_value()) {
        Problem(kBadKey, absl::StrCat(family, " key ", Hex(key), " does not parse"));
        return absl::OkStatus();
      }
      ++(names ? report_.name_entries : report_.postings);
      const std::string entry =
          absl::StrCat(family, " entry '", std::string(parsed->term), "' -> ", NodeText(parsed->node));
      auto node = nodes_.find(parsed->node);
      if (node == nodes_.end()) {
        Problem(names ? kNameEntryDangling : kPostingDangling,
                absl::StrCat(entry, ": the node is not stored"));
        return absl::OkStatus();
      }
      bool current = parsed->report == node->second.owner;
      if (!current) {
        // The entry files the node under another owner.
      } else if (names) {
        current = parsed->term == node->second.folded;
      } else {
        const std::vector<std::string> tokens = Bigrams(node->second.folded);
        current = std::find(tokens.begin(), tokens.end(), parsed->term) != tokens.end();
      }
      if (!current) {
        Problem(names ? kNameEntryStale : kPostingStale,
                absl::StrCat(entry, ": not a term of the node's name '", node->second.folded,
                             "'"));
      }
      return absl::OkStatus();
    });
  }

  // One report's manifest against the stored records it lists.
  absl::Status CheckReport(ReportId id, const ReportManifest& manifest) {
    const std::string what = ReportText(id);
    const ReportInfoRecord& info = manifest.info();
    if (info.id() != id) {
      Problem(kManifestMismatch, absl::StrCat(what, ": manifest is of ", ReportText(info.id())));
    }
    const uint64_t listed_nodes = manifest.owned_nodes_size() + manifest.shared_nodes_size();
    const uint64_t listed_edges = manifest.owned_edges_size() + manifest.shared_edges_size();
    if (info.node_count() != listed_nodes || info.edge_count() != listed_edges) {
      Problem(kManifestMismatch,
              absl::StrCat(what, ": counts say ", info.node_count(), " nodes and ",
                           info.edge_count(), " edges; the manifest lists ", listed_nodes,
                           " and ", listed_edges));
    }
    auto report_node = nodes_.find(info.node_id());
    if (report_node == nodes_.end() || report_node->second.type != "report") {
      Problem(kManifestMismatch,
              absl::StrCat(what, ": report node ", NodeText(info.node_id()), " is not stored"));
    }
    KG_ASSIGN_OR_RETURN(std::optional<std::string> text, engine_.ReadText(snapshot_, id));
    if (!text.has_value()) {
      Problem(kTextMissing, absl::StrCat(what, ": no text"));
    } else if (CodePointCount(*text) != info.text_length()) {
      Problem(kManifestMismatch, absl::StrCat(what, ": text has ", CodePointCount(*text),
                                              " code points, the manifest says ",
                                              info.text_length()));
    }
    for (NodeId node_id : manifest.owned_nodes()) {
      auto node = nodes_.find(node_id);
      if (node == nodes_.end()) {
        Problem(kManifestMismatch, absl::StrCat(what, ": owned ", NodeText(node_id),
                                                " is not stored"));
      } else if (node->second.owner != id) {
        Problem(kManifestMismatch, absl::StrCat(what, ": owned ", NodeText(node_id),
                                                " is stored as owned by ",
                                                ReportText(node->second.owner)));
      }
    }
    for (NodeId node_id : manifest.shared_nodes()) {
      auto node = nodes_.find(node_id);
      if (node == nodes_.end() || node->second.owner != 0 ||
          !SharedBy(ShareKind::kNode, node_id, id)) {
        Problem(kManifestMismatch,
                absl::StrCat(what, ": shared ", NodeText(node_id),
                             node == nodes_.end() ? " is not stored" : " does not name it"));
      }
    }
    for (const EdgeRef& ref : manifest.owned_edges()) {
      KG_ASSIGN_OR_RETURN(std::optional<EdgeRecord> edge, ReadEdge(KeyOf(ref)));
      if (!edge.has_value() || edge->report() != id) {
        Problem(kManifestMismatch,
                absl::StrCat(what, ": owned ", EdgeText(KeyOf(ref)),
                             edge.has_value() ? " is owned by another report" : " is not stored"));
      }
    }
    for (const EdgeRef& ref : manifest.shared_edges()) {
      KG_ASSIGN_OR_RETURN(std::optional<EdgeRecord> edge, ReadEdge(KeyOf(ref)));
      if (!edge.has_value() || edge->report() != 0 || !SharedBy(ShareKind::kEdge, ref.id(), id)) {
        Problem(kManifestMismatch,
                absl::StrCat(what, ": shared ", EdgeText(KeyOf(ref)),
                             edge.has_value() ? " does not name it" : " is not stored"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckReports() {
    for (const auto& [id, manifest] : manifests_) {
      if (!manifest.has_info()) continue;  // unparseable, reported already
      KG_RETURN_IF_ERROR(CheckReport(id, manifest));
    }
    return absl::OkStatus();
  }

  absl::Status CheckTexts() {
    return ScanAll(Column::kMeta, std::string(1, kTextTag),
                   [&](std::string_view key, std::string_view) {
                     if (key.size() != 9) {
                       Problem(kBadKey, absl::StrCat("meta key ", Hex(key), " is not a text key"));
                       return absl::OkStatus();
                     }
                     const ReportId id = DecodeFixed64BE(key.data() + 1);
                     if (manifests_.count(id) == 0) {
                       Problem(kOrphanText, absl::StrCat("text of ", ReportText(id),
                                                         " is stored without its manifest"));
                     }
                     return absl::OkStatus();
                   });
  }

  // Each manifest has its report info ("I", what ListReports reads), equal to the
  // manifest's; no info without a manifest.
  absl::Status CheckInfos() {
    absl::flat_hash_set<ReportId> seen;
    KG_RETURN_IF_ERROR(ScanAll(Column::kMeta, InfoPrefix(), [&](std::string_view key,
                                                               std::string_view value) {
      const std::optional<ReportId> id = ParseInfoKey(key);
      if (!id.has_value()) {
        Problem(kBadKey, absl::StrCat("meta key ", Hex(key), " is not a report info key"));
        return absl::OkStatus();
      }
      seen.insert(*id);
      auto manifest = manifests_.find(*id);
      if (manifest == manifests_.end()) {
        Problem(kOrphanInfo, absl::StrCat("info of ", ReportText(*id),
                                          " is stored without its manifest"));
      } else if (manifest->second.has_info() &&
                 value != manifest->second.info().SerializeAsString()) {
        Problem(kManifestMismatch,
                absl::StrCat(ReportText(*id), ": report info differs from the manifest's"));
      }
      return absl::OkStatus();
    }));
    for (const auto& [id, manifest] : manifests_) {
      if (seen.count(id) == 0) {
        Problem(kInfoMissing, absl::StrCat(ReportText(id), ": no report info"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckCounters() {
    absl::StatusOr<StoreCounters> counters = engine_.ReadCounters(snapshot_);
    if (!counters.ok()) {
      if (counters.status().code() != absl::StatusCode::kDataLoss) return counters.status();
      Problem(kCorruptRecord, "the store counters do not parse");
      return absl::OkStatus();
    }
    auto compare = [&](const char* what, uint64_t recorded, uint64_t counted) {
      if (recorded == counted) return;
      Problem(kCounterMismatch, absl::StrCat("counter of ", what, " says ", recorded, ", ",
                                             counted, " are stored"));
    };
    compare("reports", counters->reports(), report_.reports);
    compare("nodes", counters->nodes(), report_.nodes);
    compare("edges", counters->edges(), report_.edges);
    compare("name entries", counters->name_entries(), report_.name_entries);
    compare("postings", counters->postings(), report_.postings);
    return absl::OkStatus();
  }

  const RocksEngine& engine_;
  const rocksdb::Snapshot* snapshot_;
  const size_t max_problems_;
  ConsistencyReport report_;

  absl::flat_hash_map<ReportId, ReportManifest> manifests_;
  absl::flat_hash_set<NodeId> listed_owned_nodes_;
  absl::flat_hash_set<EdgeId> listed_owned_edges_;
  absl::flat_hash_set<std::pair<ReportId, uint64_t>> listed_shared_;  // (sharer, node or edge)
  absl::flat_hash_map<NodeId, StoredNode> nodes_;
  // Reports with a `shares` entry, per shared node and per shared edge.
  absl::flat_hash_map<NodeId, std::vector<ReportId>> node_sharers_;
  absl::flat_hash_map<EdgeId, std::vector<ReportId>> edge_sharers_;
};

}  // namespace

absl::StatusOr<ConsistencyReport> CheckStoreConsistency(const RocksEngine& engine,
                                                        const rocksdb::Snapshot* snapshot,
                                                        size_t max_problems) {
  Checker checker(engine, snapshot, max_problems);
  return checker.Run();
}

}  // namespace kg::storage
