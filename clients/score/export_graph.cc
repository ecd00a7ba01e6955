// The export contract read back; see export_graph.h.
#include "clients/score/export_graph.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/score/json_reader.h"

namespace kg::score {
namespace {

const std::string& AttrOf(const std::map<std::string, std::string>& attrs, const std::string& key) {
  static const std::string kEmpty;
  auto it = attrs.find(key);
  return it == attrs.end() ? kEmpty : it->second;
}

// Reads the string member `key` of `object` into *out; false if absent or not a string.
bool StringMember(const JsonValue& object, const char* key, std::string* out) {
  const JsonValue& v = object[key];
  if (!v.is_string()) return false;
  *out = v.string;
  return true;
}

absl::Status ReadAttrs(const JsonValue& object, std::map<std::string, std::string>* attrs) {
  const JsonValue& v = object["attrs"];
  if (v.is_null()) return absl::OkStatus();  // tolerated: no attributes
  if (!v.is_object()) return absl::InvalidArgumentError("attrs is not an object");
  for (const auto& [key, value] : v.object) {
    if (!value.is_string()) {
      return absl::InvalidArgumentError(absl::StrCat("attr ", key, " is not a string"));
    }
    (*attrs)[key] = value.string;
  }
  return absl::OkStatus();
}

absl::Status ReadSpans(const JsonValue& object, std::vector<ExportSpan>* spans) {
  const JsonValue& v = object["spans"];
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_array()) return absl::InvalidArgumentError("spans is not an array");
  for (const JsonValue& s : v.array) {
    ExportSpan span;
    if (!StringMember(s, "report", &span.report) || !s["begin"].is_number() ||
        !s["end"].is_number() || s["begin"].number < 0 || s["end"].number < 0) {
      return absl::InvalidArgumentError("a span lacks report, begin or end");
    }
    span.begin = static_cast<uint64_t>(s["begin"].number);
    span.end = static_cast<uint64_t>(s["end"].number);
    spans->push_back(std::move(span));
  }
  return absl::OkStatus();
}

absl::Status ReadLine(const JsonValue& v, ExportGraph* graph) {
  if (!v.is_object()) return absl::InvalidArgumentError("not a JSON object");
  std::string kind;
  if (!StringMember(v, "kind", &kind)) return absl::InvalidArgumentError("no kind");
  if (kind == "node") {
    ExportNode node;
    if (!StringMember(v, "id", &node.id) || !StringMember(v, "type", &node.type) ||
        !StringMember(v, "name", &node.name)) {
      return absl::InvalidArgumentError("a node needs id, type and name strings");
    }
    if (absl::Status s = ReadAttrs(v, &node.attrs); !s.ok()) return s;
    if (absl::Status s = ReadSpans(v, &node.spans); !s.ok()) return s;
    graph->nodes.push_back(std::move(node));
    return absl::OkStatus();
  }
  if (kind == "edge") {
    ExportEdge edge;
    if (!StringMember(v, "id", &edge.id) || !StringMember(v, "type", &edge.type) ||
        !StringMember(v, "src", &edge.src) || !StringMember(v, "dst", &edge.dst)) {
      return absl::InvalidArgumentError("an edge needs id, type, src and dst strings");
    }
    if (absl::Status s = ReadAttrs(v, &edge.attrs); !s.ok()) return s;
    if (absl::Status s = ReadSpans(v, &edge.spans); !s.ok()) return s;
    graph->edges.push_back(std::move(edge));
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown kind \"", kind, "\""));
}

bool HasSpanIn(const std::vector<ExportSpan>& spans, const std::string& report_id) {
  for (const ExportSpan& s : spans) {
    if (s.report == report_id) return true;
  }
  return false;
}

}  // namespace

const std::string& ExportNode::Attr(const std::string& key) const { return AttrOf(attrs, key); }
const std::string& ExportEdge::Attr(const std::string& key) const { return AttrOf(attrs, key); }

absl::StatusOr<ExportGraph> ParseExportJsonl(std::string_view jsonl) {
  ExportGraph graph;
  size_t line_number = 0;
  size_t start = 0;
  while (start < jsonl.size()) {
    size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    absl::StatusOr<JsonValue> value = ParseJson(line);
    absl::Status status = value.ok() ? ReadLine(*value, &graph) : value.status();
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", status.message()));
    }
  }
  return graph;
}

std::vector<ExportReport> ReportsIn(const ExportGraph& graph) {
  std::vector<ExportReport> reports;
  for (const ExportNode& n : graph.nodes) {
    if (n.type != "report") continue;
    reports.push_back({n.spans.empty() ? "" : n.spans.front().report, &n});
  }
  return reports;
}

ExportGraph RestrictToReport(const ExportGraph& graph, const std::string& report_id) {
  ExportGraph out;
  std::set<std::string> keep;
  for (const ExportNode& n : graph.nodes) {
    if (HasSpanIn(n.spans, report_id)) keep.insert(n.id);
  }
  for (const ExportEdge& e : graph.edges) {
    if (!HasSpanIn(e.spans, report_id)) continue;
    keep.insert(e.src);
    keep.insert(e.dst);
    out.edges.push_back(e);
  }
  for (const ExportNode& n : graph.nodes) {
    if (keep.count(n.id) > 0) out.nodes.push_back(n);
  }
  return out;
}

ExportIndex::ExportIndex(const ExportGraph& graph) : graph_(graph) {
  for (const ExportNode& n : graph.nodes) by_id_.emplace(n.id, &n);
  for (const ExportEdge& e : graph.edges) {
    in_edges_.emplace(e.dst, &e);
    if (e.type == "part_of" && parent_.count(e.src) == 0) {
      if (const ExportNode* dst = Node(e.dst)) parent_[e.src] = dst;
    }
  }
}

const ExportNode* ExportIndex::Node(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<const ExportNode*> ExportIndex::Nodes(std::string_view type, std::string_view key,
                                                  std::string_view value) const {
  std::vector<const ExportNode*> out;
  for (const ExportNode& n : graph_.nodes) {
    if (n.type != type) continue;
    if (!key.empty() && n.Attr(std::string(key)) != value) continue;
    out.push_back(&n);
  }
  return out;
}

const ExportNode* ExportIndex::Parent(const ExportNode& node) const {
  auto it = parent_.find(node.id);
  return it == parent_.end() ? nullptr : it->second;
}

std::vector<const ExportEdge*> ExportIndex::EdgesInto(const std::string& id,
                                                      std::string_view type) const {
  std::vector<const ExportEdge*> out;
  auto [begin, end] = in_edges_.equal_range(id);
  for (auto it = begin; it != end; ++it) {
    if (it->second->type == type) out.push_back(it->second);
  }
  return out;
}

}  // namespace kg::score
