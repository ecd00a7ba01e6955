// Graph questions and text matching for the scorer; see graph_queries.h.
#include "clients/score/graph_queries.h"

#include <algorithm>
#include <set>

#include "storage/fulltext.h"

namespace kg::score {
namespace {

// Administrative suffixes a report may leave off a division's name, longest first so
// that 自治区 is tried before 区.
constexpr std::string_view kAdminSuffixes[] = {
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "街道", "地区", "省",
    "市",         "区",     "县",     "镇",     "乡",     "村",   "旗",   "盟",
};
constexpr std::string_view kAutonomousSuffixes[] = {"自治区", "自治州", "自治县", "自治旗"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether `rest` (what follows a gold string in a place name) is an administrative
// suffix, allowing the ethnic group of an autonomous division: 壮族自治区, 维吾尔自治区.
bool IsAdminSuffix(std::string_view rest) {
  for (std::string_view s : kAdminSuffixes) {
    if (rest == s) return true;
  }
  for (std::string_view s : kAutonomousSuffixes) {
    if (!EndsWith(rest, s)) continue;
    std::string_view people = rest.substr(0, rest.size() - s.size());
    // An ethnic group's name: up to five characters ending in 族, or 维吾尔.
    if (people == "维吾尔") return true;
    if (EndsWith(people, "族") && people.size() <= 5 * 3) return true;
  }
  return false;
}

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// The place nodes `place` names, with their incoming mentions edges considered.
std::set<std::string> PlaceIds(const ExportIndex& index, std::string_view place) {
  std::set<std::string> ids;
  const std::string folded = Fold(place);
  for (const ExportNode* n : index.Nodes("place")) {
    if (PlaceNameMatches(place, n->name)) {
      ids.insert(n->id);
      continue;
    }
    for (const ExportEdge* e : index.EdgesInto(n->id, "mentions")) {
      if (!e->Attr("surface").empty() && Fold(e->Attr("surface")) == folded) {
        ids.insert(n->id);
        break;
      }
    }
  }
  return ids;
}

}  // namespace

std::string Fold(std::string_view text) { return storage::FoldText(text); }

bool SameText(std::string_view a, std::string_view b) { return Fold(a) == Fold(b); }

double BigramShare(std::string_view phrase, std::string_view name) {
  const std::vector<std::string> want = storage::Bigrams(Fold(phrase));
  if (want.empty()) return 0;
  const std::vector<std::string> have_list = storage::Bigrams(Fold(name));
  const std::set<std::string> have(have_list.begin(), have_list.end());
  size_t hit = 0;
  for (const std::string& b : want) hit += have.count(b);
  return static_cast<double>(hit) / static_cast<double>(want.size());
}

bool PlaceNameMatches(std::string_view gold, std::string_view name) {
  const std::string g = Fold(gold);
  const std::string n = Fold(name);
  if (g.empty()) return false;
  if (g == n) return true;
  return n.size() > g.size() && n.compare(0, g.size(), g) == 0 &&
         IsAdminSuffix(std::string_view(n).substr(g.size()));
}

bool PlaceFound(const ExportIndex& index, std::string_view gold) {
  return !PlaceIds(index, gold).empty();
}

std::vector<std::string> TasksServing(const ExportIndex& index, std::string_view phrase) {
  std::vector<std::string> out;
  for (const ExportNode* goal : index.Nodes("goal")) {
    if (BigramShare(phrase, goal->name) < kServesMinShare) continue;
    for (const ExportEdge* e : index.EdgesInto(goal->id, "serves")) {
      const ExportNode* task = index.Node(e->src);
      if (task != nullptr && task->type == "task") out.push_back(task->name);
    }
  }
  SortUnique(&out);
  return out;
}

std::vector<std::string> MentionersOf(const ExportIndex& index, std::string_view term) {
  std::vector<std::string> out;
  for (const ExportNode* n : index.Nodes("term")) {
    if (!SameText(n->name, term)) continue;
    for (const ExportEdge* e : index.EdgesInto(n->id, "mentions")) {
      if (const ExportNode* src = index.Node(e->src)) out.push_back(src->name);
    }
  }
  SortUnique(&out);
  return out;
}

std::vector<std::string> PlaceMentioners(const ExportIndex& index, std::string_view place) {
  std::vector<std::string> out;
  for (const std::string& id : PlaceIds(index, place)) {
    for (const ExportEdge* e : index.EdgesInto(id, "mentions")) {
      if (const ExportNode* src = index.Node(e->src)) out.push_back(src->name);
    }
  }
  SortUnique(&out);
  return out;
}

std::vector<std::string> TermTexts(const ExportIndex& index, std::string_view term) {
  std::vector<std::string> out;
  for (const ExportNode* n : index.Nodes("term")) {
    if (!SameText(n->name, term)) continue;
    if (!n->Attr("definition").empty()) out.push_back(n->Attr("definition"));
    for (const ExportEdge& e : index.graph().edges) {
      if (e.type != "includes" || e.src != n->id) continue;
      if (const ExportNode* dst = index.Node(e.dst)) out.push_back(dst->name);
    }
  }
  return out;
}

int OrdinalNumber(std::string_view ordinal) {
  // Keep only digits and Chinese numerals: "（四）", "4.", "第四" all read 4.
  static constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四",
                                                 "五", "六", "七", "八", "九"};
  int value = 0;
  int pending = -1;  // a digit waiting for 十 or the end
  bool any = false;
  size_t i = 0;
  while (i < ordinal.size()) {
    const unsigned char c = static_cast<unsigned char>(ordinal[i]);
    if (c >= '0' && c <= '9') {
      pending = (pending < 0 ? 0 : pending) * 10 + (c - '0');
      any = true;
      ++i;
      continue;
    }
    bool matched = false;
    for (int d = 0; d < 10; ++d) {
      if (ordinal.substr(i, kDigits[d].size()) == kDigits[d]) {
        pending = d;
        any = matched = true;
        i += kDigits[d].size();
        break;
      }
    }
    if (matched) continue;
    if (ordinal.substr(i, 3) == "十") {
      value += (pending < 0 ? 1 : pending) * 10;
      pending = -1;
      any = true;
      i += 3;
      continue;
    }
    if (ordinal.substr(i, 3) == "百") {
      value += (pending < 0 ? 1 : pending) * 100;
      pending = -1;
      any = true;
      i += 3;
      continue;
    }
    if (c >= 0x80) {  // skip one other UTF-8 character (brackets, 第, 是)
      ++i;
      while (i < ordinal.size() && (static_cast<unsigned char>(ordinal[i]) & 0xC0) == 0x80) ++i;
    } else {
      ++i;
    }
  }
  if (!any) return -1;
  return value + (pending < 0 ? 0 : pending);
}

}  // namespace kg::score
