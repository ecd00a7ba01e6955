// The parser of kg's Cypher subset (docs/cypher.md): tokens to a checked Query.
//
// Besides the grammar it checks what needs no store: labels are node and edge types of
// the model (an unknown one is an error suggesting the nearest), every variable used is
// bound by a pattern, variable-length edges have an upper bound of at most
// kMaxVariableHops, functions exist and take the right arguments, count() appears only
// in RETURN. Writing clauses (CREATE, MERGE, DELETE, SET, REMOVE) are refused: the
// language is read-only.
//
// Every error is INVALID_ARGUMENT reading "line L, column C: <what is wrong>".
#ifndef KG_SERVICES_QUERY_CYPHER_PARSER_H_
#define KG_SERVICES_QUERY_CYPHER_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/cypher/ast.h"

namespace kg::cypher {

// Upper bound of a variable-length edge (`*1..6`).
inline constexpr int kMaxVariableHops = 6;

// The labels a query may use. Default: the model's (storage/graph_types.h).
struct Vocabulary {
  std::vector<std::string> node_types;
  std::vector<std::string> edge_types;
  // The model's labels, built once.
  static const Vocabulary& Model();
};

absl::StatusOr<Query> Parse(const std::string& text, const Vocabulary& vocabulary = Vocabulary::Model());

// The words of `known` nearest to `word` by edit distance (at most 2, or a third of the
// word's length for long ones), nearest first; empty when none is near.
std::vector<std::string> NearestWords(const std::string& word, const std::vector<std::string>& known);

}  // namespace kg::cypher

#endif  // KG_SERVICES_QUERY_CYPHER_PARSER_H_
