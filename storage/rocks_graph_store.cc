// The read path of RocksGraphStore and its lifecycle; writes are in report_writer.cc.
#include "storage/rocks_graph_store.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <iterator>
#include <limits>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "storage/consistency_checker.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/key_codec.h"
#include "storage/read_cache.h"
#include "storage/read_generation.h"
#include "storage/record_codec.h"
#include "storage/report_writer.h"
#include "storage/rocks_engine.h"
#include "storage/status_macros.h"

namespace kg::storage {
namespace {

absl::Status CheckNodeTypeFilter(std::string_view node_type) {
  if (node_type.empty() ||
      std::find(std::begin(kNodeTypes), std::end(kNodeTypes), node_type) != std::end(kNodeTypes)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown node type '", std::string(node_type), "'"));
}

// The edge-family seek prefix of a node's edges, of one type when `edge_type` is set.
absl::StatusOr<std::string> EdgeSeekPrefix(NodeId node, std::string_view edge_type) {
  if (edge_type.empty()) return EdgePrefix(node);
  std::optional<uint8_t> code = EdgeTypeCode(edge_type);
  if (!code.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown edge type '", std::string(edge_type), "'"));
  }
  return EdgePrefix(node, *code);
}

bool TypeMatches(const Node& node, std::string_view node_type) {
  return node_type.empty() || node.type == node_type;
}

// Appends the spans of one `shares` entry value to *out, up to `limit` in all.
absl::Status AppendShareSpans(std::string_view value, size_t limit, std::vector<Span>* out) {
  KG_ASSIGN_OR_RETURN(SpanList list, ParseRecord<SpanList>(value, "shared spans"));
  for (const SpanRecord& span : list.spans()) {
    if (out->size() >= limit) break;
    out->push_back(Span{span.report(), span.begin(), span.end()});
  }
  return absl::OkStatus();
}

// A cache key part naming a report scope.
std::string ScopeKey(const ReportSet& reports) {
  std::string key;
  for (ReportId report : reports) absl::StrAppend(&key, report, ",");
  return key;
}

// Whether `report` is in the sorted scope (empty: every report).
bool InScope(const ReportSet& reports, ReportId report) {
  return reports.empty() || std::binary_search(reports.begin(), reports.end(), report);
}

// Whether `ticket` may be used to consult the cache (the first, cached attempt of a read).
const ReadCache::Ticket* Usable(const ReadCache::Ticket& ticket) {
  return ticket.usable ? &ticket : nullptr;
}

}  // namespace

RocksGraphStore::RocksGraphStore(std::unique_ptr<RocksEngine> engine, const Options& options)
    : engine_(std::move(engine)), cache_(std::make_unique<ReadCache>(options.read_cache)) {}

RocksGraphStore::~RocksGraphStore() { Close().IgnoreError(); }

absl::StatusOr<std::unique_ptr<RocksGraphStore>> RocksGraphStore::Open(const std::string& dir) {
  return Open(dir, Options());
}

absl::StatusOr<std::unique_ptr<RocksGraphStore>> RocksGraphStore::Open(const std::string& dir,
                                                                       const Options& options) {
  // Refuse to run with a folding that differs from the one the indexes were built with.
  KG_RETURN_IF_ERROR(TextFoldingStatus());
  KG_ASSIGN_OR_RETURN(std::unique_ptr<RocksEngine> engine, RocksEngine::Open(dir));
  auto store = std::unique_ptr<RocksGraphStore>(new RocksGraphStore(std::move(engine), options));
  store->dir_ = dir;
  return store;
}

absl::Status RocksGraphStore::Close() {
  absl::MutexLock lock(&write_mu_);
  if (engine_ == nullptr) return absl::OkStatus();
  absl::Status status = engine_->Close();
  engine_.reset();
  return status;
}

absl::Status RocksGraphStore::CheckOpen() const {
  if (engine_ != nullptr) return absl::OkStatus();
  return absl::FailedPreconditionError("graph store is closed");
}

absl::StatusOr<ReportInfo> RocksGraphStore::PutReport(const ReportGraph& graph, bool* replaced) {
  absl::MutexLock lock(&write_mu_);
  KG_RETURN_IF_ERROR(CheckOpen());
  cache_->BeginWrite();
  absl::StatusOr<ReportInfo> info = WriteReport(*engine_, graph, replaced);
  cache_->EndWrite();
  return info;
}

absl::Status RocksGraphStore::DeleteReport(ReportId report) {
  absl::MutexLock lock(&write_mu_);
  KG_RETURN_IF_ERROR(CheckOpen());
  cache_->BeginWrite();
  absl::Status status = RemoveReport(*engine_, report);
  cache_->EndWrite();
  return status;
}

template <typename Read>
auto RocksGraphStore::CachedRead(const Read& read) -> decltype(read(nullptr, nullptr, nullptr)) {
  const ReadCache::Ticket ticket = cache_->Begin();
  if (ticket.usable) {
    // The latest state through the cache; kept (and answered) if no write began meanwhile.
    // Then no batch landed during the read either, so the commit generation read now
    // names the state it read (read_generation.h).
    const uint64_t generation = engine_->CommitGeneration();
    ReadCache::Found found;
    auto result = read(&ticket, nullptr, &found);
    if (cache_->Keep(ticket, std::move(found))) {
      NoteRead(generation, /*certain=*/true);
      return result;
    }
  }
  // A write began: read again, all of it from one snapshot, keeping nothing. The
  // snapshot's state has a name unless a batch was landing while it was taken.
  const uint64_t before = engine_->CommitGeneration();
  auto snapshot = engine_->NewSnapshot();
  const uint64_t after = engine_->CommitGeneration();
  NoteRead(before, /*certain=*/before == after && before % 2 == 0);
  ReadCache::Found ignored;
  return read(nullptr, snapshot->snapshot(), &ignored);
}

absl::StatusOr<std::vector<Node>> RocksGraphStore::ReadNodes(const ReadCache::Ticket* ticket,
                                                             const rocksdb::Snapshot* snapshot,
                                                             const std::vector<NodeId>& ids,
                                                             ReadCache::Found* found) {
  std::vector<std::optional<Node>> slots(ids.size());
  if (ticket != nullptr) cache_->FindNodes(*ticket, ids, &slots);
  std::vector<NodeId> missing;
  std::vector<size_t> missing_at;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (slots[i].has_value()) continue;
    missing.push_back(ids[i]);
    missing_at.push_back(i);
  }
  if (!missing.empty()) {
    KG_ASSIGN_OR_RETURN(std::vector<std::optional<Node>> read,
                        engine_->ReadNodes(snapshot, missing));
    for (size_t k = 0; k < read.size(); ++k) {
      if (!read[k].has_value()) continue;
      if (ticket != nullptr) found->nodes.push_back(*read[k]);
      slots[missing_at[k]] = std::move(read[k]);
    }
  }
  std::vector<Node> nodes;
  nodes.reserve(ids.size());
  for (auto& slot : slots) {
    if (slot.has_value()) nodes.push_back(std::move(*slot));
  }
  return nodes;
}

absl::StatusOr<std::vector<ReportInfo>> RocksGraphStore::ListReports() {
  KG_RETURN_IF_ERROR(CheckOpen());
  return CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                        ReadCache::Found* found) -> absl::StatusOr<std::vector<ReportInfo>> {
    if (ticket != nullptr) {
      if (auto cached = cache_->FindReports(*ticket)) return *cached;
    }
    std::vector<ReportInfo> reports;
    absl::Status parse_status;
    KG_RETURN_IF_ERROR(engine_->Scan(snapshot, Column::kMeta, InfoPrefix(),
                                     [&](std::string_view key, std::string_view value) {
                                       if (!ParseInfoKey(key).has_value()) return true;
                                       absl::StatusOr<ReportInfoRecord> info =
                                           ParseRecord<ReportInfoRecord>(value, "report info");
                                       if (!info.ok()) {
                                         parse_status = info.status();
                                         return false;
                                       }
                                       reports.push_back(FromRecord(*info));
                                       return true;
                                     }));
    KG_RETURN_IF_ERROR(parse_status);
    if (ticket != nullptr) found->reports = std::make_shared<std::vector<ReportInfo>>(reports);
    return reports;
  });
}

