// Store reads that two handlers serve identically (GraphStoreService for kg-stored,
// QueryService for kgctl): the chunked export stream and the record counts.
#ifndef KG_SERVICES_COMMON_STORE_STREAMING_H_
#define KG_SERVICES_COMMON_STORE_STREAMING_H_

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"
#include "kg/v1/store.pb.h"
#include "storage/graph_store.h"

namespace kg::services {

// Streams the nodes, then the edges, of the whole store or of `request`'s report, in
// chunks of a few hundred records. CANCELLED when the client goes away mid-stream.
absl::Status StreamExport(storage::GraphStore* store, const kg::v1::ExportRequest& request,
                          grpc::ServerContext* context,
                          grpc::ServerWriter<kg::v1::ExportChunk>* writer);

// The store's record counts as a proto.
absl::Status FillStats(storage::GraphStore* store, kg::v1::StatsResponse* response);

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_STORE_STREAMING_H_
