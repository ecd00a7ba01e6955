// JSON reader; see json_reader.h.
#include "clients/score/json_reader.h"

#include <cstdint>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace kg::score {
namespace {

constexpr int kMaxDepth = 200;

// A recursive-descent parser over one document. Each method returns false after
// recording the first error in `error_`.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  absl::StatusOr<JsonValue> Document() {
    JsonValue v;
    if (Value(&v, 0)) {
      Skip();
      if (pos_ == s_.size()) return v;
      Fail("text after the document");
    }
    return absl::InvalidArgumentError(absl::StrCat("bad JSON at offset ", pos_, ": ", error_));
  }

 private:
  bool Fail(const char* what) {
    if (error_.empty()) error_ = what;
    return false;
  }
  void Skip() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  static void AppendUtf8(uint32_t c, std::string* out) {
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (c >> 6)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (c >> 12)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (c >> 18)));
      out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > s_.size()) return Fail("short \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return Fail("bad \\u escape");
      }
    }
    pos_ += 4;
    *out = v;
    return true;
  }
  bool String(std::string* out) {
    if (!Peek('"')) return Fail("expected a string");
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      const char c = s_[pos_++];
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'u': {
          uint32_t c1 = 0;
          if (!Hex4(&c1)) return false;
          if (c1 >= 0xD800 && c1 < 0xDC00 && Literal("\\u")) {
            uint32_t c2 = 0;
            if (!Hex4(&c2)) return false;
            if (c2 < 0xDC00 || c2 >= 0xE000) return Fail("unpaired surrogate");
            c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
          } else if (c1 >= 0xD800 && c1 < 0xE000) {
            c1 = 0xFFFD;  // a lone surrogate cannot be UTF-8
          }
          AppendUtf8(c1, out);
          break;
        }
        default:
          --pos_;
          return Fail("bad escape");
      }
    }
    if (pos_ >= s_.size()) return Fail("unterminated string");
    ++pos_;
    return true;
  }
  bool Number(JsonValue* v) {
    const size_t start = pos_;
    if (Peek('-')) ++pos_;
    const size_t digits = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    if (pos_ == digits) return Fail("expected a value");
    if (Peek('.')) {
      ++pos_;
      const size_t fraction = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == fraction) return Fail("bad number");
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      const size_t exponent = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == exponent) return Fail("bad number");
    }
    const std::string number(s_.substr(start, pos_ - start));
    v->kind = JsonValue::Kind::kNumber;
    v->number = std::strtod(number.c_str(), nullptr);
    return true;
  }
  bool Value(JsonValue* v, int depth) {
    if (depth > kMaxDepth) return Fail("nested too deeply");
    Skip();
    if (pos_ >= s_.size()) return Fail("unexpected end");
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v->kind = JsonValue::Kind::kObject;
      Skip();
      if (Peek('}')) return ++pos_, true;
      while (true) {
        Skip();
        std::string key;
        if (!String(&key)) return false;
        Skip();
        if (!Peek(':')) return Fail("expected ':'");
        ++pos_;
        JsonValue member;
        if (!Value(&member, depth + 1)) return false;
        v->object[key] = std::move(member);
        Skip();
        if (Peek(',')) {
          ++pos_;
          continue;
        }
        if (Peek('}')) return ++pos_, true;
        return Fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      ++pos_;
      v->kind = JsonValue::Kind::kArray;
      Skip();
      if (Peek(']')) return ++pos_, true;
      while (true) {
        v->array.emplace_back();
        if (!Value(&v->array.back(), depth + 1)) return false;
        Skip();
        if (Peek(',')) {
          ++pos_;
          continue;
        }
        if (Peek(']')) return ++pos_, true;
        return Fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      v->kind = JsonValue::Kind::kString;
      return String(&v->string);
    }
    if (Literal("null")) return v->kind = JsonValue::Kind::kNull, true;
    if (Literal("true")) return v->kind = JsonValue::Kind::kBool, v->boolean = true, true;
    if (Literal("false")) return v->kind = JsonValue::Kind::kBool, v->boolean = false, true;
    return Number(v);
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

bool JsonValue::has(const std::string& key) const {
  return kind == Kind::kObject && object.count(key) > 0;
}

const JsonValue& JsonValue::operator[](const std::string& key) const {
  static const JsonValue kNull;
  if (kind != Kind::kObject) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : it->second;
}

absl::StatusOr<JsonValue> ParseJson(std::string_view text) { return Parser(text).Document(); }

}  // namespace kg::score