absl::StatusOr<Node> RocksGraphStore::GetNode(NodeId id) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_ASSIGN_OR_RETURN(std::vector<Node> nodes, GetNodes({id}));
  if (nodes.empty()) return absl::NotFoundError(absl::StrCat("no node ", IdToHex(id)));
  return std::move(nodes.front());
}

absl::StatusOr<std::vector<Node>> RocksGraphStore::GetNodes(const std::vector<NodeId>& ids) {
  KG_RETURN_IF_ERROR(CheckOpen());
  return CachedRead(
      [&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
          ReadCache::Found* found) { return ReadNodes(ticket, snapshot, ids, found); });
}

namespace {

// How ListEdges reads each kind of answer from an edge entry or a kept whole edge: a
// whole edge decodes the record (and is kept in the read cache); a link parses the key.
template <typename Model>
struct EdgeEntryReader;

template <>
struct EdgeEntryReader<Edge> {
  static constexpr bool kKeep = true;
  absl::StatusOr<Edge> Read(bool /*out*/, std::string_view /*key*/, std::string_view value) {
    return decoder.DecodeEdge(value);
  }
  static Edge FromKept(const Edge& e) { return e; }
  RecordDecoder decoder;
};

template <>
struct EdgeEntryReader<Link> {
  static constexpr bool kKeep = false;  // the cache holds whole edges
  absl::StatusOr<Link> Read(bool out, std::string_view key, std::string_view /*value*/) {
    std::optional<EdgeKey> parsed = out ? ParseOutEdgeKey(key) : ParseInEdgeKey(key);
    if (!parsed.has_value()) return absl::DataLossError("malformed edge key");
    return Link{parsed->id, *EdgeTypeName(parsed->type), parsed->src, parsed->dst};
  }
  static Link FromKept(const Edge& e) { return *LinkOf(e); }  // kept edges are stored ones
};

}  // namespace

