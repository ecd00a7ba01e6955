// JSON forms of kg.v1 messages; see graph_json.h for the contract.
#include "clients/kgctl/graph_json.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "google/protobuf/map.h"

namespace kg::cli {
namespace {

// Protobuf maps iterate in no fixed order; output is sorted by key to stay stable.
void WriteAttrs(const google::protobuf::Map<std::string, std::string>& attrs, JsonWriter* json) {
  std::vector<std::pair<std::string_view, std::string_view>> sorted(attrs.begin(), attrs.end());
  std::sort(sorted.begin(), sorted.end());
  json->BeginObject();
  for (const auto& [key, value] : sorted) json->Key(key).String(value);
  json->EndObject();
}

void WriteSpans(const google::protobuf::RepeatedPtrField<kg::v1::Span>& spans, JsonWriter* json) {
  json->BeginArray();
  for (const auto& span : spans) WriteSpanJson(span, json);
  json->EndArray();
}

}  // namespace

void WriteNodeJson(const kg::v1::Node& node, JsonWriter* json) {
  json->BeginObject();
  json->Key("kind").String("node");
  json->Key("id").String(node.id());
  json->Key("type").String(node.type());
  json->Key("name").String(node.name());
  json->Key("attrs");
  WriteAttrs(node.attrs(), json);
  json->Key("spans");
  WriteSpans(node.spans(), json);
  json->EndObject();
}

void WriteEdgeJson(const kg::v1::Edge& edge, JsonWriter* json) {
  json->BeginObject();
  json->Key("kind").String("edge");
  json->Key("id").String(edge.id());
  json->Key("type").String(edge.type());
  json->Key("src").String(edge.src());
  json->Key("dst").String(edge.dst());
  json->Key("attrs");
  WriteAttrs(edge.attrs(), json);
  json->Key("spans");
  WriteSpans(edge.spans(), json);
  json->EndObject();
}

std::string NodeJsonLine(const kg::v1::Node& node) {
  JsonWriter json;
  WriteNodeJson(node, &json);
  std::string line = json.Release();
  line.push_back('\n');
  return line;
}

std::string EdgeJsonLine(const kg::v1::Edge& edge) {
  JsonWriter json;
  WriteEdgeJson(edge, &json);
  std::string line = json.Release();
  line.push_back('\n');
  return line;
}

void WriteSpanJson(const kg::v1::Span& span, JsonWriter* json) {
  json->BeginObject();
  json->Key("report").String(span.report_id());
  json->Key("begin").Uint(span.begin());
  json->Key("end").Uint(span.end());
  json->EndObject();
}

void WriteQuoteJson(const kg::v1::Quote& quote, JsonWriter* json) {
  json->BeginObject();
  json->Key("report").String(quote.span().report_id());
  json->Key("begin").Uint(quote.span().begin());
  json->Key("end").Uint(quote.span().end());
  json->Key("text").String(quote.text());
  json->EndObject();
}

void WriteEntityRefJson(const kg::v1::EntityRef& ref, JsonWriter* json) {
  if (ref.id().empty()) {
    json->Null();
    return;
  }
  json->BeginObject();
  json->Key("id").String(ref.id());
  json->Key("type").String(ref.type());
  json->Key("name").String(ref.name());
  json->Key("attrs");
  WriteAttrs(ref.attrs(), json);
  if (!ref.report_id().empty()) {
    json->Key("report_id").String(ref.report_id());
    json->Key("report").String(ref.report());
  }
  json->EndObject();
}

void WriteReportJson(const kg::v1::ReportInfo& report, JsonWriter* json) {
  json->BeginObject();
  json->Key("id").String(report.id());
  json->Key("type").String("report");
  json->Key("name").String(report.title());
  json->Key("region").String(report.region());
  json->Key("year").Int(report.year());
  json->Key("edition").String(report.edition());
  json->Key("level").String(report.level());
  json->Key("title").String(report.title());
  json->Key("node_id").String(report.node_id());
  json->Key("node_count").Uint(report.node_count());
  json->Key("edge_count").Uint(report.edge_count());
  json->Key("text_length").Uint(report.text_length());
  json->Key("source_sha256").String(report.source_sha256());
  json->EndObject();
}

}  // namespace kg::cli
