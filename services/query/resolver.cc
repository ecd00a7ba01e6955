// Name resolution; see resolver.h.
#include "services/query/resolver.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/query/graph_reads.h"
#include "storage/fulltext.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

constexpr const char* kSteps[] = {"id", "name", "alias", "glossary", "short_name", "fulltext"};

// Administrative suffixes a short place name leaves off, most common first.
constexpr const char* kPlaceSuffixes[] = {"镇", "街道",   "乡",     "区",     "县", "市",  "新区",
                                          "省", "自治区", "自治州", "自治县", "村", "社区"};

constexpr double kFullTextMinScore = 0.5;
constexpr size_t kFullTextHits = 200;
constexpr double kSuggestMinScore = 0.3;
constexpr size_t kSuggestions = 5;

size_t TypeRank(const std::string& type, const ResolveOptions& options) {
  for (size_t i = 0; i < options.types.size(); ++i) {
    if (options.types[i] == type) return i;
  }
  return options.types.size();
}

bool TypeAllowed(const std::string& type, const ResolveOptions& options) {
  return !options.only_types || TypeRank(type, options) < options.types.size();
}

bool SameThing(const storage::Node& a, const storage::Node& b) {
  return a.type == b.type && storage::FoldText(a.name) == storage::FoldText(b.name);
}

}  // namespace

absl::Status CheckPhrase(const std::string& phrase, const char* what) {
  if (absl::StripAsciiWhitespace(phrase).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  }
  if (phrase.size() > 1024) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", phrase.size(), " bytes long; at most 1024 are allowed"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Candidate>> Resolver::Step(const std::string& step,
                                                      const std::string& name,
                                                      const std::string& folded,
                                                      const ResolveOptions& options) {
  std::vector<Candidate> found;
  // Look-ups by name and text are limited to the filter's reports in the store (its
  // owned nodes and the shared ones they name); a filter that selects no report finds
  // nothing by them. `keep` still checks the scope: the id step reads any node.
  const storage::ReportSet& reports = scope_->store_reports();
  if (step != "id" && scope_->SelectsNone()) return found;
  auto keep = [&](storage::Node node, double score) {
    if (!scope_->Contains(node.report) || !TypeAllowed(node.type, options)) return;
    for (const auto& c : found) {
      if (c.node.id == node.id) return;
    }
    found.push_back({std::move(node), step, score});
  };
  if (step == "id") {
    if (auto id = storage::HexToId(name); id.has_value()) {
      KG_ASSIGN_OR_RETURN(auto nodes, store_->GetNodes({*id}));
      for (auto& n : nodes) keep(std::move(n), 1);
    }
  } else if (step == "name") {
    KG_ASSIGN_OR_RETURN(auto nodes, store_->LookupName(name, "", reports));
    for (auto& n : nodes) keep(std::move(n), 1);
  } else if (step == "alias" || step == "glossary") {
    if (options.only_types && TypeRank("term", options) == options.types.size()) return found;
    auto hits = store_->SearchText(name, "term", kFullTextMinScore, kFullTextHits, reports);
    if (!hits.ok()) {
      if (absl::IsInvalidArgument(hits.status())) return found;  // no searchable characters
      return hits.status();
    }
    for (auto& h : *hits) {
      bool match = false;
      if (step == "alias") {
        auto alias = h.node.attrs.find("alias");
        match = alias != h.node.attrs.end() && storage::FoldText(alias->second) == folded;
      } else {
        match = storage::FoldText(h.node.name).find(folded) != std::string::npos;
      }
      if (match) keep(std::move(h.node), 1);
    }
  } else if (step == "short_name") {
    if (options.only_types && TypeRank("place", options) == options.types.size()) return found;
    for (const char* suffix : kPlaceSuffixes) {
      // A name that already ends in the suffix is not short for anything longer.
      if (name.size() >= strlen(suffix) &&
          name.compare(name.size() - strlen(suffix), std::string::npos, suffix) == 0) {
        continue;
      }
      KG_ASSIGN_OR_RETURN(auto nodes, store_->LookupName(name + suffix, "place", reports));
      for (auto& n : nodes) keep(std::move(n), 1);
    }
  } else if (step == "fulltext") {
    auto hits = store_->SearchText(name, "", kFullTextMinScore, kFullTextHits, reports);
    if (!hits.ok()) {
      if (absl::IsInvalidArgument(hits.status())) return found;
      return hits.status();
    }
    for (auto& h : *hits) keep(std::move(h.node), h.score);
  }
  return found;
}

