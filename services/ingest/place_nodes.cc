// AddPlaces: the places a report names (places/place_recognizer.h), as shared place
// nodes, with
//   - mentions edges from the innermost task, review item, area or glossary term whose
//     text holds an occurrence (else its section), and from a goal whose text holds it;
//   - located_in edges (shared) from each division up its chain to the province, the
//     ancestors added as place nodes too;
//   - includes edges from a glossary term to the places and other glossary terms its
//     definition lists (…五镇：是指某某区甲镇、乙镇… -> 甲镇, 乙镇, …; 某某区 only
//     qualifies 甲镇 and is not listed).
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/ingest/extraction_steps.h"
#include "services/ingest/places/gazetteer.h"
#include "services/ingest/places/place_recognizer.h"
#include "services/ingest/text_util.h"

namespace kg::ingest {
namespace {

using places::Gazetteer;

constexpr size_t kMaxMentionSpans = 5;

struct Owner {
  storage::NodeId id = 0;
  Range range;
  bool goal = false;
};

std::string Attr(const storage::Node& n, const std::string& key) {
  auto it = n.attrs.find(key);
  return it == n.attrs.end() ? "" : it->second;
}

// The texts that may mention a place: tasks, areas, review items and goals (from
// AddStructure and AddGoals) and glossary entries.
std::vector<Owner> Owners(const ExtractionState& st) {
  std::vector<Owner> owners;
  for (const TextOwner& o : st.text_owners) {
    const storage::Node* node = st.graph->FindNode(o.id);
    bool goal = node != nullptr && node->type == "goal";
    for (const Range& r : o.ranges) {
      if (!r.empty()) owners.push_back({o.id, r, goal});
    }
  }
  for (const storage::Node& n : st.graph->nodes()) {
    if (n.type != "term" || Attr(n, "source") != "glossary" || n.spans.size() < 2) continue;
    owners.push_back({n.id, {n.spans[1].begin, n.spans[1].end}, false});
  }
  return owners;
}

// The glossary entries: term node, name range, whole entry.
struct GlossaryEntryRef {
  storage::NodeId id = 0;
  std::u32string name;
  Range head;
  Range whole;
};

std::vector<GlossaryEntryRef> GlossaryEntries(const ExtractionState& st) {
  std::vector<GlossaryEntryRef> out;
  for (const storage::Node& n : st.graph->nodes()) {
    if (n.type != "term" || Attr(n, "source") != "glossary" || n.spans.size() < 2) continue;
    out.push_back({n.id,
                   Utf8ToU32(n.name),
                   {n.spans[0].begin, n.spans[0].end},
                   {n.spans[1].begin, n.spans[1].end}});
  }
  return out;
}

bool IsListMark(char32_t c) {
  static constexpr std::u32string_view kMarks = U"、，,；;。：:—–和及与（()）\n";
  return kMarks.find(c) != std::u32string_view::npos;
}

// Where a glossary definition starts: after the colon that follows the name, or after
// 是指 / 指 when there is none.
uint32_t DefinitionStart(std::u32string_view text, const GlossaryEntryRef& e) {
  for (uint32_t p = e.head.end; p < e.whole.end && p < e.head.end + 16; ++p) {
    if (text[p] == U'：' || text[p] == U':') return p + 1;
  }
  return e.head.end;
}

}  // namespace

void AddPlaces(ExtractionState* st) {
  GraphBuilder& g = *st->graph;
  std::u32string_view text = st->text;
  if (st->gazetteer == nullptr && st->warnings != nullptr) {
    st->warnings->push_back("no gazetteer: places not resolved");
  }
  places::PlaceRecognizer recognizer(st->gazetteer);

  const storage::Node* report = g.FindNode(st->report_node);
  if (report == nullptr) return;
  Range title =
      report->spans.empty() ? Range{} : Range{report->spans[0].begin, report->spans[0].end};
  std::string report_name = report->name;
  Gazetteer::Index region = recognizer.ResolveRegion(Utf8ToU32(Attr(*report, "region")), text);
  if (region != Gazetteer::kNone) {
    g.AddOwned("report", "report", report_name,
               {{"division_code", st->gazetteer->CodeString(region)}}, {});
  }

  places::RecognizedPlaces found = recognizer.Recognize(text, region);
  if (found.places.empty()) return;

  // Place nodes, spanning their first occurrence.
  std::vector<storage::NodeId> ids(found.places.size(), 0);
  auto add_place = [&](const places::Place& p, Range span) {
    storage::Attrs attrs = {{"subtype", p.subtype}};
    if (p.division != Gazetteer::kNone) {
      attrs["code"] = p.key;
      attrs["level"] = std::string(places::LevelName(st->gazetteer->level(p.division)));
    }
    return g.AddSharedKeyed("place", p.key, p.name, std::move(attrs), {span});
  };
  for (const places::PlaceMention& m : found.mentions) {
    if (ids[m.place] == 0) ids[m.place] = add_place(found.places[m.place], {m.begin, m.end});
  }

  // located_in, up the gazetteer chain; ancestors never named span the title.
  std::map<Gazetteer::Index, storage::NodeId> division_nodes;
  std::map<Gazetteer::Index, Range> first_span;
  for (const places::PlaceMention& m : found.mentions) {
    const places::Place& p = found.places[m.place];
    if (p.division == Gazetteer::kNone) continue;
    division_nodes.emplace(p.division, ids[m.place]);
    first_span.emplace(p.division, Range{m.begin, m.end});
  }
  std::set<Gazetteer::Index> linked;
  const std::vector<std::pair<Gazetteer::Index, storage::NodeId>> named(division_nodes.begin(),
                                                                        division_nodes.end());
  for (const auto& [division, node] : named) {
    Gazetteer::Index child = division;
    storage::NodeId child_node = node;
    while (linked.insert(child).second) {
      Gazetteer::Index parent = st->gazetteer->parent(child);
      if (parent == Gazetteer::kNone) break;
      storage::NodeId parent_node;
      if (auto it = division_nodes.find(parent); it != division_nodes.end()) {
        parent_node = it->second;
      } else {
        parent_node = add_place(recognizer.DivisionPlace(parent), title);
        division_nodes.emplace(parent, parent_node);
      }
      auto span = first_span.find(child);
      g.AddSharedEdge("located_in", child_node, parent_node,
                      {span != first_span.end() ? span->second : title});
      child = parent;
      child_node = parent_node;
    }
  }

  // mentions: the innermost owner of each occurrence, and goals holding it.
  std::vector<Owner> owners = Owners(*st);
  struct MentionEdge {
    std::string surface;
    std::vector<Range> spans;
  };
  std::map<std::pair<storage::NodeId, storage::NodeId>, MentionEdge> mentions;
  std::vector<std::pair<storage::NodeId, storage::NodeId>> order;
  auto mention = [&](storage::NodeId owner, storage::NodeId place, Range at) {
    auto [it, fresh] = mentions.try_emplace({owner, place});
    if (fresh) {
      it->second.surface = g.Text(at);
      order.push_back({owner, place});
    }
    if (it->second.spans.size() < kMaxMentionSpans) it->second.spans.push_back(at);
  };
  for (const places::PlaceMention& m : found.mentions) {
    Range at{m.begin, m.end};
    const Owner* inner = nullptr;
    for (const Owner& o : owners) {
      if (o.range.begin > m.begin || o.range.end < m.end) continue;
      if (o.goal) {
        mention(o.id, ids[m.place], at);
      } else if (inner == nullptr || o.range.size() < inner->range.size()) {
        inner = &o;
      }
    }
    storage::NodeId owner = inner != nullptr ? inner->id : 0;
    if (owner == 0) {
      int section = SectionAt(*st->layout, m.begin);
      owner = section >= 0 && static_cast<size_t>(section) < st->section_nodes.size()
                  ? st->section_nodes[section]
                  : st->report_node;
    }
    mention(owner, ids[m.place], at);
  }
  for (const auto& key : order) {
    const MentionEdge& e = mentions[key];
    g.AddEdge("mentions", key.first, key.second, {{"surface", e.surface}}, e.spans);
  }

  // includes: what a glossary definition lists. An item stands between list marks; a
  // division right before another inside it qualifies that one (某某区|甲镇).
  std::vector<GlossaryEntryRef> entries = GlossaryEntries(*st);
  for (const GlossaryEntryRef& entry : entries) {
    uint32_t begin = DefinitionStart(text, entry);
    struct Item {
      Range at;
      storage::NodeId id;
    };
    std::vector<Item> items;
    std::vector<const places::PlaceMention*> inside;
    for (const places::PlaceMention& m : found.mentions) {
      if (m.begin >= begin && m.end <= entry.whole.end) inside.push_back(&m);
    }
    for (size_t k = 0; k < inside.size(); ++k) {
      const places::PlaceMention& m = *inside[k];
      const places::Place& p = found.places[m.place];
      if (k + 1 < inside.size() && inside[k + 1]->begin == m.end &&
          p.division != Gazetteer::kNone) {
        const places::Place& next = found.places[inside[k + 1]->place];
        if (next.division != Gazetteer::kNone &&
            st->gazetteer->IsWithin(next.division, p.division)) {
          continue;  // a qualifier
        }
      }
      bool before = m.begin == begin || IsListMark(text[m.begin - 1]) ||
                    (k > 0 && inside[k - 1]->end == m.begin) ||
                    (m.begin >= 2 && text.substr(m.begin - 2, 2) == U"是指") ||
                    (m.begin >= 2 && text.substr(m.begin - 2, 2) == U"包括") ||
                    text[m.begin - 1] == U'指';
      bool after = m.end >= entry.whole.end || IsListMark(text[m.end]);
      if (before && after) items.push_back({{m.begin, m.end}, ids[m.place]});
    }
    for (const GlossaryEntryRef& other : entries) {
      if (other.id == entry.id || other.name.size() < 2) continue;
      std::u32string_view def = text.substr(begin, entry.whole.end - begin);
      for (size_t p = def.find(other.name); p != std::u32string_view::npos;
           p = def.find(other.name, p + 1)) {
        uint32_t b = begin + static_cast<uint32_t>(p);
        uint32_t e = b + static_cast<uint32_t>(other.name.size());
        bool before = b == begin || IsListMark(text[b - 1]);
        bool after = e >= entry.whole.end || IsListMark(text[e]);
        if (before && after) items.push_back({{b, e}, other.id});
      }
    }
    if (items.size() < 2) continue;  // a definition that names one thing lists nothing
    for (const Item& item : items) g.AddEdge("includes", entry.id, item.id, {}, {item.at});
  }
}

}  // namespace kg::ingest
