// Query handler; see query_service.h.
#include "services/query/query_service.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "clients/client/grpc_status.h"
#include "absl/strings/str_cat.h"
#include "clients/client/proto_convert.h"
#include "services/common/store_streaming.h"
#include "services/common/unary_reactor.h"
#include "services/query/one_state.h"
#include "storage/ids.h"
#include "storage/status_macros.h"

namespace kg::query {
namespace {

using client::ToGrpcStatus;
using client::ToProto;

// Attributes a list shows beside a name; the rest are one `show` away.
constexpr const char* kRefAttrs[] = {"level", "ordinal", "kind", "part"};

void ToRef(const storage::Node& node, const ReportLabels& labels, kg::v1::EntityRef* out) {
  out->set_id(storage::IdToHex(node.id));
  out->set_type(node.type);
  out->set_name(node.name);
  for (const char* key : kRefAttrs) {
    auto it = node.attrs.find(key);
    if (it != node.attrs.end()) (*out->mutable_attrs())[key] = it->second;
  }
  if (node.report != 0) {
    out->set_report_id(storage::IdToHex(node.report));
    auto it = labels.find(node.report);
    if (it != labels.end()) out->set_report(it->second);
  }
}

void ToQuote(const Quote& quote, kg::v1::Quote* out) {
  ToProto(quote.span, out->mutable_span());
  out->set_text(quote.text);
}

absl::StatusOr<ReportFilter> FromProto(const kg::v1::ReportFilter& filter) {
  ReportFilter out;
  KG_ASSIGN_OR_RETURN(out.report, client::ParseId(filter.report_id(), "filter.report_id", true));
  out.region = filter.region();
  if (filter.year() < 0) {
    return absl::InvalidArgumentError("filter.year must be a year, or 0 for any");
  }
  out.year = filter.year();
  return out;
}

// The call's deadline and cancellation, for the engine's loops.
CallBudget BudgetOf(grpc::ServerContextBase* context) {
  if (context == nullptr) return {};
  std::optional<CallBudget::Clock::time_point> deadline;
  auto d = context->deadline();
  if (d < CallBudget::Clock::time_point::max()) deadline = d;
  return CallBudget(deadline, [context] { return context->IsCancelled(); });
}

void ToResolution(const Resolution& r, const ReportLabels& labels, kg::v1::Resolution* out) {
  out->set_query(r.query);
  for (const auto& n : r.entities) ToRef(n, labels, out->add_entities());
  out->set_match(r.match);
  out->set_ambiguous(r.ambiguous);
  for (const auto& c : r.candidates) {
    auto* candidate = out->add_candidates();
    ToRef(c.node, labels, candidate->mutable_entity());
    candidate->set_match(c.match);
    candidate->set_score(c.score);
  }
}

void ToMention(const Mention& m, const ReportLabels& labels, kg::v1::Mention* out) {
  ToRef(m.by, labels, out->mutable_by());
  if (m.area.id != 0) ToRef(m.area, labels, out->mutable_area());
  ToRef(m.mentioned, labels, out->mutable_mentioned());
  if (m.quote.span.report != 0) ToQuote(m.quote, out->mutable_quote());
}

void ToSnippet(const Snippet& s, const ReportLabels& labels, kg::v1::Snippet* out) {
  out->set_text(s.text);
  for (const auto& [begin, end] : s.highlights) {
    auto* h = out->add_highlights();
    h->set_begin(begin);
    h->set_end(end);
  }
  if (s.span.report != 0) {
    ToProto(s.span, out->mutable_span());
    auto it = labels.find(s.span.report);
    if (it != labels.end()) out->set_report(it->second);
  }
}

std::string AttrOf(const storage::Node& node, const char* key) {
  auto it = node.attrs.find(key);
  return it == node.attrs.end() ? "" : it->second;
}

// A $parameter's value: scalars and lists of them (nodes, edges and paths are answers,
// not inputs).
absl::StatusOr<cypher::Value> FromProto(const kg::v1::CypherValue& v, const std::string& name) {
  switch (v.value_case()) {
    case kg::v1::CypherValue::kNullValue:
    case kg::v1::CypherValue::VALUE_NOT_SET:
      return cypher::Value::Null();
    case kg::v1::CypherValue::kBoolValue: return cypher::Value::Bool(v.bool_value());
    case kg::v1::CypherValue::kIntValue: return cypher::Value::Int(v.int_value());
    case kg::v1::CypherValue::kFloatValue: return cypher::Value::Float(v.float_value());
    case kg::v1::CypherValue::kStringValue: return cypher::Value::String(v.string_value());
    case kg::v1::CypherValue::kList: {
      std::vector<cypher::Value> items;
      for (const auto& item : v.list().values()) {
        KG_ASSIGN_OR_RETURN(auto value, FromProto(item, name));
        items.push_back(std::move(value));
      }
      return cypher::Value::List(std::move(items));
    }
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          "parameter $", name, " must be null, a boolean, a number, a string or a list of them"));
  }
}

