// The matcher; see matcher.h.
#include "services/query/cypher/matcher.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::cypher {
namespace {

// Returned by the export sink to end a label scan once the nodes are read.
constexpr const char* kScanDone = "kg-cypher: nodes read";

bool LabelMatches(const storage::Node& node, const std::string& label) {
  return label.empty() || node.type == label;
}

// The string values of a start key: one value or a list of them.
absl::StatusOr<std::vector<std::string>> KeyStrings(const Evaluator& eval, const Expr& key,
                                                    const char* what) {
  KG_ASSIGN_OR_RETURN(Value v, eval.Eval(key, Row()));
  std::vector<Value> values;
  if (v.type == Value::Type::kList) {
    values = std::move(v.list);
  } else {
    values.push_back(std::move(v));
  }
  std::vector<std::string> out;
  for (const auto& item : values) {
    if (item.is_null()) continue;
    if (item.type != Value::Type::kString) {
      return ErrorAt(key.pos, absl::StrCat(what, " is compared with a ", TypeName(item.type),
                                           "; it is a string"));
    }
    out.push_back(item.s);
  }
  return out;
}

}  // namespace

absl::Status Matcher::Run(const Sink& sink) {
  sink_ = &sink;
  Row row(plan_->slot_kinds.size());
  auto result = RunFrom(0, &row);
  return result.ok() ? absl::OkStatus() : result.status();
}

absl::Status Matcher::Count(size_t n) {
  expansions_ += n;
  if (expansions_ > max_expansions_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the query read more than ", max_expansions_,
        " nodes and edges (max_expansions); start from a name, id or search() condition, name "
        "edge types, lower the hop bounds, or raise the limit"));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> Matcher::RunFrom(size_t index, Row* row) {
  if (index == plan_->steps.size()) return (*sink_)(*row);
  KG_RETURN_IF_ERROR(budget_->Check());
  const Step& step = plan_->steps[index];
  if (step.kind == Step::Kind::kStart) return Start(index, row);
  if (step.expand.rel->variable_length) return ExpandVariable(index, row);
  return Expand(index, row);
}

absl::StatusOr<bool> Matcher::Continue(size_t index, Row* row) {
  for (const Expr* f : plan_->steps[index].filters) {
    KG_ASSIGN_OR_RETURN(bool holds, eval_->Holds(*f, *row));
    if (!holds) return true;
  }
  return RunFrom(index + 1, row);
}

absl::StatusOr<std::vector<storage::Node>> Matcher::StartNodes(const StartStep& s) {
  std::vector<storage::Node> nodes;
  switch (s.kind) {
    case StartKind::kId: {
      KG_ASSIGN_OR_RETURN(auto hexes, KeyStrings(*eval_, *s.key, "an id"));
      std::vector<storage::NodeId> ids;
      for (const auto& hex : hexes) {
        if (auto id = storage::HexToId(hex)) ids.push_back(*id);
      }
      KG_ASSIGN_OR_RETURN(nodes, store_->GetNodes(ids));
      break;
    }
    case StartKind::kName: {
      KG_ASSIGN_OR_RETURN(auto names, KeyStrings(*eval_, *s.key, "a name"));
      // Cypher has no report filter: look-ups cover every report ({}).
      for (const auto& name : names) {
        KG_ASSIGN_OR_RETURN(auto found, store_->LookupName(name, s.label, {}));
        for (auto& n : found) nodes.push_back(std::move(n));
      }
      break;
    }
    case StartKind::kSearch: {
      KG_ASSIGN_OR_RETURN(Value text, eval_->Eval(*s.text, Row()));
      if (text.type != Value::Type::kString) {
        return ErrorAt(s.text->pos, "search() takes its text as a string");
      }
      double min_score = kDefaultSearchScore;
      if (s.min_score != nullptr) {
        KG_ASSIGN_OR_RETURN(Value score, eval_->Eval(*s.min_score, Row()));
        auto n = AsNumber(score);
        if (score.type == Value::Type::kString || !n || !(*n > 0 && *n <= 1)) {
          return ErrorAt(s.min_score->pos, "search()'s minimum score is a number in (0, 1]");
        }
        min_score = *n;
      }
      size_t room = max_expansions_ - std::min(expansions_, max_expansions_) + 1;
      auto hits = store_->SearchText(text.s, s.label, min_score, room, {});
      if (!hits.ok()) {
        if (absl::IsInvalidArgument(hits.status())) {
          return ErrorAt(s.text->pos, std::string(hits.status().message()));
        }
        return hits.status();
      }
      for (auto& hit : *hits) nodes.push_back(std::move(hit.node));
      break;
    }
    case StartKind::kLabel:
    case StartKind::kAll: {
      size_t seen = 0;
      absl::Status s_status = store_->Export(
          0,
          [&](const storage::Node& node) -> absl::Status {
            if ((++seen & 255) == 0) KG_RETURN_IF_ERROR(budget_->Check());
            if (!LabelMatches(node, s.label)) return absl::OkStatus();
            KG_RETURN_IF_ERROR(Count(1));
            nodes.push_back(node);
            return absl::OkStatus();
          },
          [](const storage::Edge&) { return absl::CancelledError(kScanDone); });
      if (!s_status.ok() && s_status.message() != kScanDone) return s_status;
      return nodes;  // counted while scanning
    }
  }
  std::vector<storage::Node> kept;
  for (auto& n : nodes) {
    if (LabelMatches(n, s.label)) kept.push_back(std::move(n));
  }
  KG_RETURN_IF_ERROR(Count(kept.size()));
  return kept;
}

