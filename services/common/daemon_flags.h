// Flag parsing shared by the daemons' mains: CLI11 parse with kg's exit codes, then
// validation of what CLI11 cannot check.
#ifndef KG_SERVICES_COMMON_DAEMON_FLAGS_H_
#define KG_SERVICES_COMMON_DAEMON_FLAGS_H_

#include <optional>

#include "CLI/CLI.hpp"
#include "services/common/server_config.h"

namespace kg::services {

// Exit codes of the daemons: 0 clean stop, 1 runtime failure, 2 bad configuration.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadConfig = 2;

// Parses argv into `app`'s options and validates `config`. Returns an exit code when
// the process should end now (--help: 0; bad flags or values: 2, with a message on
// stderr), nullopt to go on.
std::optional<int> ParseDaemonFlags(CLI::App& app, const ServerConfig& config, int argc,
                                    char** argv);

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_DAEMON_FLAGS_H_