// A node of an answer: its reference with every attribute, not only those lists show.
void ToFullRef(const storage::Node& node, const ReportLabels& labels, kg::v1::EntityRef* out) {
  ToRef(node, labels, out);
  for (const auto& [key, value] : node.attrs) (*out->mutable_attrs())[key] = value;
}

void ToProto(const cypher::Value& v, const ReportLabels& labels, kg::v1::CypherValue* out) {
  using Type = cypher::Value::Type;
  switch (v.type) {
    case Type::kNull: out->set_null_value(true); break;
    case Type::kBool: out->set_bool_value(v.b); break;
    case Type::kInt: out->set_int_value(v.i); break;
    case Type::kFloat: out->set_float_value(v.f); break;
    case Type::kString: out->set_string_value(v.s); break;
    case Type::kNode: ToFullRef(*v.node, labels, out->mutable_node()); break;
    case Type::kEdge: ToProto(*v.edge, out->mutable_edge()); break;
    case Type::kPath: {
      auto* path = out->mutable_path();
      for (const auto& n : v.path->nodes) ToFullRef(n, labels, path->add_nodes());
      for (const auto& e : v.path->edges) ToProto(e, path->add_edges());
      break;
    }
    case Type::kList: {
      auto* list = out->mutable_list();
      for (const auto& item : v.list) ToProto(item, labels, list->add_values());
      break;
    }
  }
}

// Rows per streamed message: small enough to arrive early, large enough to be cheap.
constexpr size_t kCypherRowsPerMessage = 200;

}  // namespace

QueryServiceImpl::QueryServiceImpl(storage::GraphStore* store, const services::TokenAuth* auth)
    : store_(store), auth_(auth), engine_(store), cypher_(store) {
  SetMessageAllocatorFor_Serves(&serves_arena_);
  SetMessageAllocatorFor_Show(&show_arena_);
  SetMessageAllocatorFor_Neighbors(&neighbors_arena_);
  SetMessageAllocatorFor_Mentions(&mentions_arena_);
  SetMessageAllocatorFor_Term(&term_arena_);
  SetMessageAllocatorFor_Targets(&targets_arena_);
  SetMessageAllocatorFor_Path(&path_arena_);
  SetMessageAllocatorFor_Search(&search_arena_);
}

grpc::ServerUnaryReactor* QueryServiceImpl::Serves(grpc::CallbackServerContext* context,
                                                   const kg::v1::ServesRequest* request,
                                                   kg::v1::ServesResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    ServesOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.include_review = request->include_review();
    options.min_score = request->min_score();
    options.page = {request->page_size(), request->page_token()};
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Serves(request->phrase(), options, BudgetOf(context));
    }));
    for (const auto& g : answer.goals) ToRef(g, answer.labels, response->add_goals());
    for (const auto& r : answer.rows) {
      auto* row = response->add_rows();
      ToRef(r.task, answer.labels, row->mutable_task());
      if (r.area.id != 0) ToRef(r.area, answer.labels, row->mutable_area());
      for (const auto& s : r.served) {
        auto* served = row->add_served();
        ToRef(s.goal, answer.labels, served->mutable_goal());
        served->set_evidence(s.evidence);
        ToQuote(s.quote, served->mutable_quote());
        served->set_score(s.score);
      }
    }
    response->set_next_page_token(answer.page.next_token);
    response->set_total_size(answer.page.total);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Show(grpc::CallbackServerContext* context,
                                                 const kg::v1::ShowRequest* request,
                                                 kg::v1::ShowResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto filter, FromProto(request->filter()));
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Show(request->name(), filter, BudgetOf(context));
    }));
    ToProto(answer.node, response->mutable_node());
    for (const auto& q : answer.quotes) ToQuote(q, response->add_quotes());
    for (const auto& e : answer.edges) {
      auto* view = response->add_edges();
      ToProto(e.edge, view->mutable_edge());
      ToRef(e.other, answer.labels, view->mutable_other());
      view->set_direction(e.outgoing ? "out" : "in");
    }
    for (const auto& a : answer.alternatives) ToRef(a, answer.labels, response->add_alternatives());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Neighbors(grpc::CallbackServerContext* context,
                                                      const kg::v1::NeighborsRequest* request,
                                                      kg::v1::NeighborsResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    NeighborsOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.edge_type = request->edge_type();
    options.node_type = request->node_type();
    options.depth = request->depth();
    options.limit = request->limit();
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Neighbors(request->name(), options, BudgetOf(context));
    }));
    ToRef(answer.start, answer.labels, response->mutable_start());
    for (const auto& n : answer.neighbors) {
      auto* out = response->add_neighbors();
      ToRef(n.node, answer.labels, out->mutable_node());
      ToProto(n.via, out->mutable_via());
      out->set_direction(n.outgoing ? "out" : "in");
      out->set_depth(n.depth);
    }
    response->set_truncated(answer.truncated);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListReports(grpc::CallbackServerContext* context,
                                                        const kg::v1::ListReportsRequest*,
                                                        kg::v1::ListReportsResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    KG_ASSIGN_OR_RETURN(auto reports, store_->ListReports());
    for (const auto& r : reports) ToProto(r, response->add_reports());
    return absl::OkStatus();
  });
}

