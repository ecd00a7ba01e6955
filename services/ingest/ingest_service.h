// IngestServiceImpl: the gRPC face of ingest. Runs the pipeline (decode, clean,
// extract; ingest_pipeline.h) and writes the result through a GraphStore.
#ifndef KG_SERVICES_INGEST_INGEST_SERVICE_H_
#define KG_SERVICES_INGEST_INGEST_SERVICE_H_

#include "kg/v1/ingest.grpc.pb.h"
#include "storage/graph_store.h"

namespace kg::ingest {

class IngestServiceImpl final : public kg::v1::IngestService::Service {
 public:
  // `store` must outlive the service: RocksGraphStore in kgd, RemoteGraphStore in
  // kg-ingestd.
  explicit IngestServiceImpl(storage::GraphStore* store) : store_(store) {}

  grpc::Status Ingest(grpc::ServerContext*, const kg::v1::IngestRequest*,
                      kg::v1::IngestResponse*) override;
  grpc::Status DeleteReport(grpc::ServerContext*, const kg::v1::DeleteReportRequest*,
                            kg::v1::DeleteReportResponse*) override;

 private:
  storage::GraphStore* store_;
};

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_INGEST_SERVICE_H_