template <typename Model>
absl::StatusOr<std::vector<Model>> RocksGraphStore::ListEdges(NodeId node, Direction direction,
                                                              std::string_view edge_type,
                                                              size_t limit, bool* truncated) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_ASSIGN_OR_RETURN(const std::string prefix, EdgeSeekPrefix(node, edge_type));
  const bool out = direction == Direction::kOut;
  const ReadCache::EdgeListKey key(node, out, edge_type.empty() ? 0 : *EdgeTypeCode(edge_type));
  struct Listed {
    std::vector<Model> items;
    bool cut = false;
  };
  KG_ASSIGN_OR_RETURN(
      Listed listed,
      CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                     ReadCache::Found* found) -> absl::StatusOr<Listed> {
        Listed result;
        if (ticket != nullptr) {
          if (auto kept = cache_->FindEdges(*ticket, key)) {
            // A kept list is complete.
            const size_t n = std::min(limit, kept->size());
            result.items.reserve(n);
            for (size_t i = 0; i < n; ++i) {
              result.items.push_back(EdgeEntryReader<Model>::FromKept((*kept)[i]));
            }
            result.cut = n < kept->size();
            return result;
          }
        }
        EdgeEntryReader<Model> reader;
        absl::Status parse_status;
        KG_RETURN_IF_ERROR(engine_->Scan(
            snapshot, out ? Column::kOutEdges : Column::kInEdges, prefix,
            [&](std::string_view entry_key, std::string_view value) {
              if (result.items.size() >= limit) {
                result.cut = true;
                return false;
              }
              absl::StatusOr<Model> item = reader.Read(out, entry_key, value);
              if (!item.ok()) {
                parse_status = absl::Status(
                    item.status().code(),
                    absl::StrCat(item.status().message(), " (an edge of node ", IdToHex(node), ")"));
                return false;
              }
              result.items.push_back(*std::move(item));
              return true;
            }));
        KG_RETURN_IF_ERROR(parse_status);
        if constexpr (EdgeEntryReader<Model>::kKeep) {
          if (ticket != nullptr && !result.cut) {
            found->edge_lists.emplace_back(key, std::make_shared<std::vector<Edge>>(result.items));
          }
        }
        return result;
      }));
  if (truncated != nullptr) *truncated = listed.cut;
  return std::move(listed.items);
}

