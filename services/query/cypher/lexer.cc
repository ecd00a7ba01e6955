// Cypher lexer; see lexer.h.
#include "services/query/cypher/lexer.h"

#include <cctype>

#include "absl/strings/str_cat.h"

namespace kg::cypher {

absl::Status ErrorAt(Position pos, const std::string& message) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", pos.line, ", column ", pos.column, ": ", message));
}

namespace {

// Length of the UTF-8 sequence starting with `c`, 0 if `c` cannot start one.
size_t SequenceLength(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return c >= 0xC2 ? 2 : 0;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return c <= 0xF4 ? 4 : 0;
  return 0;
}

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      if (!status_.ok()) return status_;
      Token token;
      token.pos = pos_;
      token.begin = token.end = at_;
      if (at_ >= text_.size()) {
        tokens.push_back(token);
        return tokens;
      }
      absl::Status s = Next(&token);
      if (!s.ok()) return s;
      token.end = at_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  unsigned char Peek(size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? static_cast<unsigned char>(text_[at_ + ahead]) : 0;
  }

  // Advances over one code point, keeping the position; an invalid sequence is an error.
  bool Advance() {
    unsigned char c = Peek();
    size_t len = SequenceLength(c);
    if (len == 0 || at_ + len > text_.size()) return Invalid();
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text_[at_ + k]) & 0xC0) != 0x80) return Invalid();
    }
    at_ += len;
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    return true;
  }

  bool Invalid() {
    if (status_.ok()) status_ = ErrorAt(pos_, "the query is not valid UTF-8");
    return false;
  }

  void SkipSpaceAndComments() {
    while (at_ < text_.size() && status_.ok()) {
      unsigned char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        Advance();
      } else if (c == '/' && Peek(1) == '/') {
        while (at_ < text_.size() && Peek() != '\n' && Advance()) {
        }
      } else if (c == '/' && Peek(1) == '*') {
        Position start = pos_;
        Advance();
        Advance();
        while (at_ < text_.size() && !(Peek() == '*' && Peek(1) == '/')) {
          if (!Advance()) return;
        }
        if (at_ >= text_.size()) {
          status_ = ErrorAt(start, "unterminated comment: /* has no */");
          return;
        }
        Advance();
        Advance();
      } else if (c == 0xE3 && Peek(1) == 0x80 && Peek(2) == 0x80) {
        Advance();  // U+3000 ideographic space, common in Chinese text
      } else {
        return;
      }
    }
  }

  static bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
  static bool IsIdentPart(unsigned char c) { return IsIdentStart(c) || std::isdigit(c); }

  absl::Status Next(Token* token) {
    unsigned char c = Peek();
    if (IsIdentStart(c)) {
      size_t begin = at_;
      while (at_ < text_.size() && IsIdentPart(Peek())) {
        if (Peek() == 0xE3 && Peek(1) == 0x80 && Peek(2) == 0x80) break;  // U+3000
        if (!Advance()) return status_;
      }
      token->kind = TokenKind::kIdentifier;
      token->text = text_.substr(begin, at_ - begin);
      return absl::OkStatus();
    }
    if (std::isdigit(c)) return Number(token);
    if (c == '\'' || c == '"') return String(token);
    if (c == '`') {
      Advance();
      size_t begin = at_;
      while (at_ < text_.size() && Peek() != '`') {
        if (!Advance()) return status_;
      }
      if (at_ >= text_.size()) return ErrorAt(token->pos, "unterminated `quoted name`");
      token->kind = TokenKind::kQuotedIdentifier;
      token->text = text_.substr(begin, at_ - begin);
      Advance();
      if (token->text.empty()) return ErrorAt(token->pos, "empty `quoted name`");
      return absl::OkStatus();
    }
    if (c == '$') {
      Advance();
      size_t begin = at_;
      while (at_ < text_.size() && IsIdentPart(Peek())) {
        if (!Advance()) return status_;
      }
      if (at_ == begin) return ErrorAt(token->pos, "expected a parameter name after $");
      token->kind = TokenKind::kParameter;
      token->text = text_.substr(begin, at_ - begin);
      return absl::OkStatus();
    }
    static const char* const kTwo[] = {"..", "<=", ">=", "<>", "!="};
    for (const char* two : kTwo) {
      if (c == static_cast<unsigned char>(two[0]) && Peek(1) == static_cast<unsigned char>(two[1])) {
        token->kind = TokenKind::kSymbol;
        token->text = two;
        if (token->text == "!=") token->text = "<>";
        Advance();
        Advance();
        return absl::OkStatus();
      }
    }
    static const std::string kOne = "()[]{},:.*-<>=+|;/%";
    if (c < 0x80 && kOne.find(static_cast<char>(c)) != std::string::npos) {
      token->kind = TokenKind::kSymbol;
      token->text = std::string(1, static_cast<char>(c));
      Advance();
      return absl::OkStatus();
    }
    if (c < 0x20 || c == 0x7F) return ErrorAt(pos_, "unexpected control character");
    return ErrorAt(pos_, absl::StrCat("unexpected character '", std::string(1, static_cast<char>(c)),
                                      "'"));
  }

  absl::Status Number(Token* token) {
    size_t begin = at_;
    while (std::isdigit(Peek())) Advance();
    bool is_float = false;
    if (Peek() == '.' && std::isdigit(Peek(1))) {  // "1..3" stays an integer and ".."
      is_float = true;
      Advance();
      while (std::isdigit(Peek())) Advance();
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (std::isdigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && std::isdigit(Peek(2))))) {
      is_float = true;
      Advance();
      Advance();
      while (std::isdigit(Peek())) Advance();
    }
    if (IsIdentStart(Peek())) {
      return ErrorAt(pos_, "a number must not run into a name; put a space between them");
    }
    token->kind = is_float ? TokenKind::kFloat : TokenKind::kInteger;
    token->text = text_.substr(begin, at_ - begin);
    return absl::OkStatus();
  }

  absl::Status String(Token* token) {
    unsigned char quote = Peek();
    Advance();
    std::string out;
    while (true) {
      if (at_ >= text_.size()) {
        return ErrorAt(token->pos, "unterminated string: the closing quote is missing");
      }
      unsigned char c = Peek();
      if (c == quote) {
        Advance();
        break;
      }
      if (c == '\\') {
        Position escape = pos_;
        Advance();
        unsigned char e = Peek();
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case '\\': out += '\\'; break;
          case '\'': out += '\''; break;
          case '"': out += '"'; break;
          default:
            return ErrorAt(escape, "unknown escape in string; use \\\\, \\', \\\", \\n or \\t");
        }
        Advance();
        continue;
      }
      size_t from = at_;
      if (!Advance()) return status_;
      out.append(text_, from, at_ - from);
    }
    token->kind = TokenKind::kString;
    token->text = std::move(out);
    return absl::OkStatus();
  }

  const std::string& text_;
  size_t at_ = 0;
  Position pos_;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(const std::string& query) {
  if (query.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the query is ", query.size(), " bytes; at most ", kMaxQueryBytes,
                     " are accepted"));
  }
  return Lexer(query).Run();
}

}  // namespace kg::cypher