grpc::Status QueryServiceImpl::Export(grpc::ServerContext* context,
                                      const kg::v1::ExportRequest* request,
                                      grpc::ServerWriter<kg::v1::ExportChunk>* writer) {
  if (absl::Status s = services::Authorize(auth_, *context, services::Access::kRead); !s.ok()) {
    return client::ToGrpcStatus(s);
  }
  return client::ToGrpcStatus(services::StreamExport(store_, *request, context, writer));
}

grpc::ServerUnaryReactor* QueryServiceImpl::Stats(grpc::CallbackServerContext* context,
                                                  const kg::v1::StatsRequest*,
                                                  kg::v1::StatsResponse* response) {
  return services::FinishUnary(context, auth_, [&] { return services::FillStats(store_, response); });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Mentions(grpc::CallbackServerContext* context,
                                                     const kg::v1::MentionsRequest* request,
                                                     kg::v1::MentionsResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    MentionsOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.types.assign(request->types().begin(), request->types().end());
    options.page = {request->page_size(), request->page_token()};
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Mentions(request->name(), options, BudgetOf(context));
    }));
    ToResolution(answer.resolution, answer.labels, response->mutable_resolution());
    for (const auto& m : answer.mentions) ToMention(m, answer.labels, response->add_mentions());
    response->set_next_page_token(answer.page.next_token);
    response->set_total_size(answer.page.total);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Term(grpc::CallbackServerContext* context,
                                                 const kg::v1::TermRequest* request,
                                                 kg::v1::TermResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    TermOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.page = {request->page_size(), request->page_token()};
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Term(request->name(), options, BudgetOf(context));
    }));
    ToResolution(answer.resolution, answer.labels, response->mutable_resolution());
    for (const auto& d : answer.definitions) {
      auto* out = response->add_definitions();
      ToRef(d.term, answer.labels, out->mutable_term());
      out->set_definition(d.definition);
      for (const auto& a : d.aliases) out->add_aliases(a);
      for (const auto& n : d.includes) ToRef(n, answer.labels, out->add_includes());
      if (d.quote.span.report != 0) ToQuote(d.quote, out->mutable_quote());
    }
    for (const auto& m : answer.used_in) ToMention(m, answer.labels, response->add_used_in());
    response->set_next_page_token(answer.page.next_token);
    response->set_total_size(answer.page.total);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Targets(grpc::CallbackServerContext* context,
                                                    const kg::v1::TargetsRequest* request,
                                                    kg::v1::TargetsResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    TargetsOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.include_task_targets = request->include_task_targets();
    options.page = {request->page_size(), request->page_token()};
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Targets(options, BudgetOf(context));
    }));
    for (const auto& r : answer.reports) ToProto(r, response->add_reports());
    for (const auto& row : answer.rows) {
      auto* out = response->add_rows();
      ToRef(row.goal, answer.labels, out->mutable_goal());
      out->set_indicator(AttrOf(row.goal, "indicator"));
      out->set_value(AttrOf(row.goal, "value"));
      out->set_value_max(AttrOf(row.goal, "value_max"));
      out->set_unit(AttrOf(row.goal, "unit"));
      out->set_qualifier(AttrOf(row.goal, "qualifier"));
      out->set_parent(AttrOf(row.goal, "parent"));
      out->set_absent(AttrOf(row.goal, "absent") == "true");
      out->set_measure(AttrOf(row.goal, "measure"));
      out->set_direction(AttrOf(row.goal, "direction"));
      out->set_scope(AttrOf(row.goal, "scope"));
      if (row.quote.span.report != 0) ToQuote(row.quote, out->mutable_quote());
      if (row.result.achievement.id != 0) {
        auto* result = out->mutable_result();
        ToRef(row.result.achievement, answer.labels, result->mutable_achievement());
        result->set_value(row.result.value);
        result->set_unit(row.result.unit);
        result->set_direction(row.result.direction);
        result->set_met(row.result.met);
        if (row.result.quote.span.report != 0) ToQuote(row.result.quote, result->mutable_quote());
      }
    }
    response->set_next_page_token(answer.page.next_token);
    response->set_total_size(answer.page.total);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Path(grpc::CallbackServerContext* context,
                                                 const kg::v1::PathRequest* request,
                                                 kg::v1::PathResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    PathOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.max_depth = request->max_depth();
    options.max_paths = request->max_paths();
    options.edge_types.assign(request->edge_types().begin(), request->edge_types().end());
    options.through_structure = request->through_structure();
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Path(request->from(), request->to(), options, BudgetOf(context));
    }));
    ToResolution(answer.from, answer.labels, response->mutable_from());
    ToResolution(answer.to, answer.labels, response->mutable_to());
    for (const auto& p : answer.paths) {
      auto* path = response->add_paths();
      ToRef(p.start, answer.labels, path->mutable_start());
      for (const auto& s : p.steps) {
        auto* step = path->add_steps();
        ToProto(s.edge, step->mutable_edge());
        step->set_direction(s.outgoing ? "out" : "in");
        ToRef(s.node, answer.labels, step->mutable_node());
      }
    }
    response->set_truncated(answer.truncated);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::Search(grpc::CallbackServerContext* context,
                                                   const kg::v1::SearchRequest* request,
                                                   kg::v1::SearchResponse* response) {
  return services::FinishUnary(context, auth_, [&]() -> absl::Status {
    SearchOptions options;
    KG_ASSIGN_OR_RETURN(options.filter, FromProto(request->filter()));
    options.node_type = request->node_type();
    options.min_score = request->min_score();
    options.page = {request->page_size(), request->page_token()};
    KG_ASSIGN_OR_RETURN(auto answer, AnswerFromOneState([&] {
      return engine_.Search(request->text(), options, BudgetOf(context));
    }));
    for (const auto& r : answer.results) {
      auto* out = response->add_results();
      ToRef(r.node, answer.labels, out->mutable_entity());
      out->set_score(r.score);
      ToSnippet(r.name, answer.labels, out->mutable_name());
      if (!r.context.text.empty()) ToSnippet(r.context, answer.labels, out->mutable_context());
    }
    response->set_next_page_token(answer.page.next_token);
    response->set_total_size(answer.page.total);
    return absl::OkStatus();
  });
}