absl::StatusOr<std::vector<Edge>> RocksGraphStore::GetEdges(NodeId node, Direction direction,
                                                            std::string_view edge_type,
                                                            size_t limit, bool* truncated) {
  return ListEdges<Edge>(node, direction, edge_type, limit, truncated);
}

absl::StatusOr<std::vector<Link>> RocksGraphStore::GetLinks(NodeId node, Direction direction,
                                                            std::string_view edge_type,
                                                            size_t limit, bool* truncated) {
  return ListEdges<Link>(node, direction, edge_type, limit, truncated);
}

absl::StatusOr<std::vector<Node>> RocksGraphStore::LookupName(std::string_view name,
                                                              std::string_view node_type,
                                                              const ReportSet& reports) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_RETURN_IF_ERROR(CheckNodeTypeFilter(node_type));
  const std::string folded = FoldText(name);
  if (folded.empty()) return std::vector<Node>();
  const std::string cache_key =
      absl::StrCat(std::string(node_type), "\n", ScopeKey(reports), "\n", folded);
  return CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                        ReadCache::Found* found) -> absl::StatusOr<std::vector<Node>> {
    if (ticket != nullptr) {
      if (auto cached = cache_->FindLookup(*ticket, cache_key)) return *cached;
    }
    std::vector<NodeId> ids;
    std::vector<NodeId> shared;
    KG_RETURN_IF_ERROR(ScanTerms(snapshot, Column::kNames, {folded}, reports,
                                [&](ReportId owner, NodeId node) {
                                  (owner == 0 ? shared : ids).push_back(node);
                                }));
    KG_ASSIGN_OR_RETURN(shared, NamedInScope(snapshot, std::move(shared), reports));
    ids.insert(ids.end(), shared.begin(), shared.end());
    std::sort(ids.begin(), ids.end());  // node id order, whatever the owners
    KG_ASSIGN_OR_RETURN(std::vector<Node> nodes, ReadNodes(ticket, snapshot, ids, found));
    nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                               [&](const Node& n) { return !TypeMatches(n, node_type); }),
                nodes.end());
    if (ticket != nullptr) {
      found->lookups.emplace_back(cache_key, std::make_shared<std::vector<Node>>(nodes));
    }
    return nodes;
  });
}

absl::StatusOr<std::vector<SearchHit>> RocksGraphStore::SearchText(std::string_view query,
                                                                   std::string_view node_type,
                                                                   double min_score, size_t limit,
                                                                   const ReportSet& reports) {
  KG_RETURN_IF_ERROR(CheckOpen());
  KG_RETURN_IF_ERROR(CheckNodeTypeFilter(node_type));
  const std::vector<std::string> tokens = Bigrams(FoldText(query));
  if (tokens.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query '", std::string(query), "' has no letters, digits or ideographs"));
  }
  const std::string cache_key =
      absl::StrCat(std::string(node_type), "\n", absl::StrFormat("%a", min_score), "\n", limit,
                   "\n", ScopeKey(reports), "\n", FoldText(query));
  return CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                        ReadCache::Found* found) -> absl::StatusOr<std::vector<SearchHit>> {
    if (ticket != nullptr) {
      if (auto cached = cache_->FindSearch(*ticket, cache_key)) return *cached;
    }
    // Number of the query's tokens each node's name contains. Tokens are distinct and a
    // posting is unique per (token, node), so each counts at most once.
    absl::flat_hash_map<NodeId, size_t> matched;
    absl::flat_hash_set<NodeId> shared;
    KG_RETURN_IF_ERROR(ScanTerms(snapshot, Column::kPostings, tokens, reports,
                                 [&](ReportId owner, NodeId node) {
                                   ++matched[node];
                                   if (owner == 0) shared.insert(node);
                                 }));
    // Score before reading nodes, so that weak matches of common tokens cost no reads.
    const auto score_of = [&](size_t count) {
      return static_cast<double>(count) / static_cast<double>(tokens.size());
    };
    std::vector<NodeId> candidates;
    std::vector<NodeId> shared_candidates;
    for (const auto& [id, count] : matched) {
      if (score_of(count) < min_score) continue;
      (shared.contains(id) ? shared_candidates : candidates).push_back(id);
    }
    KG_ASSIGN_OR_RETURN(shared_candidates,
                        NamedInScope(snapshot, std::move(shared_candidates), reports));
    candidates.insert(candidates.end(), shared_candidates.begin(), shared_candidates.end());
    KG_ASSIGN_OR_RETURN(std::vector<Node> nodes, ReadNodes(ticket, snapshot, candidates, found));
    struct Ranked {
      size_t matched;
      size_t name_length;  // code points
      Node node;
    };
    std::vector<Ranked> ranked;
    for (Node& node : nodes) {
      if (!TypeMatches(node, node_type)) continue;
      const size_t name_length = CodePointCount(node.name);
      ranked.push_back(Ranked{matched[node.id], name_length, std::move(node)});
    }
    // Best first: more query tokens, then shorter name, then smaller id.
    const size_t kept = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + kept, ranked.end(),
                      [](const Ranked& a, const Ranked& b) {
                        return std::tie(b.matched, a.name_length, a.node.id) <
                               std::tie(a.matched, b.name_length, b.node.id);
                      });
    std::vector<SearchHit> hits;
    hits.reserve(kept);
    for (size_t i = 0; i < kept; ++i) {
      hits.push_back(SearchHit{std::move(ranked[i].node), score_of(ranked[i].matched)});
    }
    if (ticket != nullptr) {
      found->searches.emplace_back(cache_key, std::make_shared<std::vector<SearchHit>>(hits));
    }
    return hits;
  });
}

