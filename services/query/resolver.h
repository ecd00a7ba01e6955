// Resolver: what a name the user typed means. Shared by every question that takes a
// name (mentions, term, path, show, neighbors).
//
// Steps, in order; the first that finds anything in scope decides:
//   id          16 hex digits naming a node
//   name        the exact name, folded (NFKC, traditional -> simplified, no spacing):
//               長三角一體化 finds 长三角一体化
//   alias       a term whose `alias` attribute is the name
//   glossary    a term whose name contains the name (一网通办 -> 政务服务"一网通办")
//   short_name  a place named by the name plus an administrative suffix (枫泾 -> 枫泾镇)
//   fulltext    names holding at least half of the name's character bigrams
// Within the deciding step candidates are ranked by the caller's preferred types, then
// full-text score, then shorter name, then report order. The answer is about the best
// candidate together with the same-typed, same-named nodes of other reports (one term
// in several reports); it is ambiguous when another name or type ranks as high.
#ifndef KG_SERVICES_QUERY_RESOLVER_H_
#define KG_SERVICES_QUERY_RESOLVER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/report_scope.h"
#include "storage/graph_store.h"

namespace kg::query {

struct Candidate {
  storage::Node node;
  std::string match;  // the step that found it
  double score = 1;   // full-text score; 1 before full text
};

struct Resolution {
  std::string query;
  std::vector<storage::Node> entities;  // what the answer is about, best first
  std::string match;
  bool ambiguous = false;
  std::vector<Candidate> candidates;  // best first, at most kMaxCandidates
};

struct ResolveOptions {
  // Node types the question is about, best first; empty: any type.
  std::vector<std::string> types;
  // Only these types are candidates at all (else `types` only ranks); the NOT_FOUND
  // message then says "no <what> named X".
  bool only_types = false;
  // What the question calls the thing, for messages: "entity", "term", ...
  std::string what = "entity";
};

inline constexpr size_t kMaxCandidates = 20;

class Resolver {
 public:
  // `store` and `scope` must outlive the resolver.
  Resolver(storage::GraphStore* store, const ReportScope* scope) : store_(store), scope_(scope) {}

  // INVALID_ARGUMENT for an empty or over-long name; NOT_FOUND ("no term named X; did
  // you mean A, B?") when nothing in scope matches.
  absl::StatusOr<Resolution> Resolve(const std::string& name, const ResolveOptions& options);

 private:
  // Candidates of one step, in scope and of acceptable type.
  absl::StatusOr<std::vector<Candidate>> Step(const std::string& step, const std::string& name,
                                              const std::string& folded,
                                              const ResolveOptions& options);
  absl::Status NotFound(const std::string& name, const ResolveOptions& options);
  // Where each shared candidate is first named in the scope's reports, for ranking: the
  // store leaves shared nodes' spans out of node reads (graph_store.h GetSpans). Empty
  // unless two or more candidates are shared.
  absl::StatusOr<std::map<storage::NodeId, uint32_t>> SharedBegins(
      const std::vector<Candidate>& found);

  storage::GraphStore* store_;
  const ReportScope* scope_;
};

// Checks a name or phrase a user typed: INVALID_ARGUMENT naming `what` when empty or
// longer than 1024 bytes.
absl::Status CheckPhrase(const std::string& phrase, const char* what);

}  // namespace kg::query

#endif  // KG_SERVICES_QUERY_RESOLVER_H_