absl::StatusOr<std::map<storage::NodeId, uint32_t>> Resolver::SharedBegins(
    const std::vector<Candidate>& found) {
  std::map<storage::NodeId, uint32_t> begins;
  std::vector<storage::NodeId> shared;
  for (const auto& c : found) {
    if (c.node.report == 0) shared.push_back(c.node.id);
  }
  // Only ties between shared candidates need it; a lone one is ranked by its report (0).
  if (shared.size() < 2 || scope_->SelectsNone()) return begins;
  KG_ASSIGN_OR_RETURN(auto spans, store_->GetSpans(shared, scope_->store_reports(), 1));
  for (size_t i = 0; i < shared.size() && i < spans.size(); ++i) {
    begins[shared[i]] = spans[i].empty() ? UINT32_MAX : spans[i].front().begin;
  }
  return begins;
}

absl::StatusOr<Resolution> Resolver::Resolve(const std::string& name,
                                             const ResolveOptions& options) {
  KG_RETURN_IF_ERROR(CheckPhrase(name, options.what.c_str()));
  std::string trimmed(absl::StripAsciiWhitespace(name));
  const std::string folded = storage::FoldText(trimmed);
  Resolution resolution;
  resolution.query = name;
  for (const char* step : kSteps) {
    KG_ASSIGN_OR_RETURN(auto found, Step(step, trimmed, folded, options));
    if (found.empty()) continue;
    KG_ASSIGN_OR_RETURN(auto shared_begin, SharedBegins(found));
    auto begin = [&](const storage::Node& n) {
      auto it = shared_begin.find(n.id);
      return it == shared_begin.end() ? FirstBegin(n) : it->second;
    };
    std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
      return std::make_tuple(TypeRank(a.node.type, options), -a.score,
                             storage::CodePointCount(a.node.name), a.node.report,
                             begin(a.node)) <
             std::make_tuple(TypeRank(b.node.type, options), -b.score,
                             storage::CodePointCount(b.node.name), b.node.report,
                             begin(b.node));
    });
    resolution.match = step;
    const Candidate& best = found.front();
    for (const auto& c : found) {
      if (SameThing(c.node, best.node)) {
        resolution.entities.push_back(c.node);
      } else if (TypeRank(c.node.type, options) == TypeRank(best.node.type, options) &&
                 c.score == best.score) {
        resolution.ambiguous = true;
      }
    }
    if (found.size() > kMaxCandidates) found.resize(kMaxCandidates);
    resolution.candidates = std::move(found);
    return resolution;
  }
  return NotFound(trimmed, options);
}

absl::Status Resolver::NotFound(const std::string& name, const ResolveOptions& options) {
  std::string message = absl::StrCat("no ", options.what, " named ", name, scope_->Describe());
  std::vector<std::string> suggestions;
  // A filter that selects no report has nothing to suggest (and must not ask the store).
  absl::StatusOr<std::vector<storage::SearchHit>> hits = std::vector<storage::SearchHit>();
  if (!scope_->SelectsNone()) {
    hits = store_->SearchText(name, "", kSuggestMinScore, 50, scope_->store_reports());
  }
  if (hits.ok()) {
    std::set<std::string> seen;
    for (const auto& h : *hits) {
      if (!scope_->Contains(h.node.report)) continue;
      std::string s = absl::StrCat(h.node.name, " (", h.node.type, ")");
      if (seen.insert(s).second) suggestions.push_back(s);
      if (suggestions.size() == kSuggestions) break;
    }
  }
  if (!suggestions.empty()) {
    absl::StrAppend(&message, "; did you mean ", absl::StrJoin(suggestions, ", "), "?");
  } else if (!scope_->filter().empty()) {
    absl::StrAppend(&message, "; try without --report/--region/--year");
  }
  return absl::NotFoundError(message);
}

}  // namespace kg::query
