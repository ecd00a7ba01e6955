// Tests of the GraphML and DOT writers (clients/kgctl/graph_formats.h): escaping, label
// wrapping, keys, edges to absent nodes; then the output read back by real tools:
// GraphML parsed by Python's XML parser (expat, as networkx uses), DOT rendered by
// Graphviz's `dot -Tsvg` (scripts/setup.sh installs graphviz).
#include "clients/kgctl/graph_formats.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kg::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

kg::v1::Node MakeNode(const std::string& id, const std::string& type, const std::string& name) {
  kg::v1::Node node;
  node.set_id(id);
  node.set_type(type);
  node.set_name(name);
  return node;
}

kg::v1::Edge MakeEdge(const std::string& id, const std::string& type, const std::string& src,
                      const std::string& dst) {
  kg::v1::Edge edge;
  edge.set_id(id);
  edge.set_type(type);
  edge.set_src(src);
  edge.set_dst(dst);
  return edge;
}

// A small graph whose text has everything that needs escaping.
struct Graph {
  std::vector<kg::v1::Node> nodes;
  std::vector<kg::v1::Edge> edges;
};

Graph HostileGraph() {
  Graph g;
  kg::v1::Node task = MakeNode("00000000000000a1", "task", "深化产业发展互融");
  (*task.mutable_attrs())["level"] = "task";
  (*task.mutable_attrs())["ordinal"] = "1";
  task.set_report_id("0123456789abcdef");
  kg::v1::Span* span = task.add_spans();
  span->set_report_id("0123456789abcdef");
  span->set_begin(10);
  span->set_end(18);
  g.nodes.push_back(task);
  kg::v1::Node goal =
      MakeNode("00000000000000a2", "goal", "长三角\"高质量\"<一体化> & 'A\\B'\n第二行\t\x01末");
  (*goal.mutable_attrs())["name"] = "collides with the fixed key";
  (*goal.mutable_attrs())["kind"] = "strategic";
  g.nodes.push_back(goal);
  g.nodes.push_back(MakeNode("00000000000000a3", "place", "枫泾镇\xff"));
  g.nodes.push_back(MakeNode("00000000000000a4", "unknowntype", "x"));
  kg::v1::Edge serves =
      MakeEdge("00000000000000e1", "serves", "00000000000000a1", "00000000000000a2");
  (*serves.mutable_attrs())["evidence"] = "area";
  g.edges.push_back(serves);
  g.edges.push_back(
      MakeEdge("00000000000000e2", "mentions", "00000000000000a1", "00000000000000a3"));
  // Its destination is not in the graph: left out.
  g.edges.push_back(
      MakeEdge("00000000000000e3", "part_of", "00000000000000a1", "00000000000000ff"));
  return g;
}

