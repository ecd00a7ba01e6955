// Daemon flag parsing; see daemon_flags.h.
#include "services/common/daemon_flags.h"

#include <iostream>

namespace kg::services {

std::optional<int> ParseDaemonFlags(CLI::App& app, const ServerConfig& config, int argc,
                                    char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadConfig;
  }
  if (auto s = ValidateConfig(config); !s.ok()) {
    std::cerr << app.get_name() << ": " << s.message() << "\n";
    return kExitBadConfig;
  }
  return std::nullopt;
}

}  // namespace kg::services