absl::StatusOr<bool> Matcher::Start(size_t index, Row* row) {
  const StartStep& s = plan_->steps[index].start;
  KG_ASSIGN_OR_RETURN(auto nodes, StartNodes(s));
  for (auto& node : nodes) {
    KG_RETURN_IF_ERROR(budget_->Check());
    (*row)[s.slot] = Value::OfNode(std::make_shared<storage::Node>(std::move(node)));
    KG_ASSIGN_OR_RETURN(bool go_on, Continue(index, row));
    if (!go_on) return false;
  }
  (*row)[s.slot] = Value::Null();
  return true;
}

absl::Status Matcher::Neighbours(const ExpandStep& x, storage::NodeId node,
                                 std::vector<Hop>* out) {
  std::vector<storage::Direction> directions;
  PatternDirection d = x.rel->direction;
  if (d == PatternDirection::kEither) {
    directions = {storage::Direction::kOut, storage::Direction::kIn};
  } else {
    bool out_dir = (d == PatternDirection::kOut) != x.reversed;
    directions = {out_dir ? storage::Direction::kOut : storage::Direction::kIn};
  }
  std::vector<std::string> types = x.rel->types;
  if (types.empty()) types.push_back("");
  std::vector<std::pair<storage::Edge, storage::NodeId>> edges;
  for (auto direction : directions) {
    for (const auto& type : types) {
      bool truncated = false;
      size_t room = max_expansions_ - std::min(expansions_, max_expansions_) + 1;
      KG_ASSIGN_OR_RETURN(auto found, store_->GetEdges(node, direction, type, room, &truncated));
      KG_RETURN_IF_ERROR(Count(found.size()));
      for (auto& e : found) {
        storage::NodeId other = direction == storage::Direction::kOut ? e.dst : e.src;
        // A loop seen from both ends is one match.
        if (d == PatternDirection::kEither && direction == storage::Direction::kIn && e.src == e.dst) {
          continue;
        }
        edges.push_back({std::move(e), other});
      }
    }
  }
  std::vector<storage::NodeId> ids;
  for (const auto& [e, other] : edges) ids.push_back(other);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  KG_ASSIGN_OR_RETURN(auto nodes, store_->GetNodes(ids));
  std::map<storage::NodeId, std::shared_ptr<const storage::Node>> by_id;
  for (auto& n : nodes) {
    storage::NodeId id = n.id;
    by_id.emplace(id, std::make_shared<const storage::Node>(std::move(n)));
  }
  for (auto& [e, other] : edges) {
    auto it = by_id.find(other);
    if (it == by_id.end()) continue;
    out->push_back({std::make_shared<const storage::Edge>(std::move(e)), it->second});
  }
  return absl::OkStatus();
}

