// GraphML and DOT writers; see graph_formats.h.
#include "clients/kgctl/graph_formats.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/kgctl/graph_json.h"
#include "clients/kgctl/json_writer.h"

namespace kg::cli {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[*pos] and advances *pos past it; invalid or truncated
// UTF-8 (overlong forms, surrogates, values past U+10FFFF) yields U+FFFD and advances one
// byte.
char32_t NextCodePoint(absl::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++*pos;
    return kReplacement;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return kReplacement;
  }
  for (size_t i = 1; i < length; ++i) {
    const unsigned char c = byte(*pos + i);
    if ((c & 0xC0) != 0x80) {
      ++*pos;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kReplacement;
  }
  *pos += length;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// XML 1.0's Char production.
bool IsXmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string AttrsJson(const google::protobuf::Map<std::string, std::string>& attrs) {
  const std::map<std::string, std::string> sorted(attrs.begin(), attrs.end());
  JsonWriter json;
  json.BeginObject();
  for (const auto& [key, value] : sorted) json.Key(key).String(value);
  json.EndObject();
  return json.Release();
}

std::string SpansJson(const google::protobuf::RepeatedPtrField<kg::v1::Span>& spans) {
  JsonWriter json;
  json.BeginArray();
  for (const auto& span : spans) WriteSpanJson(span, &json);
  json.EndArray();
  return json.Release();
}

// The GraphML keys of one element kind (node or edge): the fixed ones, then one per
// attribute name, in name order.
class GraphmlKeys {
 public:
  GraphmlKeys(const char* domain, const char* prefix, std::vector<std::string> fixed,
              const std::set<std::string>& attr_names)
      : domain_(domain), prefix_(prefix), fixed_(std::move(fixed)) {
    const std::set<std::string> fixed_set(fixed_.begin(), fixed_.end());
    int index = 0;
    for (const std::string& name : attr_names) {
      attr_ids_[name] = absl::StrCat(prefix_, "a", index++);
      attr_key_names_[name] = fixed_set.count(name) ? absl::StrCat("attr.", name) : name;
    }
  }

  void Declare(std::ostream& out) const {
    for (const std::string& name : fixed_) DeclareOne(FixedId(name), name, out);
    for (const auto& [name, id] : attr_ids_) DeclareOne(id, attr_key_names_.at(name), out);
  }

  std::string FixedId(const std::string& name) const { return absl::StrCat(prefix_, name); }
  const std::string& AttrId(const std::string& name) const { return attr_ids_.at(name); }

 private:
  void DeclareOne(const std::string& id, const std::string& name, std::ostream& out) const {
    out << "  <key id=\"" << XmlEscape(id) << "\" for=\"" << domain_ << "\" attr.name=\""
        << XmlEscape(name) << "\" attr.type=\"string\"/>\n";
  }

  const char* domain_;
  const char* prefix_;
  std::vector<std::string> fixed_;
  std::map<std::string, std::string> attr_ids_;
  std::map<std::string, std::string> attr_key_names_;
};

void WriteData(const std::string& key, absl::string_view value, std::ostream& out) {
  out << "      <data key=\"" << key << "\">" << XmlEscape(value) << "</data>\n";
}

void WriteAttrData(const google::protobuf::Map<std::string, std::string>& attrs,
                   const GraphmlKeys& keys, std::ostream& out) {
  const std::map<std::string, std::string> sorted(attrs.begin(), attrs.end());
  for (const auto& [name, value] : sorted) WriteData(keys.AttrId(name), value, out);
}

struct DotStyle {
  const char* shape;
  const char* style;
  const char* fill;
};

DotStyle StyleOf(const std::string& type) {
  static const std::map<std::string, DotStyle>* const kStyles = new std::map<std::string, DotStyle>{
      {"report", {"folder", "filled", "#d9d9d9"}},
      {"section", {"tab", "filled", "#eeeeee"}},
      {"task", {"box", "rounded,filled", "#cfe2f3"}},
      {"achievement", {"box", "rounded,filled", "#d9ead3"}},
      {"goal", {"ellipse", "filled", "#fce5cd"}},
      {"indicator", {"diamond", "filled", "#fff2cc"}},
      {"term", {"note", "filled", "#ead1dc"}},
      {"place", {"house", "filled", "#d0e0e3"}},
      {"organization", {"component", "filled", "#e6e6fa"}},
  };
  auto it = kStyles->find(type);
  return it == kStyles->end() ? DotStyle{"ellipse", "filled", "#ffffff"} : it->second;
}

const char* EdgeStyleOf(const std::string& type) {
  if (type == "part_of") return ", style=dashed, color=\"#999999\", fontcolor=\"#777777\"";
  if (type == "serves") return ", color=\"#cc4125\", fontcolor=\"#cc4125\", penwidth=1.5";
  if (type == "mentions") return ", color=\"#3d85c6\", fontcolor=\"#3d85c6\"";
  if (type == "located_in") return ", color=\"#45818e\", fontcolor=\"#45818e\"";
  return "";
}

std::unordered_set<std::string> NodeIds(const std::vector<kg::v1::Node>& nodes) {
  std::unordered_set<std::string> ids;
  for (const auto& node : nodes) ids.insert(node.id());
  return ids;
}

}  // namespace

std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = NextCodePoint(text, &pos);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        AppendUtf8(IsXmlChar(cp) ? cp : kReplacement, &out);
    }
  }
  return out;
}

std::string DotQuote(absl::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = NextCodePoint(text, &pos);
    if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t' || cp == '\r') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F) {
      AppendUtf8(kReplacement, &out);
    } else {
      AppendUtf8(cp, &out);
    }
  }
  out += '"';
  return out;
}

