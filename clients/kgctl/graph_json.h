// JSON forms of kg.v1 messages, shared by every kgctl command's -o json output, and
// the export contract (docs/product.md) used by `kgctl export` and
// `kgctl ingest --dry-run -o jsonl`:
//
//   {"kind":"node","id":"…","type":"…","name":"…","attrs":{…},"spans":[…]}
//   {"kind":"edge","id":"…","type":"…","src":"…","dst":"…","attrs":{…},"spans":[…]}
//
// with spans as {"report":"…","begin":n,"end":n}. Keys always appear in this order,
// attrs sorted by key, spans in the message's order, so output is byte-for-byte
// stable. This file is the one place that writes that contract.
#ifndef KG_CLIENTS_KGCTL_GRAPH_JSON_H_
#define KG_CLIENTS_KGCTL_GRAPH_JSON_H_

#include <string>

#include "clients/kgctl/json_writer.h"
#include "kg/v1/graph.pb.h"
#include "kg/v1/query.pb.h"
#include "kg/v1/store.pb.h"

namespace kg::cli {

// The export contract: one node or edge as a JSON object.
void WriteNodeJson(const kg::v1::Node& node, JsonWriter* json);
void WriteEdgeJson(const kg::v1::Edge& edge, JsonWriter* json);

// The export contract as one JSONL line, "\n" included.
std::string NodeJsonLine(const kg::v1::Node& node);
std::string EdgeJsonLine(const kg::v1::Edge& edge);

// {"report":"…","begin":n,"end":n}
void WriteSpanJson(const kg::v1::Span& span, JsonWriter* json);

// A quote is its span with the text: {"report":"…","begin":n,"end":n,"text":"…"}.
void WriteQuoteJson(const kg::v1::Quote& quote, JsonWriter* json);

// {"id":"…","type":"…","name":"…","attrs":{…}} plus "report_id" and "report" (its
// name, "上海市金山区 2020") for an entity that belongs to a report; an EntityRef with
// an empty id (such as the absent area of an area row) is written as null.
void WriteEntityRefJson(const kg::v1::EntityRef& ref, JsonWriter* json);

// A report as an entity: {"id","type":"report","name":title,"region","year","edition",
// "level","title","node_id","node_count","edge_count","text_length","source_sha256"}.
// `id` is the report id (what --report and delete take); node_id its node in the graph.
void WriteReportJson(const kg::v1::ReportInfo& report, JsonWriter* json);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_GRAPH_JSON_H_
