// CommandContext: channels, deadlines and output for the commands; RPC error text.
#include "clients/kgctl/command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/kgctl/exit_codes.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace kg::cli {

CommandContext::CommandContext(GlobalOptions options, std::ostream& out, std::ostream& err,
                               bool color)
    : options_(std::move(options)), out_(out), err_(err), color_(color) {}

absl::StatusOr<OutputFormat> CommandContext::Format(OutputFormat default_format,
                                                    bool jsonl_allowed) const {
  if (options_.output == "table") return OutputFormat::kTable;
  if (options_.output == "json") return OutputFormat::kJson;
  if (options_.output == "jsonl") {
    if (!jsonl_allowed) {
      return UsageError(
          "-o jsonl is for the graph's nodes and edges (export, ingest --dry-run); use -o json");
    }
    return OutputFormat::kJsonl;
  }
  return default_format;  // the parser admits nothing else
}

void CommandContext::WriteTable(const Table& table) { out_ << table.Render(color_); }

void CommandContext::WriteJson(const JsonWriter& json) { out_ << json.str() << '\n'; }

const std::string& CommandContext::ingest_addr() const {
  return options_.ingest_addr.empty() ? options_.addr : options_.ingest_addr;
}

std::shared_ptr<grpc::Channel> CommandContext::ChannelTo(const std::string& addr) {
  // kg_client's channel: limits, keepalive, the request id, TLS as --ca/--cert/--key say.
  // RunKgctl has read the credential files once already; if they went away since, the
  // call fails as unreachable rather than falling back to plaintext.
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      client::MakeChannel(addr, options_.security);
  if (channel.ok()) return *channel;
  return client::MakeChannel("unix:/nonexistent/kgctl-credentials-unreadable");
}

std::shared_ptr<grpc::Channel> CommandContext::QueryChannel() {
  if (!query_channel_) query_channel_ = ChannelTo(query_addr());
  return query_channel_;
}

std::shared_ptr<grpc::Channel> CommandContext::IngestChannel() {
  if (!ingest_channel_) {
    ingest_channel_ = ingest_addr() == query_addr() ? QueryChannel() : ChannelTo(ingest_addr());
  }
  return ingest_channel_;
}

double CommandContext::TimeoutSeconds(double default_seconds) const {
  return options_.timeout_seconds > 0 ? options_.timeout_seconds : default_seconds;
}

void CommandContext::SetDeadline(grpc::ClientContext* context, double default_seconds) const {
  const auto timeout = std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::duration<double>(TimeoutSeconds(default_seconds)));
  context->set_deadline(std::chrono::system_clock::now() + timeout);
}

absl::Status CommandContext::FlushOut() {
  out_.flush();
  if (!out_) return LocalIoError("cannot write the output");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const std::string name = is_stdin ? "stdin" : path;
  if (fd < 0) return LocalIoError(absl::StrCat("cannot open ", name, ": ", strerror(errno)));
  std::string content;
  char buffer[1 << 16];
  absl::Status status;
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      status = LocalIoError(absl::StrCat("cannot read ", name, ": ", strerror(errno)));
      break;
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  if (!is_stdin) close(fd);
  if (!status.ok()) return status;
  return content;
}

absl::Status RpcError(const grpc::Status& status, const RpcCall& call) {
  std::string what;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      what = absl::StrCat("cannot reach ", call.addr);
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      what = absl::StrCat("no answer from ", call.addr, " within ", call.timeout_seconds, "s");
      break;
    case grpc::StatusCode::NOT_FOUND:
      if (!call.not_found.empty()) {
        what = std::string(call.not_found);
        break;
      }
      [[fallthrough]];
    default:
      what = absl::StrCat(
          call.action, " failed (",
          absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())), ")");
  }
  if (!status.error_message().empty()) absl::StrAppend(&what, ": ", status.error_message());
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), what);
}

}  // namespace kg::cli
