// Reading the files credentials live in (PEM certificates and keys, token files), with
// errors that say which setting named the file.
#ifndef KG_CLIENTS_CLIENT_CREDENTIAL_FILES_H_
#define KG_CLIENTS_CLIENT_CREDENTIAL_FILES_H_

#include <string>

#include "absl/status/statusor.h"

namespace kg::client {

// The file's bytes. NOT_FOUND / PERMISSION_DENIED-like failures come back as
// INVALID_ARGUMENT naming `setting` (e.g. "--tls-cert"), since they are configuration
// errors; an empty file is one too. Files over 1 MiB are refused: no certificate is.
absl::StatusOr<std::string> ReadCredentialFile(const std::string& path,
                                               const std::string& setting);

}  // namespace kg::client

#endif  // KG_CLIENTS_CLIENT_CREDENTIAL_FILES_H_
