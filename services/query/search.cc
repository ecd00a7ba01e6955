// QueryEngine::Search: full-text hits over entity names, each with its name and the
// sentence around it in the report highlighted.
//
// The store indexes names, not whole sentences (storage/graph_store.h SearchText), so
// a hit is an entity whose name matches; its context is the report text around the
// entity's first span in scope, widened to the sentence. Text that names no entity is
// not found; tasks, goals and achievements carry their lead phrases and goal sentences
// as names, which covers most of what a report says.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/query/highlight.h"
#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

constexpr size_t kMaxHits = 2000;

}  // namespace

absl::StatusOr<SearchAnswer> QueryEngine::Search(const std::string& text,
                                                 const SearchOptions& options,
                                                 const CallBudget& budget) {
  KG_RETURN_IF_ERROR(CheckPhrase(text, "search text"));
  if (!(options.min_score >= 0 && options.min_score <= 1)) {  // NaN fails too
    return absl::InvalidArgumentError("min_score must be within 0..1");
  }
  if (!options.node_type.empty() &&
      std::find(std::begin(storage::kNodeTypes), std::end(storage::kNodeTypes),
                options.node_type) == std::end(storage::kNodeTypes)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown node type '", options.node_type, "'"));
  }
  KG_ASSIGN_OR_RETURN(PageWindow window, ParsePage(options.page));
  double min_score = options.min_score == 0 ? kDefaultSearchMinScore : options.min_score;
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  // The store's scope keeps the filter's reports' nodes and the shared nodes one of them
  // names; a filter that selects no report finds nothing.
  std::vector<storage::SearchHit> hits;
  if (!scope.SelectsNone()) {
    KG_ASSIGN_OR_RETURN(hits, store_->SearchText(text, options.node_type, min_score, kMaxHits,
                                                 scope.store_reports()));
  }

  SearchAnswer answer;
  answer.labels = scope.labels();
  for (auto& hit : hits) {
    if (!scope.Contains(hit.node.report)) continue;
    SearchResult result;
    result.score = hit.score;
    result.node = std::move(hit.node);
    answer.results.push_back(std::move(result));
  }
  answer.page = TakePage(window, &answer.results);

  // Highlight only the page. A shared hit's record has no spans (graph_store.h): its
  // first span in scope is read for the page's shared hits in one call.
  std::vector<storage::NodeId> shared_ids;
  std::vector<size_t> shared_at;  // result index of each shared id
  for (size_t i = 0; i < answer.results.size(); ++i) {
    if (answer.results[i].node.report != 0) continue;
    shared_ids.push_back(answer.results[i].node.id);
    shared_at.push_back(i);
  }
  std::vector<std::vector<storage::Span>> shared_spans;
  if (!shared_ids.empty()) {
    KG_ASSIGN_OR_RETURN(shared_spans, store_->GetSpans(shared_ids, scope.store_reports(), 1));
  }
  std::vector<const std::vector<storage::Span>*> spans_of(answer.results.size());
  for (size_t i = 0; i < answer.results.size(); ++i) spans_of[i] = &answer.results[i].node.spans;
  for (size_t k = 0; k < shared_at.size() && k < shared_spans.size(); ++k) {
    spans_of[shared_at[k]] = &shared_spans[k];
  }
  std::vector<storage::Span> spans;
  std::vector<size_t> owner;
  for (size_t i = 0; i < answer.results.size(); ++i) {
    KG_RETURN_IF_ERROR(budget.Check());
    SearchResult& r = answer.results[i];
    r.name.text = r.node.name;
    r.name.highlights = HighlightMatches(r.node.name, text);
    for (const auto& span : *spans_of[i]) {
      if (span.report == 0 || !scope.Contains(span.report) || span.end <= span.begin ||
          scope.Find(span.report) == nullptr) {
        continue;
      }
      spans.push_back(span);
      owner.push_back(i);
      break;
    }
  }
  KG_ASSIGN_OR_RETURN(auto sentences, QuoteSentences(store_, scope, spans));
  for (size_t k = 0; k < sentences.size(); ++k) {
    SearchResult& r = answer.results[owner[k]];
    r.context.text = std::move(sentences[k].text);
    r.context.span = sentences[k].span;
    r.context.highlights = HighlightMatches(r.context.text, text);
  }
  return answer;
}

}  // namespace kg::query