absl::Status RocksGraphStore::ScanTerms(const rocksdb::Snapshot* snapshot, Column column,
                                        const std::vector<std::string>& terms,
                                        const ReportSet& reports,
                                        const std::function<void(ReportId, NodeId)>& fn) const {
  // Every term's entries: shared nodes (owner 0), then each report's own, or the whole
  // term when unscoped. One iterator for all of them.
  std::vector<std::string> prefixes;
  prefixes.reserve(terms.size() * (reports.empty() ? 1 : reports.size() + 1));
  for (const std::string& term : terms) {
    if (reports.empty()) {
      prefixes.push_back(TermPrefix(term));
      continue;
    }
    prefixes.push_back(TermPrefix(term, 0));
    for (ReportId report : reports) {
      if (report != 0) prefixes.push_back(TermPrefix(term, report));
    }
  }
  return engine_->ScanPrefixes(snapshot, column, prefixes,
                               [&](std::string_view key, std::string_view) {
                                 if (auto parsed = ParseTermKey(key)) {
                                   fn(parsed->report, parsed->node);
                                 }
                                 return true;
                               });
}

absl::StatusOr<std::vector<NodeId>> RocksGraphStore::NamedInScope(
    const rocksdb::Snapshot* snapshot, std::vector<NodeId> shared,
    const ReportSet& reports) const {
  if (reports.empty() || shared.empty()) return shared;
  // A small scope asks for each of its reports' entries; a large one (a year's or a
  // province's reports) walks the node's entries instead, stopping at the first in scope,
  // so neither costs more than the smaller of the two lists.
  constexpr size_t kPointReadsUpTo = 16;
  std::vector<NodeId> named;
  for (NodeId id : shared) {
    bool found = false;
    if (reports.size() <= kPointReadsUpTo) {
      for (ReportId report : reports) {
        KG_ASSIGN_OR_RETURN(std::optional<std::string> entry,
                            engine_->Get(snapshot, Column::kShares,
                                         EncodeShareKey({ShareKind::kNode, id, report})));
        if (entry.has_value()) {
          found = true;
          break;
        }
      }
    } else {
      KG_RETURN_IF_ERROR(engine_->Scan(snapshot, Column::kShares,
                                       SharePrefix(ShareKind::kNode, id),
                                       [&](std::string_view key, std::string_view) {
                                         const std::optional<ShareKey> parsed = ParseShareKey(key);
                                         found = parsed.has_value() && InScope(reports, parsed->report);
                                         return !found;
                                       }));
    }
    if (found) named.push_back(id);
  }
  return named;
}