std::string WrapLabel(absl::string_view name, size_t line_chars) {
  constexpr size_t kMaxLines = 3;
  if (line_chars == 0) line_chars = 1;
  std::vector<char32_t> cps;
  size_t pos = 0;
  while (pos < name.size()) cps.push_back(NextCodePoint(name, &pos));
  std::string out;
  const size_t limit = line_chars * kMaxLines;
  const bool cut = cps.size() > limit;
  const size_t shown = cut ? limit - 1 : cps.size();
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0 && i % line_chars == 0) out += '\n';
    AppendUtf8(cps[i], &out);
  }
  if (cut) out += "…";
  return out;
}

size_t WriteGraphml(const std::vector<kg::v1::Node>& nodes, const std::vector<kg::v1::Edge>& edges,
                    std::ostream& out) {
  const std::unordered_set<std::string> ids = NodeIds(nodes);
  std::set<std::string> node_attr_names;
  for (const auto& node : nodes) {
    for (const auto& [name, value] : node.attrs()) node_attr_names.insert(name);
  }
  std::set<std::string> edge_attr_names;
  size_t dropped = 0;
  for (const auto& edge : edges) {
    if (!ids.count(edge.src()) || !ids.count(edge.dst())) continue;
    for (const auto& [name, value] : edge.attrs()) edge_attr_names.insert(name);
  }
  const GraphmlKeys node_keys("node", "n_", {"type", "name", "label", "report", "spans", "attrs"},
                              node_attr_names);
  const GraphmlKeys edge_keys("edge", "e_", {"type", "label", "report", "spans", "attrs"},
                              edge_attr_names);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  node_keys.Declare(out);
  edge_keys.Declare(out);
  out << "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  for (const auto& node : nodes) {
    out << "    <node id=\"" << XmlEscape(node.id()) << "\">\n";
    WriteData(node_keys.FixedId("type"), node.type(), out);
    WriteData(node_keys.FixedId("name"), node.name(), out);
    WriteData(node_keys.FixedId("label"), node.name(), out);
    WriteData(node_keys.FixedId("report"), node.report_id(), out);
    WriteData(node_keys.FixedId("spans"), SpansJson(node.spans()), out);
    WriteData(node_keys.FixedId("attrs"), AttrsJson(node.attrs()), out);
    WriteAttrData(node.attrs(), node_keys, out);
    out << "    </node>\n";
  }
  for (const auto& edge : edges) {
    if (!ids.count(edge.src()) || !ids.count(edge.dst())) {
      ++dropped;
      continue;
    }
    out << "    <edge id=\"" << XmlEscape(edge.id()) << "\" source=\"" << XmlEscape(edge.src())
        << "\" target=\"" << XmlEscape(edge.dst()) << "\">\n";
    WriteData(edge_keys.FixedId("type"), edge.type(), out);
    WriteData(edge_keys.FixedId("label"), edge.type(), out);
    WriteData(edge_keys.FixedId("report"), edge.report_id(), out);
    WriteData(edge_keys.FixedId("spans"), SpansJson(edge.spans()), out);
    WriteData(edge_keys.FixedId("attrs"), AttrsJson(edge.attrs()), out);
    WriteAttrData(edge.attrs(), edge_keys, out);
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return dropped;
}

size_t WriteDot(const std::vector<kg::v1::Node>& nodes, const std::vector<kg::v1::Edge>& edges,
                const DotOptions& options, std::ostream& out) {
  const std::unordered_set<std::string> ids = NodeIds(nodes);
  size_t dropped = 0;
  for (const auto& edge : edges) {
    if (!ids.count(edge.src()) || !ids.count(edge.dst())) ++dropped;
  }
  const std::string font = DotQuote(options.font);
  out << "// kg graph: " << nodes.size() << " nodes, " << edges.size() - dropped
      << " edges. Render: dot -Tsvg -o graph.svg (Chinese needs a CJK font, e.g. "
         "fonts-noto-cjk)\n"
      << "digraph kg {\n"
      << "  graph [charset=\"UTF-8\", fontname=" << font
      << ", rankdir=LR, overlap=false, nodesep=0.25, ranksep=0.6];\n"
      << "  node [fontname=" << font << ", fontsize=11, style=filled, fillcolor=\"#ffffff\"];\n"
      << "  edge [fontname=" << font << ", fontsize=9, arrowsize=0.7];\n";
  for (const auto& node : nodes) {
    const DotStyle style = StyleOf(node.type());
    const bool area =
        node.type() == "task" && node.attrs().count("level") && node.attrs().at("level") == "area";
    const bool highlighted = !options.highlight_id.empty() && node.id() == options.highlight_id;
    out << "  " << DotQuote(node.id())
        << " [label=" << DotQuote(WrapLabel(node.name(), options.label_line_chars))
        << ", shape=" << style.shape << ", style=" << DotQuote(style.style)
        << ", fillcolor=" << DotQuote(style.fill) << (area ? ", penwidth=2" : "")
        << (highlighted ? ", peripheries=2" : "")
        << ", tooltip=" << DotQuote(absl::StrCat(node.type(), ": ", node.name())) << "];\n";
  }
  for (const auto& edge : edges) {
    if (!ids.count(edge.src()) || !ids.count(edge.dst())) continue;
    out << "  " << DotQuote(edge.src()) << " -> " << DotQuote(edge.dst())
        << " [label=" << DotQuote(edge.type()) << EdgeStyleOf(edge.type()) << "];\n";
  }
  out << "}\n";
  return dropped;
}

}  // namespace kg::cli
