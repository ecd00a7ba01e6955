// Daemon flags and environment variables; see server_config.h.
#include "services/common/server_config.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace kg::services {
namespace {

absl::Status CheckHostPort(const std::string& value, const char* what) {
  auto colon = value.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(value.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must be HOST:PORT with a port from 0 to 65535, got \"",
                     value, "\""));
  }
  return absl::OkStatus();
}

}  // namespace

std::string DefaultGazetteerDir() {
#ifdef KG_DEFAULT_GAZETTEER_DIR
  return KG_DEFAULT_GAZETTEER_DIR;
#else
  return "third_party/gazetteer";
#endif
}

void AddListenFlags(CLI::App& app, ServerConfig* config) {
  app.add_option("--listen", config->listen, "Address to serve on, HOST:PORT")
      ->envname("KG_LISTEN")
      ->capture_default_str();
  app.add_option("--port-file", config->port_file,
                 "Write the bound port to this file once serving")
      ->envname("KG_PORT_FILE");
  app.add_option("--grace-seconds", config->grace_seconds,
                 "Seconds in-flight calls get to finish on SIGTERM/SIGINT")
      ->envname("KG_GRACE_SECONDS")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  app.add_option("--metrics-listen", config->metrics_listen,
                 "Serve Prometheus metrics at http://HOST:PORT/metrics (off when unset)")
      ->envname("KG_METRICS_LISTEN");
}

void AddStoreFlag(CLI::App& app, ServerConfig* config) {
  app.add_option("--store", config->store, "Address of kg-stored, HOST:PORT")
      ->envname("KG_STORE")
      ->capture_default_str();
}

void AddDataDirFlag(CLI::App& app, ServerConfig* config) {
  app.add_option("--data-dir", config->data_dir, "RocksDB data directory")
      ->envname("KG_DATA_DIR")
      ->capture_default_str();
}

void AddGazetteerFlag(CLI::App& app, ServerConfig* config) {
  app.add_option("--gazetteer", config->gazetteer_dir,
                 "Directory of the gazetteer's CSV files (scripts/setup.sh installs them)")
      ->envname("KG_GAZETTEER")
      ->capture_default_str();
}

absl::Status ValidateConfig(const ServerConfig& config) {
  if (auto s = CheckHostPort(config.listen, "--listen"); !s.ok()) return s;
  if (auto s = CheckHostPort(config.store, "--store"); !s.ok()) return s;
  if (config.data_dir.empty()) return absl::InvalidArgumentError("--data-dir is empty");
  if (!config.metrics_listen.empty()) {
    if (auto s = CheckHostPort(config.metrics_listen, "--metrics-listen"); !s.ok()) return s;
    bool any_port = config.listen.substr(config.listen.rfind(':')) == ":0";
    if (config.metrics_listen == config.listen && !any_port) {
      return absl::InvalidArgumentError("--metrics-listen must differ from --listen");
    }
  }
  return absl::OkStatus();
}

}  // namespace kg::services