absl::StatusOr<std::vector<Span>> RocksGraphStore::ReadSharedSpans(
    const rocksdb::Snapshot* snapshot, ShareKind kind, uint64_t record, const ReportSet& reports,
    size_t limit) const {
  std::vector<Span> spans;
  if (reports.empty()) {
    absl::Status status;
    KG_RETURN_IF_ERROR(engine_->Scan(snapshot, Column::kShares, SharePrefix(kind, record),
                                     [&](std::string_view, std::string_view value) {
                                       status = AppendShareSpans(value, limit, &spans);
                                       return status.ok() && spans.size() < limit;
                                     }));
    KG_RETURN_IF_ERROR(status);
    return spans;
  }
  for (ReportId report : reports) {
    if (spans.size() >= limit) break;
    KG_ASSIGN_OR_RETURN(std::optional<std::string> entry,
                        engine_->Get(snapshot, Column::kShares,
                                     EncodeShareKey({kind, record, report})));
    if (entry.has_value()) KG_RETURN_IF_ERROR(AppendShareSpans(*entry, limit, &spans));
  }
  return spans;
}

absl::StatusOr<std::vector<std::vector<Span>>> RocksGraphStore::GetSpans(
    const std::vector<NodeId>& ids, const ReportSet& reports, size_t limit_per_node) {
  KG_RETURN_IF_ERROR(CheckOpen());
  return CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                        ReadCache::Found* found)
                        -> absl::StatusOr<std::vector<std::vector<Span>>> {
    KG_ASSIGN_OR_RETURN(std::vector<std::optional<Node>> nodes,
                        engine_->ReadNodes(snapshot, ids));
    std::vector<std::vector<Span>> lists(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      if (!nodes[i].has_value()) continue;
      if (nodes[i]->report == 0) {
        KG_ASSIGN_OR_RETURN(lists[i], ReadSharedSpans(snapshot, ShareKind::kNode, ids[i],
                                                      reports, limit_per_node));
        continue;
      }
      for (const Span& span : nodes[i]->spans) {
        if (lists[i].size() >= limit_per_node) break;
        if (InScope(reports, span.report)) lists[i].push_back(span);
      }
    }
    return lists;
  });
}

absl::StatusOr<std::vector<std::string>> RocksGraphStore::GetText(const std::vector<Span>& spans) {
  KG_RETURN_IF_ERROR(CheckOpen());
  return CachedRead([&](const ReadCache::Ticket* ticket, const rocksdb::Snapshot* snapshot,
                        ReadCache::Found* found) -> absl::StatusOr<std::vector<std::string>> {
    // Each report read and indexed once per call, or found indexed in the cache.
    absl::flat_hash_map<ReportId, std::shared_ptr<const IndexedText>> texts;
    std::vector<std::string> result;
    result.reserve(spans.size());
    for (const Span& span : spans) {
      auto it = texts.find(span.report);
      if (it == texts.end()) {
        std::shared_ptr<const IndexedText> text;
        if (ticket != nullptr) text = cache_->FindText(*ticket, span.report);
        if (text == nullptr) {
          KG_ASSIGN_OR_RETURN(std::optional<std::string> read,
                              engine_->ReadText(snapshot, span.report));
          if (!read.has_value()) {
            return absl::NotFoundError(absl::StrCat("no report ", IdToHex(span.report)));
          }
          text = std::make_shared<const IndexedText>(std::move(*read));
          if (ticket != nullptr) found->texts.emplace_back(span.report, text);
        }
        it = texts.emplace(span.report, std::move(text)).first;
      }
      const IndexedText& text = *it->second;
      const size_t length = text.index.size();
      if (span.begin > span.end) {
        return absl::InvalidArgumentError(
            absl::StrCat("span [", span.begin, ", ", span.end, ") begins after its end"));
      }
      if (span.end > length) {
        return absl::OutOfRangeError(
            absl::StrCat("span [", span.begin, ", ", span.end, ") ends past the text of report ",
                         IdToHex(span.report), " (", length, " code points)"));
      }
      const size_t begin = text.index.ByteOffset(text.text, span.begin);
      const size_t end = text.index.ByteOffset(text.text, span.end);
      result.push_back(text.text.substr(begin, end - begin));
    }
    return result;
  });
}

