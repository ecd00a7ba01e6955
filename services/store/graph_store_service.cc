// Proto <-> GraphStore translation; see graph_store_service.h.
#include "services/store/graph_store_service.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/client/grpc_status.h"
#include "clients/client/proto_convert.h"
#include "services/common/store_streaming.h"
#include "services/common/unary_reactor.h"
#include "storage/read_generation.h"
#include "storage/status_macros.h"

namespace kg::store {
namespace {

using client::FromProto;
using client::ParseId;
using client::ToGrpcStatus;
using client::ToProto;

constexpr size_t kDefaultEdgeLimit = 10000;
constexpr int kMaxNodesPerGet = 10000;
constexpr double kDefaultMinScore = 0.5;
constexpr size_t kDefaultSearchLimit = 100;
constexpr size_t kMaxSearchLimit = 10000;
constexpr size_t kMaxProblems = 10000;
constexpr size_t kDefaultSpansPerNode = 1000;
constexpr size_t kMaxSpansPerNode = 10000;
// A year or level filter can select thousands of reports (every county of a year), so
// the cap is well above any real scope; it bounds the work one request can ask for.
constexpr int kMaxScopeReports = 100000;

// Runs `body` and converts its status at the boundary, so handlers read top to bottom.
template <typename F>
grpc::Status Handle(F&& body) {
  return ToGrpcStatus(body());
}

// Runs the store read `read` (on this thread: the unary handlers work inline) under a
// read observer and sends what it saw in the trailing metadata, so that a
// RemoteGraphStore caller can tell whether its several calls saw one state
// (storage/read_generation.h).
template <typename Read>
auto Observed(grpc::ServerContextBase* context, Read&& read) -> decltype(read()) {
  storage::ReadGenerations seen;
  auto result = [&] {
    storage::ScopedReadObserver observer(&seen);
    return read();
  }();
  if (seen.calls > 0) {
    context->AddTrailingMetadata(storage::kReadGenerationKey,
                                 storage::FormatReadGenerations(seen));
  }
  return result;
}

absl::Status CheckType(const std::string& type, const char* field) {
  if (type.size() > 64) return absl::InvalidArgumentError(absl::StrCat(field, " is too long"));
  return absl::OkStatus();
}

// The ids of a request's node id field, at most kMaxNodesPerGet of them.
template <typename Repeated>
absl::StatusOr<std::vector<storage::NodeId>> ParseNodeIds(const Repeated& hex_ids,
                                                          const char* field) {
  if (hex_ids.size() > kMaxNodesPerGet) {
    return absl::InvalidArgumentError(absl::StrCat("at most ", kMaxNodesPerGet, " ", field,
                                                   " per call, got ", hex_ids.size()));
  }
  std::vector<storage::NodeId> ids;
  ids.reserve(hex_ids.size());
  for (const auto& hex : hex_ids) {
    KG_ASSIGN_OR_RETURN(auto id, ParseId(hex, field));
    ids.push_back(id);
  }
  return ids;
}

// A request's `reports` scope as the store takes it (storage::ReportSet: ascending,
// distinct). Clients may send them in any order and repeat one: sorting here keeps
// that contract in one place instead of in every client.
template <typename Repeated>
absl::StatusOr<storage::ReportSet> ParseReportSet(const Repeated& hex_ids) {
  if (hex_ids.size() > kMaxScopeReports) {
    return absl::InvalidArgumentError(absl::StrCat("at most ", kMaxScopeReports,
                                                   " reports per call, got ", hex_ids.size()));
  }
  storage::ReportSet reports;
  reports.reserve(hex_ids.size());
  for (const auto& hex : hex_ids) {
    KG_ASSIGN_OR_RETURN(auto id, ParseId(hex, "reports"));
    reports.push_back(id);
  }
  std::sort(reports.begin(), reports.end());
  reports.erase(std::unique(reports.begin(), reports.end()), reports.end());
  return reports;
}

}  // namespace

GraphStoreServiceImpl::GraphStoreServiceImpl(storage::GraphStore* store,
                                             const services::TokenAuth* auth)
    : store_(store), auth_(auth) {
  SetMessageAllocatorFor_ListReports(&list_reports_arena_);
  SetMessageAllocatorFor_GetNodes(&get_nodes_arena_);
  SetMessageAllocatorFor_GetEdges(&get_edges_arena_);
  SetMessageAllocatorFor_LookupName(&lookup_name_arena_);
  SetMessageAllocatorFor_SearchText(&search_text_arena_);
  SetMessageAllocatorFor_GetSpans(&get_spans_arena_);
  SetMessageAllocatorFor_GetText(&get_text_arena_);
}

grpc::Status GraphStoreServiceImpl::PutReport(grpc::ServerContext* context,
                                              const kg::v1::PutReportRequest* request,
                                              kg::v1::PutReportResponse* response) {
  return Handle([&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kWrite));
    KG_ASSIGN_OR_RETURN(auto graph, FromProto(*request));
    bool replaced = false;
    KG_ASSIGN_OR_RETURN(auto info, store_->PutReport(graph, &replaced));
    ToProto(info, response->mutable_report());
    response->set_replaced(replaced);
    return absl::OkStatus();
  });
}

