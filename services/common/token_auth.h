// Bearer-token authentication: which calls need a token, and which tokens may do what.
//
// Tokens come from a file (--tokens-file / KG_TOKENS_FILE), never from a flag's value: one
// token per line as `ROLE TOKEN`, ROLE `write` (may also read) or `read`; `#` starts a
// comment. Clients send `authorization: Bearer TOKEN`. Writes (ingest, delete, the store's
// PutReport/DeleteReport) always need a write token once a tokens file is set; reads need
// a token only with --auth-reads. Without a tokens file nothing is checked (the default,
// for a daemon on 127.0.0.1).
//
// Thread-safe after Load: it only reads.
#ifndef KG_SERVICES_COMMON_TOKEN_AUTH_H_
#define KG_SERVICES_COMMON_TOKEN_AUTH_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"

namespace kg::services {

enum class Access { kRead, kWrite };

class TokenAuth {
 public:
  // Reads the tokens file. INVALID_ARGUMENT naming the line for a malformed one, an
  // unknown role, a token shorter than 16 characters, or a file with no tokens.
  static absl::StatusOr<std::unique_ptr<TokenAuth>> Load(const std::string& path,
                                                         bool reads_need_token);
  // From the file's contents (for tests).
  static absl::StatusOr<std::unique_ptr<TokenAuth>> Parse(const std::string& text,
                                                          bool reads_need_token);

  // OK if the call's `authorization` metadata carries a token allowed `access`.
  // UNAUTHENTICATED when a needed token is missing or unknown; PERMISSION_DENIED when
  // a read token asks to write.
  absl::Status Check(const grpc::ServerContextBase& context, Access access) const;
  // The same, for a header value already taken from the metadata (nullptr: none sent).
  absl::Status CheckHeader(const std::string* authorization, Access access) const;

 private:
  struct Token {
    std::string secret;
    Access role;
  };
  TokenAuth() = default;
  std::vector<Token> tokens_;
  bool reads_need_token_ = false;
};

// The daemon's TokenAuth from its configuration: null when no tokens file is set.
absl::StatusOr<std::unique_ptr<TokenAuth>> TokenAuthFromFlags(const std::string& tokens_file,
                                                              bool auth_reads);

// Whether `auth` (may be null: no authentication) lets the call do `access`.
absl::Status Authorize(const TokenAuth* auth, const grpc::ServerContextBase& context,
                       Access access);

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_TOKEN_AUTH_H_
