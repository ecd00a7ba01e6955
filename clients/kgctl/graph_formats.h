// The graph as GraphML and as Graphviz DOT, for `kgctl export -o graphml|dot`.
//
// GraphML (http://graphml.graphdrawing.org/) is what yEd, Gephi, Cytoscape and
// networkx.read_graphml read. Every node carries the keys `type`, `name`, `label` (the
// name again: Gephi and yEd's property mapper label nodes by it), `report` (the report id,
// empty for shared nodes), `spans` (the spans as a JSON array, the export contract's
// form), `attrs` (all attributes as one JSON object, lossless) and one string key per
// attribute name found in the graph (`definition`, `ordinal`, …; `attr.<name>` when the
// name is one of the fixed keys). Edges carry `type`, `label` (the type), `report`,
// `spans`, `attrs` and their per-attribute keys. Every key is declared with
// attr.type="string"; all output is well-formed XML 1.0 in UTF-8.
//
// DOT is for Graphviz (`dot -Tpng`, `dot -Tsvg`): node labels are names (wrapped, long ones
// cut with "…", the full name in the tooltip), shape and fill colour follow the node
// type, edge labels are edge types. Text is UTF-8; the font is a family list beginning
// with a CJK-capable font ("Noto Sans CJK SC"), so Chinese renders when that font (Debian:
// fonts-noto-cjk) or another CJK font is installed and falls back to the system's sans
// otherwise.
//
// Edges whose ends are not among `nodes` (a subgraph cut out of a bigger graph) are left
// out of both formats, which reference only declared nodes; WriteGraphml and WriteDot
// return how many were left out.
#ifndef KG_CLIENTS_KGCTL_GRAPH_FORMATS_H_
#define KG_CLIENTS_KGCTL_GRAPH_FORMATS_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "kg/v1/graph.pb.h"

namespace kg::cli {

// The default DOT font list: CJK-capable fonts first, then generic sans.
inline constexpr char kDefaultDotFont[] = "Noto Sans CJK SC,Noto Sans CJK,sans-serif";

struct DotOptions {
  // fontname of the graph, its nodes and edges.
  std::string font = kDefaultDotFont;
  // Labels are wrapped after this many code points per line, and cut (with "…") after
  // three lines.
  size_t label_line_chars = 12;
  // Id of a node to draw with a double outline (export --around's entity); empty: none.
  std::string highlight_id;
};

// Writes the graph as a GraphML document. Returns the number of edges left out because an
// end is not among `nodes`.
size_t WriteGraphml(const std::vector<kg::v1::Node>& nodes, const std::vector<kg::v1::Edge>& edges,
                    std::ostream& out);

// Writes the graph as a DOT digraph. Returns the number of edges left out because an end is
// not among `nodes`.
size_t WriteDot(const std::vector<kg::v1::Node>& nodes, const std::vector<kg::v1::Edge>& edges,
                const DotOptions& options, std::ostream& out);

// `text` escaped for XML 1.0 character data and attribute values: &, <, >, " and '
// become entities; tab, newline and carriage return become character references (so
// attribute normalisation keeps them); characters XML 1.0 forbids (other C0 controls,
// U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD.
std::string XmlEscape(absl::string_view text);

// `text` as a DOT double-quoted string, quotes included: " and \ are escaped, a newline
// becomes the label line break \n, other control characters and invalid UTF-8 become
// U+FFFD.
std::string DotQuote(absl::string_view text);

// A label for a DOT node: `name` wrapped every `line_chars` code points with "\n" (a real
// newline; DotQuote escapes it) and cut after three lines with "…".
std::string WrapLabel(absl::string_view name, size_t line_chars);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_GRAPH_FORMATS_H_
