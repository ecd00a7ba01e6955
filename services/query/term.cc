// QueryEngine::Term: a term's definition, aliases, what it includes and where it is used.
#include <algorithm>

#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {

absl::StatusOr<TermAnswer> QueryEngine::Term(const std::string& name, const TermOptions& options,
                                             const CallBudget& budget) {
  KG_ASSIGN_OR_RETURN(PageWindow window, ParsePage(options.page));
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  Resolver resolver(store_, &scope);
  ResolveOptions resolve;
  resolve.types = {"term"};
  resolve.only_types = true;
  resolve.what = "term";
  TermAnswer answer;
  answer.labels = scope.labels();
  KG_ASSIGN_OR_RETURN(answer.resolution, resolver.Resolve(name, resolve));

  std::vector<storage::Span> quote_spans;
  for (const auto& term : answer.resolution.entities) {
    KG_RETURN_IF_ERROR(budget.Check());
    TermDefinition def;
    def.term = term;
    if (auto it = term.attrs.find("definition"); it != term.attrs.end())
      def.definition = it->second;
    if (auto it = term.attrs.find("alias"); it != term.attrs.end())
      def.aliases.push_back(it->second);
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(term.id, storage::Direction::kOut, "includes",
                                                     kMaxEdgesPerNode, &truncated));
    // The definition's order: by where each edge's support starts.
    std::stable_sort(edges.begin(), edges.end(),
                     [](const storage::Edge& a, const storage::Edge& b) {
                       uint32_t ab = a.spans.empty() ? UINT32_MAX : a.spans.front().begin;
                       uint32_t bb = b.spans.empty() ? UINT32_MAX : b.spans.front().begin;
                       return ab < bb;
                     });
    std::vector<storage::NodeId> ids;
    for (const auto& e : edges) {
      if (scope.Contains(e.report)) ids.push_back(e.dst);
    }
    KG_ASSIGN_OR_RETURN(auto by_id, NodesById(store_, ids));
    for (storage::NodeId id : ids) {
      auto it = by_id.find(id);
      if (it != by_id.end()) def.includes.push_back(it->second);
    }
    // A glossary term's second span is its whole entry; else quote where it is named.
    if (!term.spans.empty()) {
      def.quote.span = term.spans.size() > 1 ? term.spans[1] : term.spans[0];
      quote_spans.push_back(def.quote.span);
    }
    answer.definitions.push_back(std::move(def));
  }
  KG_ASSIGN_OR_RETURN(auto quotes, QuoteSpans(store_, quote_spans));
  size_t next = 0;
  for (auto& def : answer.definitions) {
    if (def.quote.span.report != 0 && next < quotes.size()) def.quote = quotes[next++];
  }
  KG_ASSIGN_OR_RETURN(answer.used_in, MentionsOf(answer.resolution.entities, scope, {}, budget));
  answer.page = TakePage(window, &answer.used_in);
  return answer;
}

}  // namespace kg::query
