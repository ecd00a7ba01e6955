// What the question commands (serves, mentions, term, targets, path, search) share:
// the paging flags, how a resolved name is reported (and when it was ambiguous), the
// report column of answers that span reports, and highlighted snippets.
#ifndef KG_CLIENTS_KGCTL_QUERY_OUTPUT_H_
#define KG_CLIENTS_KGCTL_QUERY_OUTPUT_H_

#include <string>
#include <string_view>

#include "clients/kgctl/command.h"
#include "clients/kgctl/json_writer.h"
#include "grpcpp/client_context.h"
#include "kg/v1/query.grpc.pb.h"
#include "kg/v1/query.pb.h"

namespace CLI {
class App;
}  // namespace CLI

namespace kg::cli {

// --page-size and --page-token.
struct PageFlags {
  int page_size = 0;
  std::string page_token;

  void AddTo(CLI::App* sub);
};

// Table output: a line after a page that is not the last, saying how to get the next.
void PrintNextPage(const std::string& next_token, int shown, int total, CommandContext* ctx);
// JSON output: "next_page_token" and "total_size" keys.
void WritePageJson(const std::string& next_token, int total, JsonWriter* json);

// Table output: when the name resolved to something else than itself or ambiguously,
// one or two lines saying what the answer is about and what else it could mean.
void PrintResolution(const kg::v1::Resolution& resolution, CommandContext* ctx);
// {"query","match","ambiguous","entities":[…],"candidates":[{"entity","match","score"}]}
void WriteResolutionJson(const kg::v1::Resolution& resolution, JsonWriter* json);

// Text with its highlights wrapped in 【】.
std::string MarkHighlights(const kg::v1::Snippet& snippet);
// {"text","highlights":[{"begin","end"}],"span":{…}|null,"report"}: highlights are
// code point offsets into text.
void WriteSnippetJson(const kg::v1::Snippet& snippet, JsonWriter* json);

// Makes quoted text one line for tables.
std::string OneLineText(std::string text);

// The report's name ("上海市金山区 2020") of an entity, or its id.
std::string ReportOf(const kg::v1::EntityRef& ref);

// A failed call's status for the command (RpcError with the question's wording).
// NOT_FOUND reads "nothing matched" followed by `asked` when one is given (the name or
// phrase the question was about).
absl::Status QueryRpcError(const grpc::Status& status, const char* action, CommandContext* ctx,
                           std::string_view asked = {});

// Asks one unary QueryService question with the command's deadline: OK, or the
// command's error for `action` (QueryRpcError, naming `asked` if NOT_FOUND).
//   KG_RETURN_IF_ERROR(CallQuery(ctx, "term", &kg::v1::QueryService::Stub::Term, request,
//                                &response));
template <typename Request, typename Response>
absl::Status CallQuery(CommandContext* ctx, const char* action,
                       grpc::Status (kg::v1::QueryService::Stub::*method)(grpc::ClientContext*,
                                                                          const Request&,
                                                                          Response*),
                       const Request& request, Response* response,
                       std::string_view asked = {}) {
  auto stub = kg::v1::QueryService::NewStub(ctx->QueryChannel());
  grpc::ClientContext context;
  ctx->SetDeadline(&context, kDefaultTimeoutSeconds);
  const grpc::Status status = ((*stub).*method)(&context, request, response);
  return status.ok() ? absl::OkStatus() : QueryRpcError(status, action, ctx, asked);
}

// "name (type)".
std::string NameAndType(const kg::v1::EntityRef& ref);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_QUERY_OUTPUT_H_