template <typename Model>
absl::StatusOr<Model> RocksGraphStore::Exported(const rocksdb::Snapshot* snapshot,
                                                std::string_view value, const ReportSet& reports,
                                                RecordDecoder* decoder) const {
  constexpr bool kNode = std::is_same_v<Model, Node>;
  absl::StatusOr<Model> record;
  if constexpr (kNode) {
    record = decoder->DecodeNode(value);
  } else {
    record = decoder->DecodeEdge(value);
  }
  if (record.ok() && record->report == 0) {
    KG_ASSIGN_OR_RETURN(record->spans,
                        ReadSharedSpans(snapshot, kNode ? ShareKind::kNode : ShareKind::kEdge,
                                        record->id, reports, std::numeric_limits<size_t>::max()));
  }
  return record;
}

absl::Status RocksGraphStore::Export(ReportId report,
                                     const std::function<absl::Status(const Node&)>& node_sink,
                                     const std::function<absl::Status(const Edge&)>& edge_sink) {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  const rocksdb::Snapshot* view = snapshot->snapshot();
  RecordDecoder decoder;
  if (report == 0) {
    // Exporting everything is a bulk read, not a query: scanning is the point.
    absl::Status status;
    KG_RETURN_IF_ERROR(
        engine_->Scan(view, Column::kNodes, "", [&](std::string_view, std::string_view value) {
          absl::StatusOr<Node> node = Exported<Node>(view, value, {}, &decoder);
          status = node.ok() ? node_sink(*node) : node.status();
          return status.ok();
        }));
    KG_RETURN_IF_ERROR(status);
    KG_RETURN_IF_ERROR(
        engine_->Scan(view, Column::kOutEdges, "", [&](std::string_view, std::string_view value) {
          absl::StatusOr<Edge> edge = Exported<Edge>(view, value, {}, &decoder);
          status = edge.ok() ? edge_sink(*edge) : edge.status();
          return status.ok();
        }));
    return status;
  }

  KG_ASSIGN_OR_RETURN(std::optional<ReportManifest> manifest, engine_->ReadManifest(view, report));
  if (!manifest.has_value()) {
    return absl::NotFoundError(absl::StrCat("no report ", IdToHex(report)));
  }
  // Records the manifest lists may be gone: a delete of another report removes edges
  // that touched its nodes.
  // One report's export gives its own spans of the shared records it names.
  const ReportSet only{report};
  for (const auto* ids : {&manifest->owned_nodes(), &manifest->shared_nodes()}) {
    for (NodeId id : *ids) {
      KG_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          engine_->Get(view, Column::kNodes, EncodeNodeKey(id)));
      if (!value.has_value()) continue;
      KG_ASSIGN_OR_RETURN(Node node, Exported<Node>(view, *value, only, &decoder));
      KG_RETURN_IF_ERROR(node_sink(node));
    }
  }
  for (const auto* refs : {&manifest->owned_edges(), &manifest->shared_edges()}) {
    for (const EdgeRef& ref : *refs) {
      KG_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          engine_->Get(view, Column::kOutEdges, EncodeOutEdgeKey(KeyOf(ref))));
      if (!value.has_value()) continue;
      KG_ASSIGN_OR_RETURN(Edge edge, Exported<Edge>(view, *value, only, &decoder));
      KG_RETURN_IF_ERROR(edge_sink(edge));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<StoreStats> RocksGraphStore::Stats() {
  KG_RETURN_IF_ERROR(CheckOpen());
  // Names the state it counted, seqlock style (as CachedRead does), so that a caller can
  // use one Stats() call to ask "is the store still in the state I saw?" cheaply
  // (services/query/report_catalog.h): an even generation unchanged across the read
  // means no batch landed while it was made.
  const uint64_t before = engine_->CommitGeneration();
  KG_ASSIGN_OR_RETURN(StoreCounters counters, engine_->ReadCounters(nullptr));
  const uint64_t after = engine_->CommitGeneration();
  NoteRead(before, /*certain=*/before == after && before % 2 == 0);
  StoreStats stats;
  stats.reports = counters.reports();
  stats.nodes = counters.nodes();
  stats.edges = counters.edges();
  stats.name_entries = counters.name_entries();
  stats.postings = counters.postings();
  return stats;
}

absl::Status RocksGraphStore::Compact() {
  absl::MutexLock lock(&write_mu_);
  KG_RETURN_IF_ERROR(CheckOpen());
  return engine_->Compact();
}

absl::StatusOr<EngineFigures> RocksGraphStore::Figures() const {
  KG_RETURN_IF_ERROR(CheckOpen());
  return engine_->Figures();
}

absl::StatusOr<ConsistencyReport> RocksGraphStore::CheckConsistency(size_t max_problems) {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  return CheckStoreConsistency(*engine_, snapshot->snapshot(), max_problems);
}

absl::Status RocksGraphStore::Backup(const std::string& dir) {
  KG_RETURN_IF_ERROR(CheckOpen());
  namespace fs = std::filesystem;
  if (dir.empty()) return absl::InvalidArgumentError("backup directory is empty");
  if (dir.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError("backup directory contains a NUL byte");
  }
  const fs::path path = fs::path(dir).lexically_normal();
  if (!path.is_absolute()) {
    return absl::InvalidArgumentError(
        absl::StrCat("backup directory must be an absolute path, got '", dir, "'"));
  }
  std::error_code error;
  // A checkpoint inside the store's own directory would be copied into the next one and
  // is lost with the store; refuse it (symbolic links resolved where they exist).
  const fs::path store_dir = fs::weakly_canonical(fs::absolute(dir_, error), error);
  const fs::path target = fs::weakly_canonical(path, error);
  const fs::path inside = target.lexically_relative(store_dir);
  if (!error && !store_dir.empty() && !inside.empty() && *inside.begin() != "..") {
    return absl::InvalidArgumentError(absl::StrCat("backup directory ", path.string(),
                                                   " is inside the store's own directory ",
                                                   store_dir.string(), "; give one outside it"));
  }
  error.clear();
  if (fs::exists(path, error)) {
    if (!fs::is_directory(path, error)) {
      return absl::FailedPreconditionError(
          absl::StrCat("backup target ", path.string(), " exists and is not a directory"));
    }
    if (!fs::is_empty(path, error)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "backup directory ", path.string(), " is not empty; give a new or empty directory"));
    }
    // RocksDB creates the checkpoint directory itself and refuses an existing one.
    fs::remove(path, error);
  } else {
    fs::create_directories(path.parent_path(), error);
  }
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot prepare backup directory ", path.string(), ": ", error.message()));
  }
  return engine_->Checkpoint(path.string());
}

