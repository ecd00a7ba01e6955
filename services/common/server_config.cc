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

void AddTlsFlags(CLI::App& app, ServerConfig* config) {
  app.add_option("--tls-cert", config->tls_cert_file,
                 "PEM certificate (chain) to serve TLS with; unset: plaintext")
      ->envname("KG_TLS_CERT");
  app.add_option("--tls-key", config->tls_key_file, "PEM private key of --tls-cert")
      ->envname("KG_TLS_KEY");
  app.add_option("--tls-client-ca", config->tls_client_ca_file,
                 "PEM CA file; when set, clients must present a certificate it signed (mTLS)")
      ->envname("KG_TLS_CLIENT_CA");
}

void AddAuthFlags(CLI::App& app, ServerConfig* config) {
  app.add_option("--tokens-file", config->tokens_file,
                 "File of accepted bearer tokens, lines `write TOKEN` or `read TOKEN`; "
                 "set: writes need a write token")
      ->envname("KG_TOKENS_FILE");
  app.add_flag("--auth-reads", config->auth_reads,
               "With --tokens-file: reads need a token as well")
      ->envname("KG_AUTH_READS");
}

absl::Status LoadStoreToken(ServerConfig* config) {
  absl::StatusOr<std::string> token = client::ReadToken(config->store_token_file, "KG_STORE_TOKEN");
  if (!token.ok()) return token.status();
  config->store_security.token = *token;
  return absl::OkStatus();
}

void AddStoreFlag(CLI::App& app, ServerConfig* config) {
  app.add_option("--store", config->store, "Address of kg-stored, HOST:PORT")
      ->envname("KG_STORE")
      ->capture_default_str();
  app.add_option("--store-token-file", config->store_token_file,
                 "File holding the bearer token for kg-stored (default: $KG_STORE_TOKEN)")
      ->envname("KG_STORE_TOKEN_FILE");
  app.add_option("--store-ca", config->store_security.ca_file,
                 "PEM CA file that signs kg-stored's certificate; set: TLS to the store")
      ->envname("KG_STORE_CA");
  app.add_option("--store-cert", config->store_security.cert_file,
                 "PEM client certificate for a store that requires mutual TLS")
      ->envname("KG_STORE_CERT");
  app.add_option("--store-key", config->store_security.key_file,
                 "PEM private key of --store-cert")
      ->envname("KG_STORE_KEY");
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
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!config.tls_client_ca_file.empty() && config.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key");
  }
  const client::ChannelSecurity& store = config.store_security;
  if (store.cert_file.empty() != store.key_file.empty()) {
    return absl::InvalidArgumentError("--store-cert and --store-key go together");
  }
  if (!store.cert_file.empty() && store.ca_file.empty()) {
    return absl::InvalidArgumentError("--store-cert needs --store-ca");
  }
  if (config.auth_reads && config.tokens_file.empty()) {
    return absl::InvalidArgumentError("--auth-reads needs --tokens-file");
  }
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
