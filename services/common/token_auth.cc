// Bearer tokens; see token_auth.h.
#include "services/common/token_auth.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/client/credential_files.h"

namespace kg::services {
namespace {

constexpr size_t kMinTokenLength = 16;
constexpr char kBearer[] = "Bearer ";

// Compares without stopping at the first difference, so the time taken does not tell an
// attacker how much of a guess was right.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TokenAuth>> TokenAuth::Load(const std::string& path,
                                                           bool reads_need_token) {
  absl::StatusOr<std::string> text = client::ReadCredentialFile(path, "--tokens-file");
  if (!text.ok()) return text.status();
  return Parse(*text, reads_need_token);
}

absl::StatusOr<std::unique_ptr<TokenAuth>> TokenAuth::Parse(const std::string& text,
                                                            bool reads_need_token) {
  std::unique_ptr<TokenAuth> auth(new TokenAuth());
  auth->reads_need_token_ = reads_need_token;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("--tokens-file line ", number, ": expected `ROLE TOKEN`"));
    }
    Token token{std::string(fields[1]), Access::kRead};
    if (fields[0] == "write") {
      token.role = Access::kWrite;
    } else if (fields[0] != "read") {
      return absl::InvalidArgumentError(absl::StrCat(
          "--tokens-file line ", number, ": role must be read or write, not ", fields[0]));
    }
    if (token.secret.size() < kMinTokenLength) {
      return absl::InvalidArgumentError(absl::StrCat("--tokens-file line ", number,
                                                     ": tokens need at least ",
                                                     kMinTokenLength, " characters"));
    }
    auth->tokens_.push_back(std::move(token));
  }
  if (auth->tokens_.empty()) return absl::InvalidArgumentError("--tokens-file holds no tokens");
  return auth;
}

absl::Status TokenAuth::CheckHeader(const std::string* authorization, Access access) const {
  if (access == Access::kRead && !reads_need_token_) return absl::OkStatus();
  const char* what = access == Access::kWrite ? "writing" : "reading";
  if (authorization == nullptr || !absl::StartsWith(*authorization, kBearer)) {
    return absl::UnauthenticatedError(absl::StrCat(
        what, " needs a token: send `authorization: Bearer TOKEN` (kgctl: KG_TOKEN or "
              "--token-file)"));
  }
  const std::string presented = authorization->substr(sizeof(kBearer) - 1);
  const Token* match = nullptr;
  for (const Token& token : tokens_) {
    if (SameSecret(token.secret, presented)) match = &token;
  }
  if (match == nullptr) return absl::UnauthenticatedError("the token is not known here");
  if (access == Access::kWrite && match->role != Access::kWrite) {
    return absl::PermissionDeniedError("the token may read but not write");
  }
  return absl::OkStatus();
}

absl::Status TokenAuth::Check(const grpc::ServerContextBase& context, Access access) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return CheckHeader(nullptr, access);
  std::string value(it->second.data(), it->second.size());
  return CheckHeader(&value, access);
}

absl::StatusOr<std::unique_ptr<TokenAuth>> TokenAuthFromFlags(const std::string& tokens_file,
                                                              bool auth_reads) {
  if (tokens_file.empty()) return std::unique_ptr<TokenAuth>();
  return TokenAuth::Load(tokens_file, auth_reads);
}

absl::Status Authorize(const TokenAuth* auth, const grpc::ServerContextBase& context,
                       Access access) {
  return auth == nullptr ? absl::OkStatus() : auth->Check(context, access);
}

}  // namespace kg::services
