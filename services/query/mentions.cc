// QueryEngine::Mentions: what names a term, place or organization; MentionsOf is
// shared with Term (where a term is used).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/query/query_engine.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

// What `mentions` is about, best first: these are the targets of mentions edges.
const std::vector<std::string> kMentionable = {"term", "place", "organization"};
// What may mention something.
const std::vector<std::string> kMentioners = {"task", "achievement", "goal", "term"};

absl::Status CheckTypes(const std::vector<std::string>& types) {
  for (const auto& t : types) {
    if (std::find(kMentioners.begin(), kMentioners.end(), t) == kMentioners.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "type '", t, "' never mentions anything; use task, achievement, goal or term"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Mention>> QueryEngine::MentionsOf(
    const std::vector<storage::Node>& entities, const ReportScope& scope,
    const std::vector<std::string>& types, const CallBudget& budget) {
  struct Found {
    storage::Edge edge;
    const storage::Node* mentioned;
  };
  std::vector<Found> found;
  std::set<std::pair<storage::NodeId, storage::NodeId>> seen;  // (by, mentioned)
  for (const auto& entity : entities) {
    KG_RETURN_IF_ERROR(budget.Check());
    bool truncated = false;
    KG_ASSIGN_OR_RETURN(auto edges, store_->GetEdges(entity.id, storage::Direction::kIn, "mentions",
                                                     kMaxEdgesPerNode, &truncated));
    for (auto& e : edges) {
      if (!scope.Contains(e.report) || !seen.insert({e.src, entity.id}).second) continue;
      found.push_back({std::move(e), &entity});
    }
  }
  std::vector<storage::NodeId> ids;
  for (const auto& f : found) ids.push_back(f.edge.src);
  KG_ASSIGN_OR_RETURN(auto by_id, NodesById(store_, ids));

  std::vector<Mention> mentions;
  std::vector<storage::Span> spans;
  for (auto& f : found) {
    auto it = by_id.find(f.edge.src);
    if (it == by_id.end()) continue;
    if (!types.empty() && std::find(types.begin(), types.end(), it->second.type) == types.end()) {
      continue;
    }
    Mention m;
    m.by = it->second;
    m.mentioned = *f.mentioned;
    if (!f.edge.spans.empty()) {
      m.quote.span = f.edge.spans.front();
      spans.push_back(f.edge.spans.front());
    }
    mentions.push_back(std::move(m));
  }
  KG_ASSIGN_OR_RETURN(auto quotes, QuoteSentences(store_, scope, spans));
  size_t next = 0;
  for (auto& m : mentions) {
    KG_RETURN_IF_ERROR(budget.Check());
    if (m.quote.span.report != 0 && next < quotes.size()) m.quote = quotes[next++];
    KG_ASSIGN_OR_RETURN(m.area, AreaOf(store_, m.by));
  }
  // Report order: by report, then the area's place in the text, the area before its
  // children, then the mentioner's own place.
  auto key = [](const Mention& m) {
    const storage::Node& area = m.area.id == 0 ? m.by : m.area;
    return std::make_tuple(m.by.report, FirstBegin(area), m.area.id == 0 ? 0 : 1, FirstBegin(m.by),
                           m.by.id, m.mentioned.id);
  };
  std::sort(mentions.begin(), mentions.end(),
            [&](const Mention& a, const Mention& b) { return key(a) < key(b); });
  return mentions;
}

absl::StatusOr<MentionsAnswer> QueryEngine::Mentions(const std::string& name,
                                                     const MentionsOptions& options,
                                                     const CallBudget& budget) {
  KG_RETURN_IF_ERROR(CheckTypes(options.types));
  KG_ASSIGN_OR_RETURN(PageWindow window, ParsePage(options.page));
  KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, options.filter, &catalogs_));
  Resolver resolver(store_, &scope);
  ResolveOptions resolve;
  resolve.types = kMentionable;
  resolve.only_types = true;
  resolve.what = "term, place or organization";
  MentionsAnswer answer;
  answer.labels = scope.labels();
  KG_ASSIGN_OR_RETURN(answer.resolution, resolver.Resolve(name, resolve));
  KG_ASSIGN_OR_RETURN(answer.mentions,
                      MentionsOf(answer.resolution.entities, scope, options.types, budget));
  answer.page = TakePage(window, &answer.mentions);
  return answer;
}

}  // namespace kg::query
