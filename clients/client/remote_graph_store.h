// RemoteGraphStore: the GraphStore interface over gRPC, talking to kg-stored. Ingest
// and query services use it when they run as separate processes, so their domain code
// is the same as in kgd.
//
// Every call carries a deadline. Reads are idempotent and are retried on UNAVAILABLE
// with a short backoff (a store restarting); writes are not retried: a write that
// failed with UNAVAILABLE may be repeated by the caller, since PutReport replaces.
//
// Thread-safe: gRPC stubs may be shared across threads.
#ifndef KG_CLIENTS_CLIENT_REMOTE_GRAPH_STORE_H_
#define KG_CLIENTS_CLIENT_REMOTE_GRAPH_STORE_H_

#include <chrono>
#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "kg/v1/store.grpc.pb.h"
#include "storage/graph_store.h"

namespace kg::client {

struct RemoteStoreOptions {
  // Deadline of each read call.
  std::chrono::milliseconds read_timeout{10000};
  // Deadline of PutReport and DeleteReport.
  std::chrono::milliseconds write_timeout{60000};
  // Deadline of Check and Backup, which read or copy the whole store.
  std::chrono::milliseconds admin_timeout{600000};
  // Attempts for an idempotent read that fails with UNAVAILABLE (1 = no retry).
  int read_attempts = 3;
};

class RemoteGraphStore final : public storage::GraphStore {
 public:
  RemoteGraphStore(std::shared_ptr<grpc::Channel> channel, RemoteStoreOptions options = {});

  absl::StatusOr<storage::ReportInfo> PutReport(const storage::ReportGraph& graph,
                                                bool* replaced) override;
  absl::Status DeleteReport(storage::ReportId report) override;
  absl::StatusOr<std::vector<storage::ReportInfo>> ListReports() override;
  absl::StatusOr<storage::Node> GetNode(storage::NodeId id) override;
  absl::StatusOr<std::vector<storage::Node>> GetNodes(
      const std::vector<storage::NodeId>& ids) override;
  absl::StatusOr<std::vector<storage::Edge>> GetEdges(storage::NodeId node,
                                                      storage::Direction direction,
                                                      std::string_view edge_type,
                                                      size_t limit,
                                                      bool* truncated) override;
  // One GetEdges call with links_only: the server reads keys only.
  absl::StatusOr<std::vector<storage::Link>> GetLinks(storage::NodeId node,
                                                      storage::Direction direction,
                                                      std::string_view edge_type, size_t limit,
                                                      bool* truncated) override;
  absl::StatusOr<std::vector<storage::Node>> LookupName(
      std::string_view name, std::string_view node_type,
      const storage::ReportSet& reports) override;
  absl::StatusOr<std::vector<storage::SearchHit>> SearchText(
      std::string_view query, std::string_view node_type, double min_score, size_t limit,
      const storage::ReportSet& reports) override;
  // As GetNodes, at most 10000 ids per call. kg-stored gives at most 10000 spans of a
  // node whatever `limit_per_node` asks (store.proto GetSpansRequest).
  absl::StatusOr<std::vector<std::vector<storage::Span>>> GetSpans(
      const std::vector<storage::NodeId>& ids, const storage::ReportSet& reports,
      size_t limit_per_node) override;
  absl::StatusOr<std::vector<std::string>> GetText(
      const std::vector<storage::Span>& spans) override;
  absl::Status Export(storage::ReportId report,
                      const std::function<absl::Status(const storage::Node&)>& node_sink,
                      const std::function<absl::Status(const storage::Edge&)>& edge_sink)
      override;
  absl::StatusOr<storage::StoreStats> Stats() override;
  // Check and Backup use options.admin_timeout and are not retried (a backup is not
  // idempotent: a retry finds the directory written).
  absl::StatusOr<storage::ConsistencyReport> CheckConsistency(size_t max_problems) override;
  absl::Status Backup(const std::string& dir) override;

 private:
  // Runs `call(context)` with a fresh context and the read deadline, retrying
  // UNAVAILABLE up to options_.read_attempts times.
  absl::Status Read(const std::function<grpc::Status(grpc::ClientContext*)>& call);
  // One GetEdges call (whole edges, or links only), setting *truncated.
  absl::StatusOr<kg::v1::GetEdgesResponse> CallGetEdges(storage::NodeId node,
                                                        storage::Direction direction,
                                                        std::string_view edge_type, size_t limit,
                                                        bool links_only, bool* truncated);

  std::unique_ptr<kg::v1::GraphStoreService::Stub> stub_;
  RemoteStoreOptions options_;
};

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_REMOTE_GRAPH_STORE_H_
