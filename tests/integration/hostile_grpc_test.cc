// Hostile inputs over gRPC against the real daemons (kg-stored, kg-ingestd, kg-queryd as
// separate processes): a table of inputs a careless or malicious client can send, each
// with the status code and the words of the message it must get back; a thousand
// concurrent ingests of one report; and afterwards, every daemon still serving and a
// report stored before the table answering exactly as before.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/client/channel.h"
#include "clients/client/health_probe.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "grpcpp/impl/codegen/rpc_method.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "kg/v1/ingest.grpc.pb.h"
#include "kg/v1/query.grpc.pb.h"
#include "kg/v1/store.grpc.pb.h"
#include "tests/integration/process.h"

namespace kg::testing {
namespace {

using ::testing::HasSubstr;

const std::string kData = std::string(KG_SOURCE_DIR) + "/tests/data/";

// A deadline generous enough for a loaded 2-core machine: the table checks codes, not
// speed.
void Deadline(grpc::ClientContext* context, int seconds = 120) {
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(1000 * seconds * TimeScale())));
}

// One hostile input: the call that sends it, and what must come back.
struct HostileCase {
  std::string name;
  std::function<grpc::Status()> call;
  grpc::StatusCode code;
  std::string message_part;  // the message must contain it ("" with OK)
};

std::string CodeName(grpc::StatusCode code) {
  static const std::map<int, std::string> kNames = {
      {0, "OK"},         {1, "CANCELLED"},          {2, "UNKNOWN"},
      {3, "INVALID_ARGUMENT"}, {4, "DEADLINE_EXCEEDED"}, {5, "NOT_FOUND"},
      {6, "ALREADY_EXISTS"},   {7, "PERMISSION_DENIED"}, {8, "RESOURCE_EXHAUSTED"},
      {9, "FAILED_PRECONDITION"}, {10, "ABORTED"},       {11, "OUT_OF_RANGE"},
      {12, "UNIMPLEMENTED"},   {13, "INTERNAL"},         {14, "UNAVAILABLE"},
      {15, "DATA_LOSS"},       {16, "UNAUTHENTICATED"}};
  auto it = kNames.find(static_cast<int>(code));
  return it == kNames.end() ? absl::StrCat("code ", static_cast<int>(code)) : it->second;
}

// Codes a client may retry on: the request was refused, not misunderstood.
bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::ABORTED;
}

class HostileGrpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto daemons = StartSplitDaemons(dir_->path(), {"--data-dir=" + dir_->path() + "/data"});
    ASSERT_TRUE(daemons.ok()) << daemons.status();
    store_ = new Daemon(std::move(daemons->store));
    ingest_ = new Daemon(std::move(daemons->ingest));
    query_ = new Daemon(std::move(daemons->query));

    // The report stored before anything hostile arrives, and what it answers then.
    kg::v1::IngestRequest request;
    request.set_content(ReadFile(kData + "jinshan-2020.txt"));
    request.set_source_name("jinshan-2020.txt");
    kg::v1::IngestResponse response;
    grpc::ClientContext context;
    Deadline(&context);
    grpc::Status status = IngestStub()->Ingest(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    baseline_ = new Baseline;
    baseline_->report = response.report();
    ASSERT_TRUE(Snapshot(baseline_->report.id(), baseline_).ok());
    ASSERT_GT(baseline_->export_nodes, 0);
    ASSERT_GT(baseline_->serves.rows_size(), 0);
  }

  static void TearDownTestSuite() {
    delete query_;
    delete ingest_;
    delete store_;
    delete dir_;
    delete baseline_;
  }

  // What the stored report answers: a question, an entity, and every record of it.
  struct Baseline {
    kg::v1::ReportInfo report;
    kg::v1::ServesResponse serves;
    kg::v1::ShowResponse show;
    std::vector<kg::v1::ExportChunk> chunks;
    int export_nodes = 0;
  };

  static grpc::Status Snapshot(const std::string& report_id, Baseline* out) {
    auto query = QueryStub();
    kg::v1::ReportFilter filter;
    filter.set_report_id(report_id);
    {
      grpc::ClientContext context;
      Deadline(&context);
      kg::v1::ServesRequest request;
      request.set_phrase("长三角一体化");
      *request.mutable_filter() = filter;
      grpc::Status s = query->Serves(&context, request, &out->serves);
      if (!s.ok()) return s;
    }
    {
      grpc::ClientContext context;
      Deadline(&context);
      kg::v1::ShowRequest request;
      request.set_name(out->serves.rows(0).task().id());
      grpc::Status s = query->Show(&context, request, &out->show);
      if (!s.ok()) return s;
    }
    grpc::ClientContext context;
    Deadline(&context);
    kg::v1::ExportRequest request;
    request.set_report_id(report_id);
    auto reader = StoreStub()->Export(&context, request);
    kg::v1::ExportChunk chunk;
    while (reader->Read(&chunk)) {
      out->export_nodes += chunk.nodes_size();
      out->chunks.push_back(chunk);
    }
    return reader->Finish();
  }

  static std::unique_ptr<kg::v1::IngestService::Stub> IngestStub() {
    return kg::v1::IngestService::NewStub(client::MakeChannel(ingest_->address()));
  }
  static std::unique_ptr<kg::v1::QueryService::Stub> QueryStub() {
    return kg::v1::QueryService::NewStub(client::MakeChannel(query_->address()));
  }
  static std::unique_ptr<kg::v1::GraphStoreService::Stub> StoreStub() {
    return kg::v1::GraphStoreService::NewStub(client::MakeChannel(store_->address()));
  }

  static kg::v1::StatsResponse StoreStats() {
    grpc::ClientContext context;
    Deadline(&context);
    kg::v1::StatsResponse stats;
    grpc::Status status = StoreStub()->Stats(&context, kg::v1::StatsRequest(), &stats);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stats;
  }

  static std::vector<kg::v1::ReportInfo> StoredReports() {
    grpc::ClientContext context;
    Deadline(&context);
    kg::v1::ListReportsResponse list;
    grpc::Status status = StoreStub()->ListReports(&context, kg::v1::ListReportsRequest(), &list);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {list.reports().begin(), list.reports().end()};
  }

  static TempDir* dir_;
  static Daemon *store_, *ingest_, *query_;
  static Baseline* baseline_;
};

TempDir* HostileGrpcTest::dir_ = nullptr;
Daemon* HostileGrpcTest::store_ = nullptr;
Daemon* HostileGrpcTest::ingest_ = nullptr;
Daemon* HostileGrpcTest::query_ = nullptr;
HostileGrpcTest::Baseline* HostileGrpcTest::baseline_ = nullptr;

// --- the calls the table makes -------------------------------------------------------

grpc::Status Ingest(kg::v1::IngestService::Stub* stub, const kg::v1::IngestRequest& request) {
  grpc::ClientContext context;
  Deadline(&context, 300);
  kg::v1::IngestResponse response;
  return stub->Ingest(&context, request, &response);
}

grpc::Status IngestBytes(kg::v1::IngestService::Stub* stub, std::string bytes,
                         const std::string& encoding = "") {
  kg::v1::IngestRequest request;
  *request.mutable_content() = std::move(bytes);
  request.set_encoding(encoding);
  return Ingest(stub, request);
}

// Calls a unary QueryService method with `request`, checking an OK answer's page.
template <typename Request, typename Response>
grpc::Status Query(kg::v1::QueryService::Stub* stub,
                   grpc::Status (kg::v1::QueryService::Stub::*method)(grpc::ClientContext*,
                                                                       const Request&, Response*),
                   const Request& request, Response* response = nullptr) {
  grpc::ClientContext context;
  Deadline(&context);
  Response local;
  return (stub->*method)(&context, request, response != nullptr ? response : &local);
}

