// kgctl's command line: the global options, the subcommands, and how a run ends
// (what is printed on failure and the exit code). main.cc only calls KgctlMain.
#ifndef KG_CLIENTS_KGCTL_APP_H_
#define KG_CLIENTS_KGCTL_APP_H_

#include <ostream>

namespace kg::cli {

// Parses `argv` and runs the chosen command, writing its answer to `out` and errors
// ("kgctl: <what happened>: <server message>") to `err`. Returns the process exit code
// (exit_codes.h). `color`: whether `out` may receive ANSI styles. Global options also
// read the environment (KG_ADDR, KG_INGEST_ADDR). Never throws.
int RunKgctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool color);

// RunKgctl on stdout and stderr, with colour when stdout is a terminal and NO_COLOR is
// unset or empty.
int KgctlMain(int argc, char** argv);

}  // namespace kg::cli

#endif  // KG_CLIENTS_KGCTL_APP_H_
