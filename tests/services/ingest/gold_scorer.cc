// Gold scoring; see gold_scorer.h.
#include "tests/services/ingest/gold_scorer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/ingest/text_util.h"
#include "tests/services/ingest/mini_json.h"

namespace kg::testing {
namespace {

using storage::Edge;
using storage::Node;
using storage::ReportGraph;

std::string Attr(const Node& n, const std::string& key) {
  auto it = n.attrs.find(key);
  return it == n.attrs.end() ? "" : it->second;
}

class GraphIndex {
 public:
  explicit GraphIndex(const ReportGraph& g) : g_(g) {
    for (const Node& n : g.nodes) by_id_[n.id] = &n;
  }
  std::vector<const Node*> Nodes(const std::string& type, const std::string& key = "",
                                 const std::string& value = "") const {
    std::vector<const Node*> out;
    for (const Node& n : g_.nodes) {
      if (n.type == type && (key.empty() || Attr(n, key) == value)) out.push_back(&n);
    }
    return out;
  }
  // The node a part_of edge from `n` leads to, or null.
  const Node* Parent(const Node& n) const {
    for (const Edge& e : g_.edges) {
      if (e.type == "part_of" && e.src == n.id) return by_id_.at(e.dst);
    }
    return nullptr;
  }
  const Node* Get(storage::NodeId id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  const ReportGraph& graph() const { return g_; }

 private:
  const ReportGraph& g_;
  std::map<storage::NodeId, const Node*> by_id_;
};

// Counts predicted nodes whose (parent name, name) is in `gold`.
void ScoreChildren(const GraphIndex& index, const std::vector<const Node*>& predicted,
                   const std::set<std::pair<std::string, std::string>>& gold, KindScore* score) {
  std::set<std::pair<std::string, std::string>> found;
  for (const Node* n : predicted) {
    const Node* parent = index.Parent(*n);
    std::pair<std::string, std::string> key{parent == nullptr ? "" : parent->name, n->name};
    if (gold.count(key) > 0) {
      ++score->correct;
      found.insert(key);
    }
  }
  score->predicted = static_cast<int>(predicted.size());
  score->gold = static_cast<int>(gold.size());
  score->recalled = static_cast<int>(found.size());
  for (const auto& g : gold) {
    if (found.count(g) == 0) score->missed.push_back(absl::StrCat(g.first, " / ", g.second));
  }
}

void ScoreNames(const std::vector<const Node*>& predicted, const std::set<std::string>& gold,
                KindScore* score) {
  std::set<std::string> found;
  for (const Node* n : predicted) {
    if (gold.count(n->name) > 0) {
      ++score->correct;
      found.insert(n->name);
    }
  }
  score->predicted = static_cast<int>(predicted.size());
  score->gold = static_cast<int>(gold.size());
  score->recalled = static_cast<int>(found.size());
  for (const auto& g : gold) {
    if (found.count(g) == 0) score->missed.push_back(g);
  }
}

bool TargetMatches(const Node& goal, const JsonValue& gold) {
  if (Attr(goal, "indicator") != gold["indicator"].string) return false;
  std::string value = Attr(goal, "value");
  if (gold["value"].is_null() != value.empty()) return false;
  if (!value.empty() && std::fabs(std::stod(value) - gold["value"].number) > 1e-9) return false;
  return Attr(goal, "unit") == gold["unit"].string &&
         Attr(goal, "qualifier") == gold["qualifier"].string;
}

std::vector<std::u32string> Bigrams(std::u32string_view s) {
  std::vector<std::u32string> out;
  std::u32string run;
  auto flush = [&]() {
    if (run.size() == 1) out.push_back(run);
    for (size_t i = 0; i + 1 < run.size(); ++i) out.push_back(run.substr(i, 2));
    run.clear();
  };
  for (char32_t c : s) {
    if (ingest::IsHan(c) || ingest::IsAsciiDigit(c) || ingest::IsAsciiAlpha(c)) {
      run.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

double BigramShare(std::string_view phrase, std::string_view name) {
  auto q = Bigrams(ingest::Utf8ToU32(phrase));
  if (q.empty()) return 0;
  auto n = Bigrams(ingest::Utf8ToU32(name));
  std::set<std::u32string> have(n.begin(), n.end());
  std::set<std::u32string> want(q.begin(), q.end());
  int hit = 0;
  for (const auto& b : want) hit += have.count(b) > 0 ? 1 : 0;
  return static_cast<double>(hit) / want.size();
}

std::string Line(const KindScore& s) {
  double recall = s.gold == 0 ? 1 : static_cast<double>(s.recalled) / s.gold;
  double precision = s.predicted == 0 ? 1 : static_cast<double>(s.correct) / s.predicted;
  return absl::StrFormat("%-14s recall %3d/%-3d = %5.1f%%   precision %3d/%-3d = %5.1f%%\n", s.kind,
                         s.recalled, s.gold, 100 * recall, s.correct, s.predicted, 100 * precision);
}

}  // namespace

std::vector<std::string> TasksServing(const ReportGraph& graph, std::string_view phrase) {
  GraphIndex index(graph);
  std::set<storage::NodeId> goals;
  for (const Node& n : graph.nodes) {
    if (n.type == "goal" && BigramShare(phrase, n.name) >= 0.75) goals.insert(n.id);
  }
  std::vector<std::string> out;
  for (const Edge& e : graph.edges) {
    if (e.type != "serves" || goals.count(e.dst) == 0) continue;
    const Node* task = index.Get(e.src);
    if (task != nullptr && task->type == "task") out.push_back(task->name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> MentionersOf(const ReportGraph& graph, std::string_view term) {
  GraphIndex index(graph);
  std::vector<std::string> out;
  for (const Edge& e : graph.edges) {
    if (e.type != "mentions") continue;
    const Node* dst = index.Get(e.dst);
    const Node* src = index.Get(e.src);
    if (dst != nullptr && src != nullptr && dst->type == "term" && dst->name == term) {
      out.push_back(src->name);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::StatusOr<GoldScore> ScoreAgainstGold(const ReportGraph& graph, std::string_view gold_json) {
  auto parsed = ParseJson(gold_json);
  if (!parsed.ok()) return parsed.status();
  const JsonValue& gold = *parsed;
  GraphIndex index(graph);
  GoldScore score;

  // Plan: task areas, and their tasks (with the governance part's).
  std::set<std::string> area_titles;
  std::set<std::pair<std::string, std::string>> tasks;
  for (const JsonValue& area : gold["task_areas"].array) {
    area_titles.insert(area["title"].string);
    for (const JsonValue& t : area["tasks"].array) tasks.insert({area["title"].string, t.string});
  }
  std::string governance_section;
  for (const Node* n : index.Nodes("section", "kind", "governance")) governance_section = n->name;
  for (const JsonValue& t : gold["governance_tasks"].array) {
    tasks.insert({governance_section, t.string});
  }
  score.task_areas.kind = "task areas";
  ScoreNames(index.Nodes("task", "level", "area"), area_titles, &score.task_areas);
  score.tasks.kind = "tasks";
  ScoreChildren(index, index.Nodes("task", "level", "task"), tasks, &score.tasks);

  // Review: areas and items.
  std::set<std::string> review_titles;
  std::set<std::pair<std::string, std::string>> items;
  for (const JsonValue& area : gold["review_areas"].array) {
    review_titles.insert(area["title"].string);
    for (const JsonValue& t : area["items"].array) items.insert({area["title"].string, t.string});
  }
  score.review_areas.kind = "review areas";
  ScoreNames(index.Nodes("achievement", "level", "area"), review_titles, &score.review_areas);
  score.review_items.kind = "review items";
  ScoreChildren(index, index.Nodes("achievement", "level", "item"), items, &score.review_items);

  // Targets: indicator, value, unit and qualifier all right.
  score.targets.kind = "targets";
  auto goals = index.Nodes("goal", "kind", "target");
  score.targets.predicted = static_cast<int>(goals.size());
  std::set<const Node*> used;
  for (const JsonValue& t : gold["targets"].array) {
    ++score.targets.gold;
    const Node* match = nullptr;
    for (const Node* g : goals) {
      if (used.count(g) == 0 && TargetMatches(*g, t)) match = g;
    }
    if (match != nullptr) {
      used.insert(match);
      ++score.targets.recalled;
    } else {
      std::string got = "(none)";
      for (const Node* g : goals) {
        if (Attr(*g, "indicator") == t["indicator"].string) {
          got = absl::StrCat(Attr(*g, "value"), " ", Attr(*g, "unit"), " ", Attr(*g, "qualifier"));
        }
      }
      score.targets.missed.push_back(absl::StrCat(t["indicator"].string, " (got ", got, ")"));
    }
  }
  score.targets.correct = static_cast<int>(used.size());

  // Glossary terms: name, and a definition containing the annotated snippet.
  score.terms.kind = "glossary terms";
  auto terms = index.Nodes("term", "source", "glossary");
  score.terms.predicted = static_cast<int>(terms.size());
  for (const JsonValue& t : gold["terms"].array) {
    ++score.terms.gold;
    const std::string& name = t.array.at(0).string;
    const std::string& snippet = t.array.at(1).string;
    bool found = false;
    for (const Node* n : terms) {
      if (n->name == name && Attr(*n, "definition").find(snippet) != std::string::npos) {
        found = true;
      }
    }
    if (found) {
      ++score.terms.recalled;
      ++score.terms.correct;
    } else {
      score.terms.missed.push_back(name);
    }
  }

  // The questions that serves and term look-ups answer.
  for (const JsonValue& q : gold["queries"].array) {
    const std::string& op = q["op"].string;
    if (op != "serves" && op != "term") continue;
    std::vector<std::string> answer =
        op == "serves" ? TasksServing(graph, q["q"].string) : MentionersOf(graph, q["q"].string);
    std::set<std::string> got(answer.begin(), answer.end());
    QueryScore qs;
    qs.id = q["id"].string;
    for (const JsonValue& e : q["expect"].array) {
      if (got.count(e.string) == 0) qs.missing.push_back(e.string);
    }
    for (const JsonValue& f : q["forbid"].array) {
      if (got.count(f.string) > 0) qs.forbidden.push_back(f.string);
    }
    score.queries.push_back(std::move(qs));
  }
  return score;
}

std::string GoldScore::Report() const {
  std::string out;
  for (const KindScore* s : {&task_areas, &tasks, &review_areas, &review_items, &targets, &terms}) {
    out += Line(*s);
    for (const auto& m : s->missed) absl::StrAppend(&out, "    missed: ", m, "\n");
  }
  for (const QueryScore& q : queries) {
    absl::StrAppend(&out, "query ", q.id, ": ",
                    q.missing.empty() && q.forbidden.empty() ? "ok" : "WRONG", "\n");
    for (const auto& m : q.missing) absl::StrAppend(&out, "    missing: ", m, "\n");
    for (const auto& f : q.forbidden) absl::StrAppend(&out, "    forbidden: ", f, "\n");
  }
  return out;
}

}  // namespace kg::testing
