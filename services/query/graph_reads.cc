// Shared reads; see graph_reads.h.
#include "services/query/graph_reads.h"

#include <algorithm>

#include "services/query/highlight.h"
#include "storage/status_macros.h"

namespace kg::query {

uint32_t FirstBegin(const storage::Node& node) {
  return node.spans.empty() ? UINT32_MAX : node.spans.front().begin;
}

bool IsArea(const storage::Node& node) {
  auto it = node.attrs.find("level");
  return it != node.attrs.end() && it->second == "area";
}

absl::StatusOr<std::map<storage::NodeId, storage::Node>> NodesById(
    storage::GraphStore* store, const std::vector<storage::NodeId>& ids) {
  std::map<storage::NodeId, storage::Node> by_id;
  if (ids.empty()) return by_id;
  KG_ASSIGN_OR_RETURN(auto nodes, store->GetNodes(ids));
  for (auto& n : nodes) by_id[n.id] = std::move(n);
  return by_id;
}

absl::StatusOr<storage::Node> AreaOf(storage::GraphStore* store, const storage::Node& node) {
  if ((node.type != "task" && node.type != "achievement") || IsArea(node)) {
    return storage::Node{};
  }
  bool truncated = false;
  KG_ASSIGN_OR_RETURN(auto up, store->GetEdges(node.id, storage::Direction::kOut, "part_of",
                                               kMaxEdgesPerNode, &truncated));
  std::vector<storage::NodeId> ids;
  for (const auto& e : up) ids.push_back(e.dst);
  if (ids.empty()) return storage::Node{};
  KG_ASSIGN_OR_RETURN(auto parents, store->GetNodes(ids));
  for (auto& p : parents) {
    if (p.type == node.type && IsArea(p)) return std::move(p);
  }
  return storage::Node{};
}

absl::StatusOr<std::vector<Quote>> QuoteSpans(storage::GraphStore* store,
                                              const std::vector<storage::Span>& spans) {
  std::vector<Quote> quotes;
  if (spans.empty()) return quotes;
  KG_ASSIGN_OR_RETURN(auto texts, store->GetText(spans));
  for (size_t i = 0; i < spans.size() && i < texts.size(); ++i) {
    quotes.push_back({spans[i], std::move(texts[i])});
  }
  return quotes;
}

absl::StatusOr<std::vector<Quote>> QuoteSentences(storage::GraphStore* store,
                                                  const ReportScope& scope,
                                                  const std::vector<storage::Span>& spans) {
  std::vector<storage::Span> wide;
  for (const auto& span : spans) {
    const storage::ReportInfo* report = scope.Find(span.report);
    storage::Span w = span;
    if (report != nullptr && span.end >= span.begin) {
      uint32_t length = static_cast<uint32_t>(report->text_length);
      w.begin = span.begin > kMaxSentence ? span.begin - kMaxSentence : 0;
      w.end = std::min<uint32_t>(length, span.end + kMaxSentence);
      if (w.end < span.end) w = span;
    }
    wide.push_back(w);
  }
  KG_ASSIGN_OR_RETURN(auto texts, QuoteSpans(store, wide));
  std::vector<Quote> quotes;
  for (size_t i = 0; i < texts.size(); ++i) {
    const storage::Span& span = spans[i];
    const storage::Span& w = wide[i];
    auto [from, to] =
        SentenceAround(texts[i].text, span.begin - w.begin, span.end - w.begin, kMaxSentence);
    quotes.push_back(
        {{span.report, w.begin + from, w.begin + to}, CodePointSubstr(texts[i].text, from, to)});
  }
  return quotes;
}

}  // namespace kg::query
