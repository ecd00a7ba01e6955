// What every kgctl command shares: the global options, the output streams and format,
// the channels to the daemons with their deadlines, and the translation of a failed
// RPC into the error kgctl prints.
//
// A command is a class bound to a CLI11 subcommand: its factory (commands.h) declares
// the subcommand's flags into the command's members, and Run is called after the
// whole command line has parsed. Run returns an absl::Status; app.cc prints a failure
// as "kgctl: <message>" and exits with ExitCodeForStatus (exit_codes.h).
#ifndef KG_CLIENTS_KGCTL_COMMAND_H_
#define KG_CLIENTS_KGCTL_COMMAND_H_

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/client/channel.h"
#include "clients/kgctl/json_writer.h"
#include "clients/kgctl/table.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace kg::cli {

// Largest gRPC message kgctl sends or accepts: a report's bytes (the API allows 64 MiB)
// and a dry run's whole graph both travel in one message.
inline constexpr int kMaxMessageBytes = client::kMaxMessageBytes;

// Deadlines a command uses when --timeout is not given.
inline constexpr double kDefaultTimeoutSeconds = 30;
inline constexpr double kIngestTimeoutSeconds = 120;

enum class OutputFormat { kTable, kJson, kJsonl };

// Options that apply to every command, filled by the parser (app.cc).
struct GlobalOptions {
  // "table", "json" or "jsonl"; empty: the command's default.
  std::string output;
  // kgd or kg-queryd, HOST:PORT.
  std::string addr;
  // kgd or kg-ingestd, for ingest and delete; empty: `addr`.
  std::string ingest_addr;
  // Deadline of every call in seconds; 0: the command's default.
  double timeout_seconds = 0;
  // Show the sentences answers come from (--quote / --no-quote).
  bool quote = true;
  // TLS to the daemons (--ca, --cert, --key); empty: plaintext.
  client::ChannelSecurity security;
};

// The environment a command runs in. Channels are created on first use, so commands
// that fail before calling a server never open one.
class CommandContext {
 public:
  // `color`: whether `out` is a terminal that may receive ANSI styles.
  CommandContext(GlobalOptions options, std::ostream& out, std::ostream& err, bool color);

  const GlobalOptions& options() const { return options_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  bool color() const { return color_; }
  bool quote() const { return options_.quote; }

  // The -o format, or `default_format` when -o was not given. -o jsonl is the export
  // contract, meant for commands that print nodes and edges: elsewhere it is a usage
  // error unless `jsonl_allowed`.
  absl::StatusOr<OutputFormat> Format(OutputFormat default_format, bool jsonl_allowed) const;

  // Writes a table to `out`, with bold headers when colour is on.
  void WriteTable(const Table& table);
  // Writes one JSON document to `out` on one line.
  void WriteJson(const JsonWriter& json);

  const std::string& query_addr() const { return options_.addr; }
  const std::string& ingest_addr() const;

  // Channels to the query and ingest daemons (the same one when they share an address).
  std::shared_ptr<grpc::Channel> QueryChannel();
  std::shared_ptr<grpc::Channel> IngestChannel();

  // The --timeout value, or `default_seconds`.
  double TimeoutSeconds(double default_seconds) const;
  // Sets the deadline of one call to now + TimeoutSeconds(default_seconds).
  void SetDeadline(grpc::ClientContext* context, double default_seconds) const;

  // Flushes `out` and reports a write failure (a closed pipe, a full disk) as a
  // local I/O error.
  absl::Status FlushOut();

 private:
  std::shared_ptr<grpc::Channel> ChannelTo(const std::string& addr);

  GlobalOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  bool color_;
  std::shared_ptr<grpc::Channel> query_channel_;
  std::shared_ptr<grpc::Channel> ingest_channel_;
};

// One kgctl subcommand.
class Command {
 public:
  virtual ~Command() = default;
  // Runs the command after the command line has parsed; writes its answer to ctx->out().
  virtual absl::Status Run(CommandContext* ctx) = 0;
};

// Reads a whole file, or stdin for "-", as bytes. LocalIoError (exit 6) naming the file
// ("stdin" for "-") and the system's reason when it cannot be opened or read.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

// Describes one RPC for the error message should it fail. (absl::string_view, not
// std::string_view: Debian's Abseil is built with its own string_view type.)
struct RpcCall {
  // What was being done, e.g. "serves" or "ingest of report.txt".
  absl::string_view action;
  // The server's address.
  absl::string_view addr;
  // The deadline used, in seconds.
  double timeout_seconds = 0;
  // Message for NOT_FOUND, e.g. "nothing matched 长三角"; empty: the generic message.
  absl::string_view not_found;
};

// Turns a failed RPC into the status a command returns. The code is kept (absl and gRPC
// codes are equal), so the exit code follows the server's answer; the message reads
// "<what happened>: <server message>":
//   UNAVAILABLE        "cannot reach ADDR: …"
//   DEADLINE_EXCEEDED  "no answer from ADDR within Ns: …"
//   NOT_FOUND          call.not_found, if given
//   otherwise          "ACTION failed (CODE): …"
absl::Status RpcError(const grpc::Status& status, const RpcCall& call);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_COMMAND_H_
