// Daemon configuration: every setting is a flag, else a KG_* environment variable,
// else a default. CLI11 gives that precedence with `->envname()`; one function per
// setting keeps the flag names, variables and help text identical across daemons.
#ifndef KG_SERVICES_COMMON_SERVER_CONFIG_H_
#define KG_SERVICES_COMMON_SERVER_CONFIG_H_

#include <string>

#include "absl/status/status.h"
#include "CLI/CLI.hpp"
#include "clients/client/channel.h"

namespace kg::services {

// third_party/gazetteer under the source tree (set by CMake), where
// scripts/setup.sh installs the gazetteer.
std::string DefaultGazetteerDir();

struct ServerConfig {
  // Where this daemon listens (HOST:PORT). Port 0 picks a free port; the chosen one is
  // logged and written to `port_file` when that is set.
  std::string listen = "127.0.0.1:50051";
  // Where kg-ingestd and kg-queryd find kg-stored.
  std::string store = "127.0.0.1:50052";
  // RocksDB directory (kg-stored, kgd).
  std::string data_dir = "./var/kg-data";
  // If set, the bound port is written here once the server is up (for tests, scripts).
  std::string port_file;
  // Seconds in-flight calls get to finish on SIGTERM/SIGINT.
  int grace_seconds = 10;
  // The gazetteer's CSV files (kg-ingestd, kgd). Missing: places are not resolved to
  // divisions, and the daemon says so.
  std::string gazetteer_dir = DefaultGazetteerDir();
  // HOST:PORT of the Prometheus /metrics endpoint; empty: no metrics endpoint.
  std::string metrics_listen;
  // TLS for this daemon's gRPC port: PEM certificate chain and key; both empty: plaintext.
  std::string tls_cert_file;
  std::string tls_key_file;
  // PEM CA file: when set, clients must present a certificate it signed (mutual TLS).
  std::string tls_client_ca_file;
  // How kg-ingestd and kg-queryd reach kg-stored (TLS roots, client certificate, token).
  client::ChannelSecurity store_security;
  // The file kg-stored's token is read from; empty: KG_STORE_TOKEN, else none.
  std::string store_token_file;
  // Bearer tokens this daemon accepts (token_auth.h); empty: no authentication.
  std::string tokens_file;
  // With a tokens file: reads need a token too, not only writes.
  bool auth_reads = false;
};

// Adds --listen/KG_LISTEN, --port-file/KG_PORT_FILE, --grace-seconds/KG_GRACE_SECONDS and
// --metrics-listen/KG_METRICS_LISTEN.
void AddListenFlags(CLI::App& app, ServerConfig* config);
// Adds --tls-cert, --tls-key, --tls-client-ca (KG_TLS_CERT, KG_TLS_KEY, KG_TLS_CLIENT_CA).
void AddTlsFlags(CLI::App& app, ServerConfig* config);
// Adds --tokens-file/KG_TOKENS_FILE and --auth-reads/KG_AUTH_READS.
void AddAuthFlags(CLI::App& app, ServerConfig* config);
// Adds --store/KG_STORE, --store-token-file/KG_STORE_TOKEN_FILE and --store-ca, --store-cert, --store-key (KG_STORE_CA, ...).
void AddStoreFlag(CLI::App& app, ServerConfig* config);
// Adds --data-dir/KG_DATA_DIR.
void AddDataDirFlag(CLI::App& app, ServerConfig* config);
// Adds --gazetteer/KG_GAZETTEER.
void AddGazetteerFlag(CLI::App& app, ServerConfig* config);

// Reads the token for kg-stored (--store-token-file, else KG_STORE_TOKEN) into
// config->store_security.token. INVALID_ARGUMENT for an unreadable or empty file.
absl::Status LoadStoreToken(ServerConfig* config);

// Checks values CLI11 cannot: HOST:PORT shapes, a non-empty data dir, a metrics address
// that differs from the gRPC one.
absl::Status ValidateConfig(const ServerConfig& config);

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_SERVER_CONFIG_H_
