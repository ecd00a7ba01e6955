// IngestServiceImpl: the gRPC face of ingest. Runs the pipeline (decode, clean,
// extract; ingest_pipeline.h) and writes the result through a GraphStore.
#ifndef KG_SERVICES_INGEST_INGEST_SERVICE_H_
#define KG_SERVICES_INGEST_INGEST_SERVICE_H_

#include <memory>
#include <string>

#include "kg/v1/ingest.grpc.pb.h"
#include "services/common/token_auth.h"
#include "services/ingest/places/gazetteer.h"
#include "storage/graph_store.h"

namespace kg::ingest {

class IngestServiceImpl final : public kg::v1::IngestService::Service {
 public:
  // `store` must outlive the service: RocksGraphStore in kgd, RemoteGraphStore in
  // kg-ingestd. `gazetteer` (may be null: places are then not resolved to divisions)
  // must outlive the service too. `auth` (may be null: no authentication) decides who
  // may ingest and delete; a dry run counts as a read.
  explicit IngestServiceImpl(storage::GraphStore* store,
                             const places::Gazetteer* gazetteer = nullptr,
                             const services::TokenAuth* auth = nullptr)
      : store_(store), gazetteer_(gazetteer), auth_(auth) {}

  grpc::Status Ingest(grpc::ServerContext*, const kg::v1::IngestRequest*,
                      kg::v1::IngestResponse*) override;
  grpc::Status DeleteReport(grpc::ServerContext*, const kg::v1::DeleteReportRequest*,
                            kg::v1::DeleteReportResponse*) override;

 private:
  storage::GraphStore* store_;
  const places::Gazetteer* gazetteer_;
  const services::TokenAuth* auth_;
};

// Loads the gazetteer of `dir` for a daemon, logging how long it took; null (with a
// warning logged) when it cannot be loaded: the daemon then runs without it.
std::unique_ptr<const places::Gazetteer> LoadGazetteerForDaemon(const std::string& dir);

}  // namespace kg::ingest

#endif  // KG_SERVICES_INGEST_INGEST_SERVICE_H_
