// Reading gold annotations; see gold_annotation.h.
#include "clients/score/gold_annotation.h"

#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/score/json_reader.h"

namespace kg::score {
namespace {

absl::Status Bad(const std::string& field, const char* what) {
  return absl::InvalidArgumentError(absl::StrCat("gold annotation: ", field, " ", what));
}

// The array member `key`, or an empty array if absent; error if present but not one.
absl::StatusOr<const std::vector<JsonValue>*> ArrayMember(const JsonValue& object,
                                                          const std::string& key,
                                                          const std::string& where) {
  static const std::vector<JsonValue> kEmpty;
  const JsonValue& v = object[key];
  if (v.is_null()) return &kEmpty;
  if (!v.is_array()) return Bad(where + key, "is not an array");
  return &v.array;
}

absl::Status Strings(const JsonValue& object, const std::string& key, const std::string& where,
                     std::vector<std::string>* out) {
  auto items = ArrayMember(object, key, where);
  if (!items.ok()) return items.status();
  for (size_t i = 0; i < (*items)->size(); ++i) {
    const JsonValue& v = (**items)[i];
    if (!v.is_string()) return Bad(absl::StrCat(where, key, "[", i, "]"), "is not a string");
    out->push_back(v.string);
  }
  return absl::OkStatus();
}

absl::Status String(const JsonValue& object, const std::string& key, const std::string& where,
                    bool required, std::string* out) {
  const JsonValue& v = object[key];
  if (v.is_null() && !required) return absl::OkStatus();
  if (!v.is_string()) return Bad(where + key, "is not a string");
  *out = v.string;
  return absl::OkStatus();
}

absl::Status Areas(const JsonValue& gold, const std::string& key, const char* children_key,
                   std::vector<GoldArea>* out) {
  auto areas = ArrayMember(gold, key, "");
  if (!areas.ok()) return areas.status();
  for (size_t i = 0; i < (*areas)->size(); ++i) {
    const JsonValue& a = (**areas)[i];
    const std::string where = absl::StrCat(key, "[", i, "].");
    if (!a.is_object()) return Bad(absl::StrCat(key, "[", i, "]"), "is not an object");
    GoldArea area;
    if (auto s = String(a, "ordinal", where, false, &area.ordinal); !s.ok()) return s;
    if (auto s = String(a, "title", where, true, &area.title); !s.ok()) return s;
    if (auto s = Strings(a, children_key, where, &area.children); !s.ok()) return s;
    out->push_back(std::move(area));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<GoldAnnotation> ParseGoldAnnotation(std::string_view json) {
  absl::StatusOr<JsonValue> parsed = ParseJson(json);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("gold annotation: ", parsed.status().message()));
  }
  const JsonValue& gold = *parsed;
  if (!gold.is_object()) return Bad("the document", "is not an object");
  GoldAnnotation out;

  const JsonValue& report = gold["report"];
  if (!report.is_object()) return Bad("report", "is not an object");
  if (auto s = String(report, "region", "report.", true, &out.region); !s.ok()) return s;
  if (!report["year"].is_number() || report["year"].number != std::floor(report["year"].number)) {
    return Bad("report.year", "is not a whole number");
  }
  out.year = static_cast<int>(report["year"].number);
  if (auto s = String(report, "title_contains", "report.", false, &out.title_contains); !s.ok()) {
    return s;
  }

  if (auto s = Areas(gold, "task_areas", "tasks", &out.task_areas); !s.ok()) return s;
  if (auto s = Strings(gold, "governance_tasks", "", &out.governance_tasks); !s.ok()) return s;
  if (auto s = Areas(gold, "review_areas", "items", &out.review_areas); !s.ok()) return s;

  auto targets = ArrayMember(gold, "targets", "");
  if (!targets.ok()) return targets.status();
  for (size_t i = 0; i < (*targets)->size(); ++i) {
    const JsonValue& t = (**targets)[i];
    const std::string where = absl::StrCat("targets[", i, "].");
    if (!t.is_object()) return Bad(absl::StrCat("targets[", i, "]"), "is not an object");
    GoldTarget target;
    if (auto s = String(t, "indicator", where, true, &target.indicator); !s.ok()) return s;
    if (t["value"].is_number()) {
      target.value = t["value"].number;
    } else if (!t["value"].is_null()) {
      return Bad(where + "value", "is neither a number nor null");
    }
    if (auto s = String(t, "unit", where, false, &target.unit); !s.ok()) return s;
    if (auto s = String(t, "qualifier", where, false, &target.qualifier); !s.ok()) return s;
    if (auto s = String(t, "kind", where, false, &target.kind); !s.ok()) return s;
    out.targets.push_back(std::move(target));
  }

  auto terms = ArrayMember(gold, "terms", "");
  if (!terms.ok()) return terms.status();
  for (size_t i = 0; i < (*terms)->size(); ++i) {
    const JsonValue& t = (**terms)[i];
    if (!t.is_array() || t.array.size() != 2 || !t.array[0].is_string() ||
        !t.array[1].is_string()) {
      return Bad(absl::StrCat("terms[", i, "]"), "is not a [name, snippet] pair of strings");
    }
    out.terms.push_back({t.array[0].string, t.array[1].string});
  }

  if (auto s = Strings(gold, "places_admin_must", "", &out.places_admin); !s.ok()) return s;
  if (auto s = Strings(gold, "places_region_must", "", &out.places_region); !s.ok()) return s;
  if (auto s = Strings(gold, "places_infra_should", "", &out.places_infra); !s.ok()) return s;
  if (auto s = Strings(gold, "places_zone_should", "", &out.places_zone); !s.ok()) return s;
  if (auto s = Strings(gold, "not_places", "", &out.not_places); !s.ok()) return s;

  auto queries = ArrayMember(gold, "queries", "");
  if (!queries.ok()) return queries.status();
  for (size_t i = 0; i < (*queries)->size(); ++i) {
    const JsonValue& q = (**queries)[i];
    const std::string where = absl::StrCat("queries[", i, "].");
    if (!q.is_object()) return Bad(absl::StrCat("queries[", i, "]"), "is not an object");
    GoldQuery query;
    if (auto s = String(q, "id", where, true, &query.id); !s.ok()) return s;
    if (auto s = String(q, "op", where, true, &query.op); !s.ok()) return s;
    if (auto s = String(q, "q", where, true, &query.q); !s.ok()) return s;
    if (auto s = Strings(q, "expect", where, &query.expect); !s.ok()) return s;
    if (auto s = Strings(q, "forbid", where, &query.forbid); !s.ok()) return s;
    if (auto s = Strings(q, "expect_text", where, &query.expect_text); !s.ok()) return s;
    out.queries.push_back(std::move(query));
  }
  return out;
}

}  // namespace kg::score
