// The questions a gold annotation asks of a graph, answered from the export graph the
// way kg's services answer them, and the text comparisons the scorer uses.
//
// Names are compared after storage::FoldText (NFKC, no whitespace, ASCII lower case,
// traditional -> simplified), the folding the store indexes names with, so "，" and
// "," or a stray space never decide a match.
//
// Thread-safety: all functions are safe to call concurrently.
#ifndef KG_CLIENTS_SCORE_GRAPH_QUERIES_H_
#define KG_CLIENTS_SCORE_GRAPH_QUERIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "clients/score/export_graph.h"

namespace kg::score {

// The share of a serves phrase's bigrams a goal name must hold for the goal to match,
// as the query service's default (services/query/query_engine.h).
inline constexpr double kServesMinShare = 0.75;

// `text` folded as the store folds names.
std::string Fold(std::string_view text);
// Whether `a` and `b` are the same after folding.
bool SameText(std::string_view a, std::string_view b);

// The share of `phrase`'s distinct bigrams (storage::Bigrams of the folded text) that
// `name` holds: 长三角一体化 in 长三角高质量一体化发展的桥头堡 is 4/5. 0 for a phrase
// without letters, digits or ideographs.
double BigramShare(std::string_view phrase, std::string_view name);

// Whether the gold place string `gold` names the place node called `name`: the same
// text, or the name without its administrative suffix (枫泾 for 枫泾镇, 内蒙古 for
// 内蒙古自治区, 广西 for 广西壮族自治区).
bool PlaceNameMatches(std::string_view gold, std::string_view name);

// Whether the graph names place `gold`: a place node matches it by PlaceNameMatches, or
// a mentions edge into a place node has `gold` as its attribute surface (the text as
// the report wrote it). The place contract of the ingest's place extraction.
bool PlaceFound(const ExportIndex& index, std::string_view gold);

// The names of the tasks (areas and tasks, not review achievements) with a serves edge
// into a goal whose name holds at least kServesMinShare of `phrase`'s bigrams; sorted,
// distinct. What `kgctl serves PHRASE` lists.
std::vector<std::string> TasksServing(const ExportIndex& index, std::string_view phrase);

// The names of the nodes (tasks, achievements, goals, terms) with a mentions edge into
// the term named `term`; sorted, distinct.
std::vector<std::string> MentionersOf(const ExportIndex& index, std::string_view term);

// The names of the nodes with a mentions edge into a place that `place` names (as
// PlaceFound matches it); sorted, distinct. What "what happens in 枫泾?" lists.
std::vector<std::string> PlaceMentioners(const ExportIndex& index, std::string_view place);

// What a reader of the term named `term` sees: its definitions and the names of what
// it includes (includes edges), for expect_text. Empty if there is no such term.
std::vector<std::string> TermTexts(const ExportIndex& index, std::string_view term);

// The number an ordinal denotes: "三" 3, "十二" 12, "（四）" 4, "7" 7; -1 if none.
int OrdinalNumber(std::string_view ordinal);

}  // namespace kg::score

#endif  // KG_CLIENTS_SCORE_GRAPH_QUERIES_H_