absl::StatusOr<StoreStats> RocksGraphStore::CountRecords() {
  KG_RETURN_IF_ERROR(CheckOpen());
  auto snapshot = engine_->NewSnapshot();
  auto count = [&](Column column, std::string_view prefix, uint64_t* counter) -> absl::Status {
    return engine_->Scan(snapshot->snapshot(), column, prefix,
                         [counter](std::string_view, std::string_view) {
                           ++*counter;
                           return true;
                         });
  };
  StoreStats stats;
  uint64_t in_edges = 0;
  KG_RETURN_IF_ERROR(count(Column::kMeta, InfoPrefix(), &stats.reports));
  KG_RETURN_IF_ERROR(count(Column::kNodes, "", &stats.nodes));
  KG_RETURN_IF_ERROR(count(Column::kOutEdges, "", &stats.edges));
  KG_RETURN_IF_ERROR(count(Column::kInEdges, "", &in_edges));
  KG_RETURN_IF_ERROR(count(Column::kNames, "", &stats.name_entries));
  KG_RETURN_IF_ERROR(count(Column::kPostings, "", &stats.postings));
  if (in_edges != stats.edges) {
    return absl::DataLossError(
        absl::StrCat(stats.edges, " out-edge entries but ", in_edges, " in-edge entries"));
  }
  return stats;
}

}  // namespace kg::storage
