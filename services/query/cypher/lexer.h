// The lexer of kg's Cypher subset: UTF-8 text to tokens that know their line and
// column (1-based; columns count code points, so a Chinese character is one column).
//
// Identifiers are ASCII letters, digits and '_' or any non-ASCII character (so 任务 is
// a name), or anything between backticks. Strings take single or double quotes with
// backslash escapes. Keywords are identifiers; the parser compares them ignoring case.
#ifndef KG_SERVICES_QUERY_CYPHER_LEXER_H_
#define KG_SERVICES_QUERY_CYPHER_LEXER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::cypher {

struct Position {
  int line = 1;
  int column = 1;
};

// "line L, column C: <message>" as INVALID_ARGUMENT: every error about a query's text.
absl::Status ErrorAt(Position pos, const std::string& message);

enum class TokenKind {
  kIdentifier,  // also keywords
  kQuotedIdentifier,  // `...`: never a keyword
  kInteger,
  kFloat,
  kString,
  kParameter,  // $name: text is the name
  kSymbol,     // ( ) [ ] { } , : . .. * - < > <= >= = <> + | ; / %
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier, symbol, string contents (unescaped), number as written
  Position pos;
  // Bytes [begin, end) of the query this token was read from.
  size_t begin = 0;
  size_t end = 0;
};

// Longest query accepted, in bytes.
inline constexpr size_t kMaxQueryBytes = 64 * 1024;

// The tokens of `query`, ending with one kEnd. INVALID_ARGUMENT with a position for an
// unterminated string, a character that starts no token, or invalid UTF-8.
absl::StatusOr<std::vector<Token>> Tokenize(const std::string& query);

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_LEXER_H_
