// A hand annotation of one work report (a "gold" file, e.g.
// tests/data/jinshan-2020.gold.json): what a careful analyst finds in the report, with
// every string copied from the report's text. The format:
//
//   {"report": {"region": "上海市金山区", "year": 2020, "title_contains": "…"},
//    "task_areas": [{"ordinal": "一", "title": "…", "tasks": ["…", …]}, …],
//    "governance_tasks": ["…", …],
//    "review_areas": [{"ordinal": "一", "title": "…", "items": ["…", …]}, …],
//    "targets": [{"indicator": "…", "value": 6.5 | null, "unit": "%",
//                 "qualifier": "左右", "kind": "growth|level|qualitative"}, …],
//    "terms": [["name", "a snippet of its definition"], …],
//    "places_admin_must": […], "places_region_must": […],
//    "places_infra_should": […], "places_zone_should": […],
//    "not_places": [words a naive tagger would take for places],
//    "queries": [{"id": "…", "op": "serves|term|place", "q": "…",
//                 "expect": [task names], "forbid": [task names],
//                 "expect_text": [strings the term's definition or includes must hold]}]}
//
// Every list may be empty (a report without a glossary has "terms": []); a missing
// list reads as empty.
#ifndef KG_CLIENTS_SCORE_GOLD_ANNOTATION_H_
#define KG_CLIENTS_SCORE_GOLD_ANNOTATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kg::score {

struct GoldArea {
  std::string ordinal;                // "一", as the report numbers it
  std::string title;                  // without the ordinal and the closing 。
  std::vector<std::string> children;  // tasks of a plan area, items of a review area
};

struct GoldTarget {
  std::string indicator;
  std::optional<double> value;  // absent for a target without a number (kind qualitative)
  std::string unit;             // "" when there is no value
  std::string qualifier;        // 左右, 以上, 不低于, 以内, 高于, 下降, … or ""
  std::string kind;             // growth, level or qualitative (informative only)
};

struct GoldTerm {
  std::string name;
  std::string snippet;  // must occur in the extracted definition
};

struct GoldQuery {
  std::string id;
  std::string op;  // serves, term or place; others are reported as not evaluated
  std::string q;
  std::vector<std::string> expect;
  std::vector<std::string> forbid;
  std::vector<std::string> expect_text;
};

struct GoldAnnotation {
  std::string region;  // the report's identity
  int year = 0;
  std::string title_contains;
  std::vector<GoldArea> task_areas;
  std::vector<std::string> governance_tasks;
  std::vector<GoldArea> review_areas;
  std::vector<GoldTarget> targets;
  std::vector<GoldTerm> terms;
  std::vector<std::string> places_admin;   // places_admin_must
  std::vector<std::string> places_region;  // places_region_must
  std::vector<std::string> places_infra;   // places_infra_should
  std::vector<std::string> places_zone;    // places_zone_should
  std::vector<std::string> not_places;
  std::vector<GoldQuery> queries;
};

// Parses a gold file. INVALID_ARGUMENT naming the offending field (or the JSON error)
// when the text is not an annotation of the shape above.
absl::StatusOr<GoldAnnotation> ParseGoldAnnotation(std::string_view json);

}  // namespace kg::score

#endif  // KG_CLIENTS_SCORE_GOLD_ANNOTATION_H_
