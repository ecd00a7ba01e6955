// Shared output of the question commands; see query_output.h.
#include "clients/kgctl/query_output.h"

#include <set>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/kgctl/graph_json.h"

namespace kg::cli {

void PageFlags::AddTo(CLI::App* sub) {
  sub->add_option("--page-size", page_size, "Items per page (default 50, at most 1000)")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--page-token", page_token,
                  "Continue a list from the token the previous page printed");
}

void PrintNextPage(const std::string& next_token, int shown, int total, CommandContext* ctx) {
  if (next_token.empty()) return;
  ctx->out() << "(" << shown << " of " << total << " shown; next page: --page-token " << next_token
             << ")\n";
}

void WritePageJson(const std::string& next_token, int total, JsonWriter* json) {
  json->Key("next_page_token").String(next_token);
  json->Key("total_size").Int(total);
}

std::string NameAndType(const kg::v1::EntityRef& ref) {
  return absl::StrCat(ref.name(), " (", ref.type(), ")");
}

void PrintResolution(const kg::v1::Resolution& resolution, CommandContext* ctx) {
  if (resolution.entities().empty()) return;
  const kg::v1::EntityRef& best = resolution.entities(0);
  if (resolution.match() != "name" && resolution.match() != "id") {
    ctx->out() << resolution.query() << " -> " << NameAndType(best) << " (by " << resolution.match()
               << ")\n";
  }
  if (resolution.ambiguous()) {
    std::vector<std::string> others;
    std::set<std::string> seen = {NameAndType(best)};
    for (const auto& c : resolution.candidates()) {
      std::string s = NameAndType(c.entity());
      if (seen.insert(s).second) others.push_back(s);
    }
    ctx->out() << resolution.query() << " is ambiguous; answering for " << NameAndType(best)
               << ". It may also mean: " << absl::StrJoin(others, ", ") << '\n';
  }
}

void WriteResolutionJson(const kg::v1::Resolution& resolution, JsonWriter* json) {
  json->BeginObject();
  json->Key("query").String(resolution.query());
  json->Key("match").String(resolution.match());
  json->Key("ambiguous").Bool(resolution.ambiguous());
  json->Key("entities").BeginArray();
  for (const auto& e : resolution.entities()) WriteEntityRefJson(e, json);
  json->EndArray();
  json->Key("candidates").BeginArray();
  for (const auto& c : resolution.candidates()) {
    json->BeginObject();
    json->Key("entity");
    WriteEntityRefJson(c.entity(), json);
    json->Key("match").String(c.match());
    json->Key("score").Double(c.score());
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
}

std::string MarkHighlights(const kg::v1::Snippet& snippet) {
  const std::string& text = snippet.text();
  // Code point index -> byte offset.
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  const size_t n = offsets.size() - 1;
  std::string out;
  size_t at = 0;  // code points copied
  for (const auto& h : snippet.highlights()) {
    size_t begin = std::min<size_t>(h.begin(), n), end = std::min<size_t>(h.end(), n);
    if (begin < at || end <= begin) continue;
    out.append(text, offsets[at], offsets[begin] - offsets[at]);
    absl::StrAppend(&out, "【", text.substr(offsets[begin], offsets[end] - offsets[begin]), "】");
    at = end;
  }
  out.append(text, offsets[at], std::string::npos);
  return out;
}

void WriteSnippetJson(const kg::v1::Snippet& snippet, JsonWriter* json) {
  json->BeginObject();
  json->Key("text").String(snippet.text());
  json->Key("highlights").BeginArray();
  for (const auto& h : snippet.highlights()) {
    json->BeginObject();
    json->Key("begin").Uint(h.begin());
    json->Key("end").Uint(h.end());
    json->EndObject();
  }
  json->EndArray();
  json->Key("span");
  if (snippet.has_span()) {
    WriteSpanJson(snippet.span(), json);
  } else {
    json->Null();
  }
  json->Key("report").String(snippet.report());
  json->EndObject();
}

std::string OneLineText(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

std::string ReportOf(const kg::v1::EntityRef& ref) {
  return ref.report().empty() ? ref.report_id() : ref.report();
}

absl::Status QueryRpcError(const grpc::Status& status, const char* action, CommandContext* ctx,
                           std::string_view asked) {
  // NOT_FOUND messages from the server already say what was missing and suggest names.
  const std::string not_found =
      asked.empty() ? std::string("nothing matched") : "nothing matched " + std::string(asked);
  return RpcError(status, {action, ctx->query_addr(), ctx->TimeoutSeconds(kDefaultTimeoutSeconds),
                           not_found});
}

}  // namespace kg::cli