bool Matcher::EdgeUsed(const Row& row, storage::EdgeId id) const {
  for (size_t slot = 0; slot < row.size(); ++slot) {
    const Value& v = row[slot];
    if (v.type == Value::Type::kEdge && v.edge->id == id) return true;
    if (v.type == Value::Type::kPath && plan_->slot_kinds[slot] == SlotKind::kEdgeList) {
      for (const auto& e : v.path->edges) {
        if (e.id == id) return true;
      }
    }
  }
  return false;
}

absl::StatusOr<bool> Matcher::Expand(size_t index, Row* row) {
  const ExpandStep& x = plan_->steps[index].expand;
  const storage::Node& from = *(*row)[x.from_slot].node;
  std::vector<Hop> next;
  KG_RETURN_IF_ERROR(Neighbours(x, from.id, &next));
  for (auto& [edge, node] : next) {
    if (x.to_bound) {
      if ((*row)[x.to_slot].node->id != node->id) continue;
    } else if (!LabelMatches(*node, x.to_label)) {
      continue;
    }
    if (EdgeUsed(*row, edge->id)) continue;
    (*row)[x.edge_slot] = Value::OfEdge(std::move(edge));
    if (!x.to_bound) (*row)[x.to_slot] = Value::OfNode(std::move(node));
    KG_ASSIGN_OR_RETURN(bool go_on, Continue(index, row));
    if (!go_on) return false;
  }
  (*row)[x.edge_slot] = Value::Null();
  if (!x.to_bound) (*row)[x.to_slot] = Value::Null();
  return true;
}

absl::StatusOr<bool> Matcher::ExpandVariable(size_t index, Row* row) {
  const ExpandStep& x = plan_->steps[index].expand;
  const RelPattern& rel = *x.rel;
  PathValue walk;
  walk.nodes.push_back(*(*row)[x.from_slot].node);

  // Depth first over walks of min..max hops; each edge at most once per row.
  std::function<absl::StatusOr<bool>()> visit = [&]() -> absl::StatusOr<bool> {
    KG_RETURN_IF_ERROR(budget_->Check());
    const int hops = static_cast<int>(walk.edges.size());
    const storage::Node& here = walk.nodes.back();
    if (hops >= rel.min_hops) {
      bool fits = x.to_bound ? (*row)[x.to_slot].node->id == here.id : LabelMatches(here, x.to_label);
      if (fits) {
        auto segment = std::make_shared<PathValue>(walk);
        if (x.reversed) {  // kept in the pattern's writing order, for paths
          std::reverse(segment->nodes.begin(), segment->nodes.end());
          std::reverse(segment->edges.begin(), segment->edges.end());
        }
        (*row)[x.edge_slot] = Value::OfPath(std::move(segment));
        if (!x.to_bound) (*row)[x.to_slot] = Value::OfNode(std::make_shared<storage::Node>(here));
        KG_ASSIGN_OR_RETURN(bool go_on, Continue(index, row));
        (*row)[x.edge_slot] = Value::Null();
        if (!x.to_bound) (*row)[x.to_slot] = Value::Null();
        if (!go_on) return false;
      }
    }
    if (hops >= rel.max_hops) return true;
    std::vector<Hop> next;
    KG_RETURN_IF_ERROR(Neighbours(x, here.id, &next));
    for (auto& [edge, node] : next) {
      bool used = EdgeUsed(*row, edge->id);
      for (const auto& e : walk.edges) used = used || e.id == edge->id;
      if (used) continue;
      walk.edges.push_back(*edge);
      walk.nodes.push_back(*node);
      KG_ASSIGN_OR_RETURN(bool go_on, visit());
      walk.edges.pop_back();
      walk.nodes.pop_back();
      if (!go_on) return false;
    }
    return true;
  };
  return visit();
}

}  // namespace kg::cypher
