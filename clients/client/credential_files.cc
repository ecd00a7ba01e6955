// Credential files; see credential_files.h.
#include "clients/client/credential_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace kg::client {

absl::StatusOr<std::string> ReadCredentialFile(const std::string& path,
                                               const std::string& setting) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(setting, ": cannot read ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.empty()) return absl::InvalidArgumentError(absl::StrCat(setting, ": ", path, " is empty"));
  if (bytes.size() > (1u << 20)) {
    return absl::InvalidArgumentError(
        absl::StrCat(setting, ": ", path, " is larger than 1 MiB; is it the right file?"));
  }
  return bytes;
}

}  // namespace kg::client