grpc::Status QueryServiceImpl::Cypher(grpc::ServerContext* context,
                                      const kg::v1::CypherRequest* request,
                                      grpc::ServerWriter<kg::v1::CypherResponse>* writer) {
  absl::Status status = [&]() -> absl::Status {
    KG_RETURN_IF_ERROR(services::Authorize(auth_, *context, services::Access::kRead));
    cypher::Params params;
    for (const auto& [name, value] : request->parameters()) {
      KG_ASSIGN_OR_RETURN(params[name], FromProto(value, name));
    }
    cypher::CypherLimits limits;
    limits.max_rows = request->max_rows();
    limits.max_expansions = request->max_expansions();
    // The answer and the labels of its reports, both from one state of the store.
    cypher::CypherAnswer answer;
    ReportLabels labels;
    KG_RETURN_IF_ERROR(AnswerFromOneState([&]() -> absl::Status {
      KG_ASSIGN_OR_RETURN(answer,
                          cypher_.Run(request->query(), params, limits, BudgetOf(context)));
      labels.clear();
      if (!answer.explain) {
        KG_ASSIGN_OR_RETURN(auto scope, ReportScope::Load(store_, {}, engine_.report_catalogs()));
        labels = scope.labels();
      }
      return absl::OkStatus();
    }));
    size_t next = 0;
    do {
      kg::v1::CypherResponse response;
      if (next == 0) {
        for (const auto& c : answer.columns) response.add_columns(c);
        response.set_explain(answer.explain);
      }
      size_t end = std::min(answer.rows.size(), next + kCypherRowsPerMessage);
      for (; next < end; ++next) {
        auto* row = response.add_rows();
        for (const auto& v : answer.rows[next]) ToProto(v, labels, row->add_values());
      }
      if (next == answer.rows.size()) response.set_expansions(answer.expansions);
      if (!writer->Write(response)) {
        return absl::CancelledError("the client went away while the answer was streamed");
      }
    } while (next < answer.rows.size());
    return absl::OkStatus();
  }();
  return ToGrpcStatus(status);
}

}  // namespace kg::query