TEST(GraphFormatsTest, XmlEscapeEscapesMarkupAndReplacesForbiddenCharacters) {
  EXPECT_EQ(XmlEscape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(XmlEscape("一\n二\t三\r"), "一&#10;二&#9;三&#13;");
  EXPECT_EQ(XmlEscape(std::string("x\x01y\0z", 5)), "x\uFFFDy\uFFFDz");
  EXPECT_EQ(XmlEscape("\xff\xc3"), "\uFFFD\uFFFD");
  EXPECT_EQ(XmlEscape("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a UTF-16 surrogate
  EXPECT_EQ(XmlEscape("\xef\xbf\xbe"), "\uFFFD");              // U+FFFE
  EXPECT_EQ(XmlEscape("😀长三角"), "😀长三角");
}

TEST(GraphFormatsTest, DotQuoteEscapesQuotesAndBackslashes) {
  EXPECT_EQ(DotQuote("长三角一体化"), "\"长三角一体化\"");
  EXPECT_EQ(DotQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(DotQuote("一\n二"), "\"一\\n二\"");
  EXPECT_EQ(DotQuote("a\tb\rc\x01\xff"), "\"a b c\uFFFD\uFFFD\"");
  // A backslash before n stays a backslash and an n, not a line break.
  EXPECT_EQ(DotQuote("\\n"), "\"\\\\n\"");
}

TEST(GraphFormatsTest, WrapLabelWrapsByCodePointsAndCutsLongNames) {
  EXPECT_EQ(WrapLabel("深化产业发展互融", 4), "深化产业\n发展互融");
  EXPECT_EQ(WrapLabel("短", 4), "短");
  EXPECT_EQ(WrapLabel("一二三四五六七八九十", 3), "一二三\n四五六\n七八…");
  EXPECT_EQ(WrapLabel("", 12), "");
}

TEST(GraphFormatsTest, GraphmlDeclaresKeysAndEscapesData) {
  const Graph g = HostileGraph();
  std::ostringstream out;
  EXPECT_EQ(WriteGraphml(g.nodes, g.edges, out), 1u);
  const std::string xml = out.str();
  EXPECT_THAT(xml, HasSubstr("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  EXPECT_THAT(xml, HasSubstr("<graph id=\"kg\" edgedefault=\"directed\">"));
  for (const char* key : {"type", "name", "label", "report", "spans", "attrs"}) {
    EXPECT_THAT(xml, HasSubstr(absl::StrCat("<key id=\"n_", key, "\" for=\"node\" attr.name=\"",
                                            key, "\" attr.type=\"string\"/>")));
  }
  // Per-attribute keys, in name order; one named like a fixed key is prefixed.
  EXPECT_THAT(xml, HasSubstr("attr.name=\"kind\""));
  EXPECT_THAT(xml, HasSubstr("attr.name=\"attr.name\""));
  EXPECT_THAT(xml, HasSubstr("<key id=\"e_a0\" for=\"edge\" attr.name=\"evidence\""));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_name\">深化产业发展互融</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_name\">长三角&quot;高质量&quot;&lt;一体化&gt; &amp; "
                             "&apos;A\\B&apos;&#10;第二行&#9;\uFFFD末</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_name\">枫泾镇\uFFFD</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_report\">0123456789abcdef</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_spans\">[{&quot;report&quot;:&quot;0123456789abcdef"
                             "&quot;,&quot;begin&quot;:10,&quot;end&quot;:18}]</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"n_attrs\">{&quot;level&quot;:&quot;task&quot;,"
                             "&quot;ordinal&quot;:&quot;1&quot;}</data>"));
  EXPECT_THAT(xml, HasSubstr("<edge id=\"00000000000000e1\" source=\"00000000000000a1\" "
                             "target=\"00000000000000a2\">"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"e_a0\">area</data>"));
  EXPECT_THAT(xml, Not(HasSubstr("00000000000000e3")));
  EXPECT_THAT(xml, Not(HasSubstr("\x01")));
}

TEST(GraphFormatsTest, DotStylesByTypeAndEscapesLabels) {
  const Graph g = HostileGraph();
  std::ostringstream out;
  DotOptions options;
  options.label_line_chars = 40;
  EXPECT_EQ(WriteDot(g.nodes, g.edges, options, out), 1u);
  const std::string dot = out.str();
  EXPECT_THAT(dot, HasSubstr("digraph kg {"));
  EXPECT_THAT(dot, HasSubstr("fontname=\"Noto Sans CJK SC,Noto Sans CJK,sans-serif\""));
  EXPECT_THAT(dot, HasSubstr("charset=\"UTF-8\""));
  EXPECT_THAT(dot, HasSubstr("\"00000000000000a1\" [label=\"深化产业发展互融\", shape=box, "
                             "style=\"rounded,filled\", fillcolor=\"#cfe2f3\""));
  EXPECT_THAT(dot,
              HasSubstr("[label=\"长三角\\\"高质量\\\"<一体化> & 'A\\\\B'\\n第二行 \uFFFD末\", "
                        "shape=ellipse"));
  EXPECT_THAT(dot, HasSubstr("shape=house"));
  EXPECT_THAT(dot, HasSubstr("\"00000000000000a4\" [label=\"x\", shape=ellipse"));
  EXPECT_THAT(dot, HasSubstr("\"00000000000000a1\" -> \"00000000000000a2\" [label=\"serves\""));
  EXPECT_THAT(dot, Not(HasSubstr("00000000000000ff")));
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");

  std::ostringstream font_out;
  options.font = "WenQuanYi \"Zen\" Hei";
  WriteDot(g.nodes, g.edges, options, font_out);
  EXPECT_THAT(font_out.str(), HasSubstr("fontname=\"WenQuanYi \\\"Zen\\\" Hei\""));
}

TEST(GraphFormatsTest, EmptyGraphIsStillADocument) {
  std::ostringstream xml;
  std::ostringstream dot;
  EXPECT_EQ(WriteGraphml({}, {}, xml), 0u);
  EXPECT_EQ(WriteDot({}, {}, DotOptions(), dot), 0u);
  EXPECT_THAT(xml.str(), HasSubstr("</graphml>"));
  EXPECT_THAT(dot.str(), HasSubstr("digraph kg {"));
}

// --- Read back by real tools ---------------------------------------------------------

std::string TempFile(const std::string& name, const std::string& content) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/graph_formats_", getpid(), "_", name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// Runs a shell command; returns its exit code and stdout+stderr.
int Shell(const std::string& command, std::string* output) {
  FILE* pipe = popen(absl::StrCat(command, " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output->append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool HaveProgram(const std::string& name) {
  std::string ignored;
  return Shell(absl::StrCat("command -v ", name), &ignored) == 0;
}

TEST(GraphFormatsToolTest, GraphmlParsesWithAnXmlParserAndRoundTrips) {
  if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/python3";
  const Graph g = HostileGraph();
  std::ostringstream out;
  WriteGraphml(g.nodes, g.edges, out);
  const std::string xml_path = TempFile("g.graphml", out.str());
  // Parses the file (expat rejects anything not well-formed) and prints each node's
  // name and each edge's ends as JSON, one per line.
  const std::string script = TempFile("check.py", R"PY(
import json, sys
import xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
graph = root.find("g:graph", ns)
for node in graph.findall("g:node", ns):
    data = {keys[d.get("key")]: d.text or "" for d in node.findall("g:data", ns)}
    print(json.dumps({"id": node.get("id"), "name": data["name"], "type": data["type"],
                      "attrs": json.loads(data["attrs"])}, ensure_ascii=False, sort_keys=True))
for edge in graph.findall("g:edge", ns):
    print(edge.get("source"), edge.get("target"))
)PY");
  std::string output;
  ASSERT_EQ(Shell(absl::StrCat("/usr/bin/python3 ", script, " ", xml_path), &output), 0) << output;
  EXPECT_THAT(
      output,
      HasSubstr(R"({"attrs": {"level": "task", "ordinal": "1"}, )"
                R"("id": "00000000000000a1", "name": "深化产业发展互融", "type": "task"})"));
  // Newline and tab survive; the control character became U+FFFD.
  EXPECT_THAT(output, HasSubstr(R"("name": "长三角\"高质量\"<一体化> & 'A\\B'\n第二行\t)"
                                "\uFFFD"
                                R"(末")"));
  EXPECT_THAT(output, HasSubstr("00000000000000a1 00000000000000a2\n"));
  EXPECT_THAT(output, HasSubstr("00000000000000a1 00000000000000a3\n"));
}

TEST(GraphFormatsToolTest, DotRendersWithGraphviz) {
  if (!HaveProgram("dot")) {
    GTEST_SKIP() << "Graphviz's dot is not installed (scripts/setup.sh installs graphviz)";
  }
  const Graph g = HostileGraph();
  std::ostringstream out;
  WriteDot(g.nodes, g.edges, DotOptions(), out);
  const std::string dot_path = TempFile("g.dot", out.str());
  const std::string svg_path = absl::StrCat(dot_path, ".svg");
  std::string output;
  ASSERT_EQ(Shell(absl::StrCat("dot -Tsvg -o ", svg_path, " ", dot_path), &output), 0) << output;
  // dot warns on stderr about what it cannot parse or lay out; fonts it cannot find are
  // substituted silently.
  EXPECT_THAT(output, Not(HasSubstr("syntax error"))) << output;
  std::ifstream svg_in(svg_path);
  std::stringstream svg;
  svg << svg_in.rdbuf();
  EXPECT_THAT(svg.str(), HasSubstr("深化产业发展"));
  EXPECT_THAT(svg.str(), HasSubstr("枫泾镇"));
  EXPECT_THAT(svg.str(), HasSubstr(">serves</text>"));
}

}  // namespace
}  // namespace kg::cli
