// Conversions between the kg.v1 protos and the storage model (storage/graph_types.h).
// Used by the store's handler and by RemoteGraphStore, so both sides of the wire
// translate ids and spans identically. Ids travel as 16 hex digits.
#ifndef KG_CLIENTS_CLIENT_PROTO_CONVERT_H_
#define KG_CLIENTS_CLIENT_PROTO_CONVERT_H_

#include "absl/status/statusor.h"
#include "kg/v1/graph.pb.h"
#include "kg/v1/store.pb.h"
#include "storage/graph_types.h"

namespace kg::client {

void ToProto(const storage::Span& span, kg::v1::Span* out);
void ToProto(const storage::Node& node, kg::v1::Node* out);
void ToProto(const storage::Edge& edge, kg::v1::Edge* out);
// An edge proto holding only id, type, src and dst (GetEdgesRequest.links_only).
void ToProto(const storage::Link& link, kg::v1::Edge* out);
void ToProto(const storage::ReportInfo& info, kg::v1::ReportInfo* out);
void ToProto(const storage::ReportGraph& graph, kg::v1::PutReportRequest* out);

// Each returns INVALID_ARGUMENT naming the field when an id is not 16 hex digits.
absl::StatusOr<storage::Span> FromProto(const kg::v1::Span& span);
absl::StatusOr<storage::Node> FromProto(const kg::v1::Node& node);
absl::StatusOr<storage::Edge> FromProto(const kg::v1::Edge& edge);
// The link of an edge proto; INVALID_ARGUMENT also for a type not in kEdgeTypes.
absl::StatusOr<storage::Link> LinkFromProto(const kg::v1::Edge& edge);
absl::StatusOr<storage::ReportInfo> FromProto(const kg::v1::ReportInfo& info);
absl::StatusOr<storage::ReportGraph> FromProto(const kg::v1::PutReportRequest& request);

// Parses an id field; empty is allowed (0) only where `allow_empty`.
absl::StatusOr<uint64_t> ParseId(const std::string& hex, const char* field,
                                 bool allow_empty = false);

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_PROTO_CONVERT_H_
