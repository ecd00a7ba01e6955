// Tests of the export contract's JSONL lines and the other JSON forms of kg.v1 messages.
#include "clients/kgctl/graph_json.h"

#include "gtest/gtest.h"

namespace kg::cli {
namespace {

kg::v1::Span MakeSpan(const std::string& report, uint32_t begin, uint32_t end) {
  kg::v1::Span span;
  span.set_report_id(report);
  span.set_begin(begin);
  span.set_end(end);
  return span;
}

TEST(GraphJsonTest, NodeLineHasTheContractShape) {
  kg::v1::Node node;
  node.set_id("00000000000000a1");
  node.set_type("term");
  node.set_name("田园五镇");
  // Inserted out of order: the output sorts attrs by key.
  (*node.mutable_attrs())["definition"] = "是指\"廊下、吕巷\"等五镇";
  (*node.mutable_attrs())["aliases"] = "五镇";
  *node.add_spans() = MakeSpan("0123456789abcdef", 10, 14);
  *node.add_spans() = MakeSpan("0123456789abcdef", 2000, 2004);
  node.set_report_id("0123456789abcdef");  // not part of the contract
  EXPECT_EQ(NodeJsonLine(node),
            R"({"kind":"node","id":"00000000000000a1","type":"term","name":"田园五镇",)"
            R"("attrs":{"aliases":"五镇","definition":"是指\"廊下、吕巷\"等五镇"},)"
            R"("spans":[{"report":"0123456789abcdef","begin":10,"end":14},)"
            R"({"report":"0123456789abcdef","begin":2000,"end":2004}]})"
            "\n");
}

TEST(GraphJsonTest, EdgeLineHasTheContractShape) {
  kg::v1::Edge edge;
  edge.set_id("00000000000000e1");
  edge.set_type("serves");
  edge.set_src("00000000000000a1");
  edge.set_dst("00000000000000b2");
  (*edge.mutable_attrs())["evidence"] = "area";
  *edge.add_spans() = MakeSpan("0123456789abcdef", 5, 40);
  EXPECT_EQ(EdgeJsonLine(edge),
            R"({"kind":"edge","id":"00000000000000e1","type":"serves",)"
            R"("src":"00000000000000a1","dst":"00000000000000b2","attrs":{"evidence":"area"},)"
            R"("spans":[{"report":"0123456789abcdef","begin":5,"end":40}]})"
            "\n");
}

TEST(GraphJsonTest, EmptyAttrsAndSpansAreStillWritten) {
  kg::v1::Node node;
  node.set_id("1");
  node.set_type("place");
  node.set_name("枫泾镇");
  EXPECT_EQ(NodeJsonLine(node),
            R"({"kind":"node","id":"1","type":"place","name":"枫泾镇","attrs":{},"spans":[]})"
            "\n");
  kg::v1::Edge edge;
  edge.set_id("2");
  edge.set_type("located_in");
  edge.set_src("1");
  edge.set_dst("3");
  EXPECT_EQ(EdgeJsonLine(edge),
            R"({"kind":"edge","id":"2","type":"located_in","src":"1","dst":"3","attrs":{},)"
            R"("spans":[]})"
            "\n");
}

TEST(GraphJsonTest, ManyAttrsAreSortedDeterministically) {
  kg::v1::Node a;
  kg::v1::Node b;
  for (int i = 0; i < 50; ++i) (*a.mutable_attrs())["k" + std::to_string(i)] = "v";
  for (int i = 49; i >= 0; --i) (*b.mutable_attrs())["k" + std::to_string(i)] = "v";
  EXPECT_EQ(NodeJsonLine(a), NodeJsonLine(b));
}

TEST(GraphJsonTest, EntityRefCarriesIdTypeNameAndEmptyRefIsNull) {
  kg::v1::EntityRef ref;
  JsonWriter empty;
  WriteEntityRefJson(ref, &empty);
  EXPECT_EQ(empty.str(), "null");

  ref.set_id("a");
  ref.set_type("task");
  ref.set_name("深化产业发展互融");
  (*ref.mutable_attrs())["level"] = "task";
  JsonWriter json;
  WriteEntityRefJson(ref, &json);
  EXPECT_EQ(json.str(),
            R"({"id":"a","type":"task","name":"深化产业发展互融","attrs":{"level":"task"}})");
}

TEST(GraphJsonTest, QuoteIsItsSpanWithText) {
  kg::v1::Quote quote;
  *quote.mutable_span() = MakeSpan("r", 1, 3);
  quote.set_text("桥头堡");
  JsonWriter json;
  WriteQuoteJson(quote, &json);
  EXPECT_EQ(json.str(), R"({"report":"r","begin":1,"end":3,"text":"桥头堡"})");
}

TEST(GraphJsonTest, ReportIsAnEntity) {
  kg::v1::ReportInfo report;
  report.set_id("r1");
  report.set_region("上海市金山区");
  report.set_year(2020);
  report.set_title("政府工作报告");
  report.set_node_count(3);
  JsonWriter json;
  WriteReportJson(report, &json);
  EXPECT_EQ(json.str(),
            R"({"id":"r1","type":"report","name":"政府工作报告","region":"上海市金山区",)"
            R"("year":2020,"edition":"","level":"","title":"政府工作报告","node_id":"",)"
            R"("node_count":3,"edge_count":0,"text_length":0,"source_sha256":""})");
}

}  // namespace
}  // namespace kg::cli
