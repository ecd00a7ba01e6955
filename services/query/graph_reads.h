// Reads that several questions share: nodes by id, the area a task or review item
// belongs to, quoted spans, report order. Thin helpers over GraphStore, no policy.
#ifndef KG_SERVICES_QUERY_GRAPH_READS_H_
#define KG_SERVICES_QUERY_GRAPH_READS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/report_scope.h"
#include "storage/graph_store.h"

namespace kg::query {

// A piece of report text that supports an answer.
struct Quote {
  storage::Span span;
  std::string text;
};

// Edges read per node and call; more are cut.
inline constexpr size_t kMaxEdgesPerNode = 10000;

// Where a node starts in its report's text; UINT32_MAX without spans, as for a shared
// node read from the store (its spans are read apart: GraphStore::GetSpans).
uint32_t FirstBegin(const storage::Node& node);

// Whether a node is an area of the plan or of the review (level "area").
bool IsArea(const storage::Node& node);

// The nodes with these ids, by id; unknown ids are missing from the map.
absl::StatusOr<std::map<storage::NodeId, storage::Node>> NodesById(
    storage::GraphStore* store, const std::vector<storage::NodeId>& ids);

// The area a task or achievement belongs to (its part_of parent of the same type with
// level area); a node with id 0 if it is an area itself or has none.
absl::StatusOr<storage::Node> AreaOf(storage::GraphStore* store, const storage::Node& node);

// The text of each span, as quotes; spans of unknown reports or out of range make the
// whole call fail, as GetText does.
absl::StatusOr<std::vector<Quote>> QuoteSpans(storage::GraphStore* store,
                                              const std::vector<storage::Span>& spans);

// Longest sentence QuoteSentences returns, in code points.
inline constexpr uint32_t kMaxSentence = 120;

// The sentence around each span: the report text read a little wider than the span and
// cut at sentence ends (highlight.h SentenceAround), so a mention of one word quotes
// the sentence it is in. Each quote's span is the sentence's. Spans of reports the
// scope does not know are quoted as they are.
absl::StatusOr<std::vector<Quote>> QuoteSentences(storage::GraphStore* store,
                                                  const ReportScope& scope,
                                                  const std::vector<storage::Span>& spans);

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_GRAPH_READS_H_
