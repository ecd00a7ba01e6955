// The kgctl subcommands. Each factory adds its subcommand to `app` with its flags, help
// text and an example, and returns the command to run when that subcommand is chosen;
// the returned object owns the variables the flags are parsed into.
#ifndef KG_CLIENTS_KGCTL_COMMANDS_H_
#define KG_CLIENTS_KGCTL_COMMANDS_H_

#include <memory>

#include "clients/kgctl/command.h"

namespace CLI {
class App;
}  // namespace CLI

namespace kg::cli {

// ingest FILE: IngestService.Ingest (ingest_commands.cc).
std::unique_ptr<Command> AddIngestCommand(CLI::App* app);
// delete REPORT_ID: IngestService.DeleteReport (ingest_commands.cc).
std::unique_ptr<Command> AddDeleteCommand(CLI::App* app);
// serves PHRASE: QueryService.Serves (serves_command.cc).
std::unique_ptr<Command> AddServesCommand(CLI::App* app);
// show NAME_OR_ID: QueryService.Show (entity_commands.cc).
std::unique_ptr<Command> AddShowCommand(CLI::App* app);
// neighbors NAME_OR_ID: QueryService.Neighbors (entity_commands.cc).
std::unique_ptr<Command> AddNeighborsCommand(CLI::App* app);
// mentions NAME: QueryService.Mentions (mentions_command.cc).
std::unique_ptr<Command> AddMentionsCommand(CLI::App* app);
// term NAME: QueryService.Term (mentions_command.cc).
std::unique_ptr<Command> AddTermCommand(CLI::App* app);
// targets: QueryService.Targets (targets_command.cc).
std::unique_ptr<Command> AddTargetsCommand(CLI::App* app);
// path FROM TO: QueryService.Path (path_command.cc).
std::unique_ptr<Command> AddPathCommand(CLI::App* app);
// search TEXT: QueryService.Search (search_command.cc).
std::unique_ptr<Command> AddSearchCommand(CLI::App* app);
// query 'MATCH …': QueryService.Cypher, a streamed pattern query (query_command.cc).
std::unique_ptr<Command> AddQueryCommand(CLI::App* app);
// export: QueryService.Export (export_command.cc).
std::unique_ptr<Command> AddExportCommand(CLI::App* app);
// reports: QueryService.ListReports (store_commands.cc).
std::unique_ptr<Command> AddReportsCommand(CLI::App* app);
// stats: QueryService.Stats (store_commands.cc).
std::unique_ptr<Command> AddStatsCommand(CLI::App* app);
// check [--store ADDR]: GraphStoreService.Check (check_command.cc).
std::unique_ptr<Command> AddCheckCommand(CLI::App* app);
// backup DIR [--store ADDR]: GraphStoreService.Backup (backup_command.cc).
std::unique_ptr<Command> AddBackupCommand(CLI::App* app);
// health [--service NAME]: grpc.health.v1 Check, for probes (health_command.cc).
std::unique_ptr<Command> AddHealthCommand(CLI::App* app);
// score GOLD [GRAPH]: the extraction measured against a hand annotation; without GRAPH,
// QueryService.ListReports and Export (score_command.cc).
std::unique_ptr<Command> AddScoreCommand(CLI::App* app);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_COMMANDS_H_
