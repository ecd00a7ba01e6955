// kgctl's command line. The only place CLI11 exceptions are caught: every command
// reports failure as an absl::Status, turned here into a message and an exit code.
#include "clients/kgctl/app.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "clients/client/channel.h"
#include "clients/client/request_id.h"
#include "clients/kgctl/command.h"
#include "clients/kgctl/commands.h"
#include "clients/kgctl/exit_codes.h"

namespace kg::cli {
namespace {

constexpr char kDefaultAddr[] = "127.0.0.1:50051";

constexpr char kDescription[] =
    "kgctl: ask the kg knowledge graph of Chinese government work reports.";

constexpr char kExamples[] =
    "Examples:\n"
    "  kgctl ingest jinshan-2020.txt\n"
    "  kgctl serves 长三角一体化\n"
    "  kgctl mentions 枫泾\n"
    "  kgctl term 田园五镇\n"
    "  kgctl targets --region 金山 --year 2020\n"
    "  kgctl path 乐高乐园 长三角一体化\n"
    "  kgctl search 乐高\n"
    "  kgctl show 田园五镇 -o json\n"
    "  kgctl neighbors 枫泾镇 --edge located_in\n"
    "  kgctl export > graph.jsonl\n"
    "  kgctl score tests/data/jinshan-2020.gold.json --min-recall 0.9\n"
    "  KG_ADDR=kg-queryd:50051 KG_INGEST_ADDR=kg-ingestd:50051 kgctl reports\n"
    "Run 'kgctl COMMAND --help' for a command's options.\n";

constexpr char kGlobalOptionsNote[] =
    "\nGlobal options (-o, --addr, --ingest-addr, --timeout, --quote/--no-quote) may "
    "follow\nthe command too; see 'kgctl --help'.";

// The subcommands, in the order --help lists them.
using CommandFactory = std::unique_ptr<Command> (*)(CLI::App*);
constexpr CommandFactory kCommands[] = {
    AddIngestCommand,  AddServesCommand, AddMentionsCommand, AddTermCommand,      AddTargetsCommand,
    AddPathCommand,    AddSearchCommand, AddQueryCommand, AddShowCommand,     AddNeighborsCommand, AddExportCommand,
    AddReportsCommand, AddStatsCommand,  AddDeleteCommand,   AddScoreCommand,
    AddHealthCommand,  AddCheckCommand,  AddBackupCommand,
};

}  // namespace

int RunKgctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool color) {
  CLI::App app(kDescription, "kgctl");
  // Global options are accepted after the subcommand as well as before it.
  app.fallthrough();
  app.require_subcommand(1);
  app.footer(absl::StrCat(kExamples, "\n", kExitCodesHelp));

  GlobalOptions options;
  options.addr = kDefaultAddr;
  app.add_option("-o,--output", options.output,
                 "Output format: table (default), json, or jsonl (export's default)")
      ->check(CLI::IsMember({"table", "json", "jsonl"}))
      ->type_name("FORMAT");
  app.add_option("--addr", options.addr, "kgd or kg-queryd address")
      ->envname("KG_ADDR")
      ->capture_default_str()
      ->type_name("HOST:PORT");
  app.add_option("--ingest-addr", options.ingest_addr,
                 "kgd or kg-ingestd address, for ingest and delete (default: --addr)")
      ->envname("KG_INGEST_ADDR")
      ->type_name("HOST:PORT");
  app.add_option("--timeout", options.timeout_seconds,
                 "Deadline of every call in seconds (default: 30; ingest 120)")
      ->check(CLI::PositiveNumber)
      ->type_name("SECONDS");
  app.add_option("--ca", options.security.ca_file,
                 "PEM CA file that signs the daemons' certificates; set: TLS")
      ->envname("KG_CA")
      ->type_name("FILE");
  app.add_option("--cert", options.security.cert_file,
                 "PEM client certificate, for daemons that require mutual TLS")
      ->envname("KG_CERT")
      ->type_name("FILE");
  app.add_option("--key", options.security.key_file, "PEM private key of --cert")
      ->envname("KG_KEY")
      ->type_name("FILE");
  std::string token_file;
  app.add_option("--token-file", token_file,
                 "File holding a bearer token for daemons that check tokens (default: $KG_TOKEN)")
      ->envname("KG_TOKEN_FILE")
      ->type_name("FILE");
  app.add_flag("--quote,!--no-quote", options.quote,
               "Show the sentences answers come from (default: on)");

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  for (CommandFactory add : kCommands) {
    std::unique_ptr<Command> command = add(&app);
    CLI::App* sub = app.get_subcommands([](CLI::App*) { return true; }).back();
    sub->footer(sub->get_footer() + kGlobalOptionsNote);
    commands.emplace_back(sub, std::move(command));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      app.exit(e, out, err);  // --help
      return static_cast<int>(ExitCode::kOk);
    }
    err << "kgctl: " << e.what() << "\nRun 'kgctl --help' for usage.\n";
    return static_cast<int>(ExitCode::kUsage);
  }

  // Credential files are read once here, so a wrong path is a clear error before any call.
  if (absl::StatusOr<std::string> token = client::ReadToken(token_file, "KG_TOKEN"); token.ok()) {
    options.security.token = *token;
  } else {
    err << "kgctl: " << token.status().message() << '\n';
    return static_cast<int>(ExitCode::kUsage);
  }
  if (absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
          client::MakeChannel(options.addr, options.security);
      !channel.ok()) {
    err << "kgctl: " << channel.status().message() << '\n';
    return static_cast<int>(ExitCode::kUsage);
  }
  // One request id for every call of this command: the daemons' access logs join on it.
  client::ScopedRequestId request_id(client::NewRequestId());
  CommandContext context(std::move(options), out, err, color);
  for (auto& [sub, command] : commands) {
    if (!sub->parsed()) continue;
    const absl::Status status = command->Run(&context);
    if (!status.ok()) err << "kgctl: " << status.message() << '\n';
    return static_cast<int>(ExitCodeForStatus(status));
  }
  return static_cast<int>(ExitCode::kUsage);  // unreachable: a subcommand is required
}

int KgctlMain(int argc, char** argv) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool color = isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
  return RunKgctl(argc, argv, std::cout, std::cerr, color);
}

}  // namespace kg::cli