grpc::Status GraphStoreServiceImpl::DeleteReport(grpc::ServerContext* context,
                                                 const kg::v1::DeleteReportRequest* request,
                                                 kg::v1::DeleteReportResponse*) {
  return Handle([&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kWrite));
    KG_ASSIGN_OR_RETURN(auto id, ParseId(request->report_id(), "report_id"));
    return store_->DeleteReport(id);
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::ListReports(
    grpc::CallbackServerContext* context, const kg::v1::ListReportsRequest*,
    kg::v1::ListReportsResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto reports, Observed(context, [&] { return store_->ListReports(); }));
    for (const auto& r : reports) ToProto(r, response->add_reports());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::GetNodes(grpc::CallbackServerContext* context,
                                                          const kg::v1::GetNodesRequest* request,
                                                          kg::v1::GetNodesResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto ids, ParseNodeIds(request->ids(), "ids"));
    KG_ASSIGN_OR_RETURN(auto nodes, Observed(context, [&] { return store_->GetNodes(ids); }));
    for (const auto& n : nodes) ToProto(n, response->add_nodes());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::GetEdges(grpc::CallbackServerContext* context,
                                                          const kg::v1::GetEdgesRequest* request,
                                                          kg::v1::GetEdgesResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto id, ParseId(request->node_id(), "node_id"));
    KG_RETURN_IF_ERROR(CheckType(request->edge_type(), "edge_type"));
    // Proto3 enums are open: a client can send any number; only the named ones mean
    // something.
    if (!kg::v1::Direction_IsValid(request->direction())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "direction ", request->direction(),
          " is not a Direction (0: unspecified, 1: out, 2: in)"));
    }
    auto direction = request->direction() == kg::v1::DIRECTION_IN ? storage::Direction::kIn
                                                                  : storage::Direction::kOut;
    size_t limit = request->limit() == 0 ? kDefaultEdgeLimit
                                         : std::min<size_t>(request->limit(), kDefaultEdgeLimit);
    bool truncated = false;
    if (request->links_only()) {
      KG_ASSIGN_OR_RETURN(auto links, Observed(context, [&] {
                            return store_->GetLinks(id, direction, request->edge_type(), limit,
                                                    &truncated);
                          }));
      for (const auto& l : links) ToProto(l, response->add_edges());
    } else {
      KG_ASSIGN_OR_RETURN(auto edges, Observed(context, [&] {
                            return store_->GetEdges(id, direction, request->edge_type(), limit,
                                                    &truncated);
                          }));
      for (const auto& e : edges) ToProto(e, response->add_edges());
    }
    response->set_truncated(truncated);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::LookupName(
    grpc::CallbackServerContext* context, const kg::v1::LookupNameRequest* request,
    kg::v1::LookupNameResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_RETURN_IF_ERROR(CheckType(request->node_type(), "node_type"));
    KG_ASSIGN_OR_RETURN(auto reports, ParseReportSet(request->reports()));
    KG_ASSIGN_OR_RETURN(auto nodes, Observed(context, [&] {
                          return store_->LookupName(request->name(), request->node_type(),
                                                    reports);
                        }));
    for (const auto& n : nodes) ToProto(n, response->add_nodes());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::SearchText(
    grpc::CallbackServerContext* context, const kg::v1::SearchTextRequest* request,
    kg::v1::SearchTextResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_RETURN_IF_ERROR(CheckType(request->node_type(), "node_type"));
    if (request->min_score() < 0 || request->min_score() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("min_score must be within 0..1, got ", request->min_score()));
    }
    double min_score = request->min_score() == 0 ? kDefaultMinScore : request->min_score();
    size_t limit = request->limit() == 0 ? kDefaultSearchLimit
                                         : std::min<size_t>(request->limit(), kMaxSearchLimit);
    KG_ASSIGN_OR_RETURN(auto reports, ParseReportSet(request->reports()));
    KG_ASSIGN_OR_RETURN(auto hits, Observed(context, [&] {
                          return store_->SearchText(request->query(), request->node_type(),
                                                    min_score, limit, reports);
                        }));
    for (const auto& h : hits) {
      auto* hit = response->add_hits();
      ToProto(h.node, hit->mutable_node());
      hit->set_score(h.score);
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::GetSpans(grpc::CallbackServerContext* context,
                                                          const kg::v1::GetSpansRequest* request,
                                                          kg::v1::GetSpansResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto ids, ParseNodeIds(request->ids(), "ids"));
    KG_ASSIGN_OR_RETURN(auto reports, ParseReportSet(request->reports()));
    const size_t limit = request->limit_per_node() == 0
                             ? kDefaultSpansPerNode
                             : std::min<size_t>(request->limit_per_node(), kMaxSpansPerNode);
    KG_ASSIGN_OR_RETURN(auto lists, Observed(context, [&] {
                          return store_->GetSpans(ids, reports, limit);
                        }));
    // The answer is parallel to the ids asked; a store that broke that would shift
    // every list onto the wrong node, so refuse rather than answer.
    if (lists.size() != ids.size()) {
      return absl::InternalError(absl::StrCat("the store gave ", lists.size(),
                                              " span lists for ", ids.size(), " ids"));
    }
    for (const auto& list : lists) {
      kg::v1::SpanList* out = response->add_lists();
      for (const auto& span : list) ToProto(span, out->add_spans());
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::GetText(grpc::CallbackServerContext* context,
                                                         const kg::v1::GetTextRequest* request,
                                                         kg::v1::GetTextResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    std::vector<storage::Span> spans;
    for (const auto& s : request->spans()) {
      KG_ASSIGN_OR_RETURN(auto span, FromProto(s));
      spans.push_back(span);
    }
    KG_ASSIGN_OR_RETURN(auto texts, Observed(context, [&] { return store_->GetText(spans); }));
    for (auto& t : texts) response->add_texts(std::move(t));
    return absl::OkStatus();
  });
}

grpc::Status GraphStoreServiceImpl::Export(grpc::ServerContext* context,
                                           const kg::v1::ExportRequest* request,
                                           grpc::ServerWriter<kg::v1::ExportChunk>* writer) {
  if (absl::Status s = services::Authorize(auth_, *context, services::Access::kRead); !s.ok()) {
    return client::ToGrpcStatus(s);
  }
  return client::ToGrpcStatus(services::StreamExport(store_, *request, context, writer));
}

grpc::Status GraphStoreServiceImpl::Check(grpc::ServerContext* context,
                                          const kg::v1::CheckRequest* request,
                                          kg::v1::CheckResponse* response) {
  return Handle([&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kRead));
    const size_t max_problems = request->max_problems() == 0
                                    ? storage::kDefaultMaxProblems
                                    : std::min<size_t>(request->max_problems(), kMaxProblems);
    KG_ASSIGN_OR_RETURN(storage::ConsistencyReport report, store_->CheckConsistency(max_problems));
    response->set_consistent(report.ok);
    response->set_reports(report.reports);
    response->set_nodes(report.nodes);
    response->set_edges(report.edges);
    response->set_name_entries(report.name_entries);
    response->set_postings(report.postings);
    response->set_problem_count(report.problem_count);
    for (storage::ConsistencyProblem& problem : report.problems) {
      kg::v1::ConsistencyProblem* out = response->add_problems();
      out->set_kind(std::move(problem.kind));
      out->set_detail(std::move(problem.detail));
    }
    return absl::OkStatus();
  });
}

grpc::Status GraphStoreServiceImpl::Backup(grpc::ServerContext* context,
                                           const kg::v1::BackupRequest* request,
                                           kg::v1::BackupResponse* response) {
  return Handle([&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kWrite));
    KG_RETURN_IF_ERROR(store_->Backup(request->dir()));
    response->set_dir(std::filesystem::path(request->dir()).lexically_normal().string());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* GraphStoreServiceImpl::Stats(grpc::CallbackServerContext* context,
                                                       const kg::v1::StatsRequest*,
                                                       kg::v1::StatsResponse* response) {
  // Observed like the other reads: kg-queryd probes the store's state with Stats
  // (services/query/report_catalog.h).
  return services::FinishUnary(context, auth_, [&] {
    return Observed(context, [&] { return services::FillStats(store_, response); });
  });
}

}  // namespace kg::store