std::string Repeat(const std::string& piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_F(HostileGrpcTest, EveryHostileInputGetsTheRightCodeAndAClearMessage) {
  auto ingest = IngestStub();
  auto query = QueryStub();
  auto store = StoreStub();
  // A channel without kg's client-side size limit, so an oversized message reaches the
  // server and the server's limit is what refuses it.
  grpc::ChannelArguments unlimited_args;
  unlimited_args.SetMaxSendMessageSize(-1);
  auto unlimited = kg::v1::IngestService::NewStub(grpc::CreateCustomChannel(
      ingest_->address(), grpc::InsecureChannelCredentials(), unlimited_args));

  const std::string jinshan = ReadFile(kData + "jinshan-2020.txt");
  const std::string gbk = ReadFile(kData + "dev/2019-hailar-district.gbk.txt");
  ASSERT_GT(jinshan.size(), 10000u);
  ASSERT_GT(gbk.size(), 10000u);
  const std::string report_id = baseline_->report.id();

  // Bytes that are no text in any encoding, the same on every run.
  std::string binary(64 << 10, '\0');
  std::mt19937 random(20261128);
  for (char& c : binary) c = static_cast<char>(random() & 0xFF);
  // A real report with a byte that is never UTF-8 in its middle.
  std::string broken_utf8 = jinshan;
  broken_utf8.insert(broken_utf8.size() / 2, "\xFF\xFE\xC0");
  // A GBK report whose double-byte characters are cut: a lead byte followed by bytes
  // no GBK character has.
  std::string broken_gbk = gbk;
  broken_gbk.insert(broken_gbk.size() / 2, "\x81\x7F\xFF\x80\xFF");
  // The same report ending in the first byte of a two-byte character, as a file cut
  // short does.
  const std::string truncated_gbk = gbk + "\xB0";
  const std::string empty_html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title></head>"
      "<body><div><p></p><script>var a = 1;</script></div></body></html>";
  const std::string one_mb_phrase = Repeat("长三角", (1 << 20) / 9);
  const std::string long_name = Repeat("名", 10000);
  // Nested as deep as the 1024-byte limit on query text allows.
  const std::string nested = Repeat("(（[【", 50) + "长三角" + Repeat("】]）)", 50);
  // NUL, a lone surrogate written as UTF-8 bytes (not valid UTF-8), right-to-left marks.
  const std::string with_nul = std::string("长三角\0一体化", 16);
  const std::string lone_surrogate = "长三角\xED\xA0\x80一体化";
  const std::string rtl = "\u202E\u200F长三角一体化\u202C\u200E";
  const std::string only_marks = "\u202E\u200F\u200B\u2066\u2069";

  std::vector<HostileCase> table = {
      // --- ingest: the bytes of a report ---
      {"empty report", [&] { return IngestBytes(ingest.get(), ""); },
       grpc::StatusCode::INVALID_ARGUMENT, "empty input"},
      {"100 MB report",
       [&] {
         kg::v1::IngestRequest request;
         // One copy of the body in this process: the string is filled in place.
         request.mutable_content()->assign(100u << 20, 'a');
         return Ingest(unlimited.get(), request);
       },
       grpc::StatusCode::RESOURCE_EXHAUSTED, "larger than max"},
      {"random binary", [&] { return IngestBytes(ingest.get(), binary); },
       grpc::StatusCode::INVALID_ARGUMENT, "undecodable input"},
      {"invalid UTF-8 in a UTF-8 report", [&] { return IngestBytes(ingest.get(), broken_utf8); },
       grpc::StatusCode::INVALID_ARGUMENT, "is UTF-8 up to byte offset"},
      {"GBK with broken bytes", [&] { return IngestBytes(ingest.get(), broken_gbk); },
       grpc::StatusCode::INVALID_ARGUMENT, "not GB18030/GBK"},
      {"GBK cut inside a character", [&] { return IngestBytes(ingest.get(), truncated_gbk); },
       grpc::StatusCode::INVALID_ARGUMENT, "truncated"},
      {"GBK forced to UTF-8", [&] { return IngestBytes(ingest.get(), gbk, "UTF-8"); },
       grpc::StatusCode::INVALID_ARGUMENT, "not valid UTF-8"},
      {"unknown forced encoding", [&] { return IngestBytes(ingest.get(), jinshan, "KLINGON-8"); },
       grpc::StatusCode::INVALID_ARGUMENT, "unknown encoding"},
      {"HTML with nothing in it", [&] { return IngestBytes(ingest.get(), empty_html); },
       grpc::StatusCode::INVALID_ARGUMENT, "not a work report"},
      {"text that is no report", [&] { return IngestBytes(ingest.get(), Repeat("你好。", 2000)); },
       grpc::StatusCode::INVALID_ARGUMENT, "not a work report"},
      {"delete an unknown report",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::DeleteReportRequest request;
         request.set_report_id("00000000deadbeef");
         kg::v1::DeleteReportResponse response;
         return ingest->DeleteReport(&context, request, &response);
       },
       grpc::StatusCode::NOT_FOUND, "00000000deadbeef"},
      {"delete a malformed report id",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::DeleteReportRequest request;
         request.set_report_id("../../etc/passwd");
         kg::v1::DeleteReportResponse response;
         return ingest->DeleteReport(&context, request, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "report_id"},

      // --- queries: huge and odd parameters ---
      {"1 MB serves phrase",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase(one_mb_phrase);
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "phrase"},
      {"1 MB search text",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text(one_mb_phrase);
         return Query(query.get(), &kg::v1::QueryService::Stub::Search, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "text"},
      {"10k-character show name",
       [&] {
         kg::v1::ShowRequest r;
         r.set_name(long_name);
         return Query(query.get(), &kg::v1::QueryService::Stub::Show, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "at most 1024"},
      {"10k-character mentions name",
       [&] {
         kg::v1::MentionsRequest r;
         r.set_name(long_name);
         return Query(query.get(), &kg::v1::QueryService::Stub::Mentions, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "at most 1024"},
      {"10k-character neighbors name",
       [&] {
         kg::v1::NeighborsRequest r;
         r.set_name(long_name);
         return Query(query.get(), &kg::v1::QueryService::Stub::Neighbors, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "at most 1024"},
      {"10k-character term name",
       [&] {
         kg::v1::TermRequest r;
         r.set_name(long_name);
         return Query(query.get(), &kg::v1::QueryService::Stub::Term, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "at most 1024"},
      {"10k-character path ends",
       [&] {
         kg::v1::PathRequest r;
         r.set_from(long_name);
         r.set_to(long_name);
         return Query(query.get(), &kg::v1::QueryService::Stub::Path, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "at most 1024"},
      {"deeply nested brackets",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text(nested);
         return Query(query.get(), &kg::v1::QueryService::Stub::Search, r);
       },
       grpc::StatusCode::OK, ""},
      // A NUL is a valid (if odd) character: the phrase around it is still matched.
      {"NUL inside a phrase",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase(with_nul);
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::OK, ""},
      {"lone surrogate in a name",
       [&] {
         kg::v1::MentionsRequest r;
         r.set_name(lone_surrogate);
         return Query(query.get(), &kg::v1::QueryService::Stub::Mentions, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "UTF-8"},
      {"lone surrogate in an ingest's source name",
       [&] {
         kg::v1::IngestRequest r;
         r.set_content(jinshan);
         r.set_source_name(lone_surrogate);
         return Ingest(ingest.get(), r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "UTF-8"},
      {"lone surrogate in a store look-up",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::LookupNameRequest r;
         r.set_name(lone_surrogate);
         kg::v1::LookupNameResponse response;
         return store->LookupName(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "UTF-8"},
      {"right-to-left marks around a phrase",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase(rtl);
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::OK, ""},
      {"only invisible marks as search text",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text(only_marks);
         return Query(query.get(), &kg::v1::QueryService::Stub::Search, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "letters"},
      {"empty serves phrase",
       [&] { return Query(query.get(), &kg::v1::QueryService::Stub::Serves,
                          kg::v1::ServesRequest()); },
       grpc::StatusCode::INVALID_ARGUMENT, "phrase"},

      // --- paging ---
      {"negative serves page size",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase("长三角一体化");
         r.set_page_size(-1);
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"most negative mentions page size",
       [&] {
         kg::v1::MentionsRequest r;
         r.set_name("枫泾");
         r.set_page_size(INT32_MIN);
         return Query(query.get(), &kg::v1::QueryService::Stub::Mentions, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"negative targets page size",
       [&] {
         kg::v1::TargetsRequest r;
         r.set_page_size(-7);
         return Query(query.get(), &kg::v1::QueryService::Stub::Targets, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"huge search page size is clamped",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text("长三角");
         r.set_page_size(INT32_MAX);
         kg::v1::SearchResponse response;
         grpc::Status s = Query(query.get(), &kg::v1::QueryService::Stub::Search, r, &response);
         if (s.ok() && (response.results_size() == 0 || response.results_size() > 1000)) {
           return grpc::Status(grpc::StatusCode::DATA_LOSS,
                               absl::StrCat(response.results_size(), " results"));
         }
         return s;
       },
       grpc::StatusCode::OK, ""},
      {"huge term page size is clamped",
       [&] {
         kg::v1::TermRequest r;
         r.set_name("田园五镇");
         r.set_page_size(INT32_MAX);
         return Query(query.get(), &kg::v1::QueryService::Stub::Term, r);
       },
       grpc::StatusCode::OK, ""},
      {"garbage page token",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text("长三角");
         r.set_page_token("\x01garbage");
         return Query(query.get(), &kg::v1::QueryService::Stub::Search, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"negative page token",
       [&] {
         kg::v1::MentionsRequest r;
         r.set_name("枫泾");
         r.set_page_token("p-5");
         return Query(query.get(), &kg::v1::QueryService::Stub::Mentions, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"overflowing page token",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase("长三角一体化");
         r.set_page_token("p99999999999999999999999999");
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"1 MB page token",
       [&] {
         kg::v1::TargetsRequest r;
         r.set_page_token("p" + std::string(1 << 20, '9'));
         return Query(query.get(), &kg::v1::QueryService::Stub::Targets, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token"},
      {"1 MB report id in a filter",
       [&] {
         kg::v1::MentionsRequest r;
         r.set_name("枫泾");
         r.mutable_filter()->set_report_id(std::string(1 << 20, 'a'));
         return Query(query.get(), &kg::v1::QueryService::Stub::Mentions, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "report_id"},
      {"1 MB region in a filter",
       [&] {
         kg::v1::TargetsRequest r;
         r.mutable_filter()->set_region(Repeat("区", 1 << 18));
         return Query(query.get(), &kg::v1::QueryService::Stub::Targets, r);
       },
       grpc::StatusCode::NOT_FOUND, "区区区"},
      {"1 MB node id in a store read",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetEdgesRequest r;
         r.set_node_id(std::string(1 << 20, 'f'));
         kg::v1::GetEdgesResponse response;
         return store->GetEdges(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "node_id"},
      {"page token past the end gives an empty page",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text("长三角");
         r.set_page_token("p1000000");
         kg::v1::SearchResponse response;
         grpc::Status s = Query(query.get(), &kg::v1::QueryService::Stub::Search, r, &response);
         if (s.ok() && response.results_size() != 0) {
           return grpc::Status(grpc::StatusCode::DATA_LOSS, "results past the end");
         }
         return s;
       },
       grpc::StatusCode::OK, ""},

      // --- numbers out of range ---
      {"path depth far above the limit",
       [&] {
         kg::v1::PathRequest r;
         r.set_from("乐高乐园");
         r.set_to("长三角一体化");
         r.set_max_depth(UINT32_MAX);
         return Query(query.get(), &kg::v1::QueryService::Stub::Path, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "depth"},
      {"path count far above the limit",
       [&] {
         kg::v1::PathRequest r;
         r.set_from("乐高乐园");
         r.set_to("长三角一体化");
         r.set_max_paths(UINT32_MAX);
         return Query(query.get(), &kg::v1::QueryService::Stub::Path, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "20"},
      {"neighbors depth far above any graph",
       [&] {
         kg::v1::NeighborsRequest r;
         r.set_name("长三角一体化");
         r.set_depth(UINT32_MAX);
         r.set_limit(UINT32_MAX);
         return Query(query.get(), &kg::v1::QueryService::Stub::Neighbors, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "depth"},
      {"negative and huge report year filter",
       [&] {
         kg::v1::TargetsRequest r;
         r.mutable_filter()->set_year(INT32_MIN);
         return Query(query.get(), &kg::v1::QueryService::Stub::Targets, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "filter.year"},
      {"min_score NaN and infinite",
       [&] {
         kg::v1::SearchRequest r;
         r.set_text("长三角");
         r.set_min_score(std::numeric_limits<double>::quiet_NaN());
         return Query(query.get(), &kg::v1::QueryService::Stub::Search, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "min_score"},
      {"infinite serves min_score",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase("长三角一体化");
         r.set_min_score(std::numeric_limits<double>::infinity());
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "min_score"},

      // --- enums and ids the server never issued ---
      {"unknown edge direction (raw enum 77)",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetEdgesRequest r;
         r.set_node_id(baseline_->serves.rows(0).task().id());
         r.set_direction(static_cast<kg::v1::Direction>(77));
         kg::v1::GetEdgesResponse response;
         return store->GetEdges(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "is not a Direction"},
      {"negative edge direction (raw enum -1)",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetEdgesRequest r;
         r.set_node_id(baseline_->serves.rows(0).task().id());
         r.set_direction(static_cast<kg::v1::Direction>(-1));
         kg::v1::GetEdgesResponse response;
         return store->GetEdges(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "is not a Direction"},
      {"unknown report id in a filter",
       [&] {
         kg::v1::ServesRequest r;
         r.set_phrase("长三角一体化");
         r.mutable_filter()->set_report_id("00000000deadbeef");
         return Query(query.get(), &kg::v1::QueryService::Stub::Serves, r);
       },
       grpc::StatusCode::NOT_FOUND, "00000000deadbeef"},
      {"malformed report id in a filter",
       [&] {
         kg::v1::TargetsRequest r;
         r.mutable_filter()->set_report_id(std::string("\0\x01\x02", 3));
         return Query(query.get(), &kg::v1::QueryService::Stub::Targets, r);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "report_id"},
      {"text of an unknown report",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetTextRequest r;
         kg::v1::Span* span = r.add_spans();
         span->set_report_id("00000000deadbeef");
         span->set_end(10);
         kg::v1::GetTextResponse response;
         return store->GetText(&context, r, &response);
       },
       grpc::StatusCode::NOT_FOUND, "00000000deadbeef"},
      {"text past the end of a report",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetTextRequest r;
         kg::v1::Span* span = r.add_spans();
         span->set_report_id(report_id);
         span->set_begin(UINT32_MAX - 1);
         span->set_end(UINT32_MAX);
         kg::v1::GetTextResponse response;
         return store->GetText(&context, r, &response);
       },
       grpc::StatusCode::OUT_OF_RANGE, "past"},
      {"more node ids than a call may ask for",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetNodesRequest r;
         for (int i = 0; i < 10001; ++i) r.add_ids(absl::StrCat("n", i));
         kg::v1::GetNodesResponse response;
         return store->GetNodes(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "10000"},
      {"more node ids than a span read may ask for",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::GetSpansRequest r;
         for (int i = 0; i < 10001; ++i) r.add_ids(absl::StrCat("n", i));
         kg::v1::GetSpansResponse response;
         return store->GetSpans(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "10000"},
      {"a report scope that is not a report id",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::SearchTextRequest r;
         r.set_query("长三角一体化");
         r.add_reports("not-hex");
         kg::v1::SearchTextResponse response;
         return store->SearchText(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "reports"},
      // An RPC this server does not have keeps gRPC's own answer, which has no message
      // (the parse check must not turn it into INVALID_ARGUMENT).
      {"a method the server does not have",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         auto channel = client::MakeChannel(query_->address());
         grpc::internal::RpcMethod method("/kg.v1.QueryService/NoSuchMethod",
                                          grpc::internal::RpcMethod::NORMAL_RPC, channel);
         kg::v1::StatsResponse response;
         return grpc::internal::BlockingUnaryCall<kg::v1::StatsRequest, kg::v1::StatsResponse>(
             channel.get(), method, &context, kg::v1::StatsRequest(), &response);
       },
       grpc::StatusCode::UNIMPLEMENTED, ""},
      {"a store write with an edge to nowhere",
       [&] {
         grpc::ClientContext context;
         Deadline(&context);
         kg::v1::PutReportRequest r;
         r.mutable_report()->set_id("00000000deadbeef");
         r.mutable_report()->set_node_id("00000000deadbeef");
         kg::v1::Edge* edge = r.add_edges();
         edge->set_src("0000000000000001");
         edge->set_dst("0000000000000002");
         edge->set_type("serves");
         kg::v1::PutReportResponse response;
         return store->PutReport(&context, r, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "is not an id"},
  };

  for (const HostileCase& row : table) {
    SCOPED_TRACE(row.name);
    auto start = std::chrono::steady_clock::now();
    grpc::Status status = row.call();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-45s %-18s %6.2fs  %.120s\n", row.name.c_str(),
                CodeName(status.error_code()).c_str(), seconds, status.error_message().c_str());
    EXPECT_EQ(CodeName(status.error_code()), CodeName(row.code)) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(row.message_part));
    if (row.code != grpc::StatusCode::OK && row.code != grpc::StatusCode::UNIMPLEMENTED) {
      EXPECT_FALSE(status.error_message().empty()) << "an error without a message";
    }
    // Messages may quote the input, never all of it: they travel in a trailer whose
    // size the client limits.
    EXPECT_LE(status.error_message().size(), 2048u);
  }
  // Nothing hostile was stored: the store holds the one report it held before.
  std::vector<kg::v1::ReportInfo> reports = StoredReports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].id(), report_id);
}

// A thousand clients ingest the same report at once: each is stored or cleanly refused
// with a code worth retrying, and afterwards the store holds one copy, exactly as one
// ingest leaves it.
TEST_F(HostileGrpcTest, AThousandConcurrentIngestsOfOneReportLeaveOneCopy) {
  const kg::v1::StatsResponse before = StoreStats();
  const size_t reports_before = StoredReports().size();

  kg::v1::IngestRequest request;  // shared by every call: the callback API only reads it
  request.set_content(ReadFile(kData + "dev/2019-hailar-district.gbk.txt"));
  constexpr int kClients = 1000;
  auto channel = client::MakeChannel(ingest_->address());
  auto stub = kg::v1::IngestService::NewStub(channel);
  struct Call {
    grpc::ClientContext context;
    kg::v1::IngestResponse response;
    grpc::Status status;
  };
  std::vector<std::unique_ptr<Call>> calls;
  std::mutex mu;
  std::condition_variable done_cv;
  int done = 0;
  for (int i = 0; i < kClients; ++i) {
    calls.push_back(std::make_unique<Call>());
    Call* call = calls.back().get();
    Deadline(&call->context, 900);
    stub->async()->Ingest(&call->context, &request, &call->response,
                          [&, call](grpc::Status status) {
                            std::lock_guard<std::mutex> lock(mu);
                            call->status = std::move(status);
                            ++done;
                            done_cv.notify_all();
                          });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    done_cv.wait(lock, [&] { return done == kClients; });
  }

  std::map<std::string, int> codes;
  std::set<std::string> refusals;
  std::set<std::string> ids;
  int stored = 0;
  kg::v1::ReportInfo first;
  for (const auto& call : calls) {
    codes[CodeName(call->status.error_code())]++;
    if (call->status.ok()) {
      ++stored;
      ids.insert(call->response.report().id());
      if (stored == 1) first = call->response.report();
      EXPECT_EQ(call->response.report().node_count(), first.node_count());
      EXPECT_EQ(call->response.report().edge_count(), first.edge_count());
    } else {
      EXPECT_TRUE(Retryable(call->status.error_code()))
          << CodeName(call->status.error_code()) << ": " << call->status.error_message();
      EXPECT_FALSE(call->status.error_message().empty());
      refusals.insert(call->status.error_message().substr(0, 200));
    }
  }
  for (const auto& [code, count] : codes) std::printf("%d concurrent ingests: %s\n", count,
                                                      code.c_str());
  for (const auto& r : refusals) std::printf("refused: %s\n", r.c_str());
  ASSERT_GT(stored, 0);
  ASSERT_EQ(ids.size(), 1u);
  const std::string id = *ids.begin();

  // One copy in the list, with the counts every acknowledged ingest reported.
  std::vector<kg::v1::ReportInfo> reports = StoredReports();
  EXPECT_EQ(reports.size(), reports_before + 1);
  int copies = 0;
  for (const auto& r : reports) {
    if (r.id() == id) {
      ++copies;
      EXPECT_EQ(r.node_count(), first.node_count());
      EXPECT_EQ(r.edge_count(), first.edge_count());
    }
  }
  EXPECT_EQ(copies, 1);
  const kg::v1::StatsResponse after_race = StoreStats();

  // Deleting it gives back the store as it was before, to the record; one ingest then
  // leaves what the thousand did.
  {
    grpc::ClientContext context;
    Deadline(&context);
    kg::v1::DeleteReportRequest del;
    del.set_report_id(id);
    kg::v1::DeleteReportResponse response;
    grpc::Status status = stub->DeleteReport(&context, del, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(StoreStats(), before))
      << StoreStats().DebugString() << " vs before " << before.DebugString();
  ASSERT_TRUE(Ingest(stub.get(), request).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(StoreStats(), after_race))
      << StoreStats().DebugString() << " vs after the race " << after_race.DebugString();
  // And gone again, so the report stored before the table shares no node with it.
  grpc::ClientContext context;
  Deadline(&context);
  kg::v1::DeleteReportRequest del;
  del.set_report_id(id);
  kg::v1::DeleteReportResponse response;
  ASSERT_TRUE(stub->DeleteReport(&context, del, &response).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(StoreStats(), before));
}

// Runs last: nothing above took a daemon down or changed what was stored before.
TEST_F(HostileGrpcTest, ZzAfterwardsEveryDaemonServesAndTheStoredReportIsIntact) {
  for (Daemon* daemon : {store_, ingest_, query_}) {
    EXPECT_TRUE(client::CheckServing(client::MakeChannel(daemon->address()), "",
                                     absl::Seconds(30))
                    .ok())
        << daemon->Log().substr(0, 4000);
  }
  bool found = false;
  for (const auto& r : StoredReports()) {
    if (r.id() == baseline_->report.id()) {
      found = true;
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(r, baseline_->report))
          << r.DebugString() << " vs " << baseline_->report.DebugString();
    }
  }
  EXPECT_TRUE(found);
  Baseline now;
  grpc::Status status = Snapshot(baseline_->report.id(), &now);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(now.serves, baseline_->serves));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(now.show, baseline_->show));
  ASSERT_EQ(now.chunks.size(), baseline_->chunks.size());
  for (size_t i = 0; i < now.chunks.size(); ++i) {
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(now.chunks[i], baseline_->chunks[i]))
        << "export chunk " << i;
  }
}

}  // namespace
}  // namespace kg::testing
