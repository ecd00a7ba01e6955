// The compiled-in genre lexicon; see lexicon.h.
#include "services/ingest/places/lexicon.h"

#include <cstdlib>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/ingest/places/place_text.h"

namespace kg::ingest::places {

// Generated from regions.tsv and words.tsv by CMake (places_data.cc.in).
extern const char kRegionsTsv[];
extern const char kWordsTsv[];

namespace {

// The non-comment, non-blank lines of a TSV file, split at tabs.
std::vector<std::pair<int, std::vector<std::string>>> Rows(std::string_view text) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    rows.emplace_back(number, std::move(fields));
  }
  return rows;
}

std::vector<std::u32string> Words(const std::string& field) {
  std::vector<std::u32string> out;
  for (absl::string_view w : absl::StrSplit(field, ' ', absl::SkipEmpty())) {
    out.push_back(ToU32(std::string_view(w.data(), w.size())));
  }
  return out;
}

}  // namespace

const Lexicon& Lexicon::Builtin() {
  static const Lexicon* lexicon = [] {
    auto parsed = Parse(kRegionsTsv, kWordsTsv);
    // The files are part of the source tree and tested; a broken one is a build bug.
    if (!parsed.ok()) std::abort();
    return new Lexicon(*std::move(parsed));
  }();
  return *lexicon;
}

absl::StatusOr<Lexicon> Lexicon::Parse(std::string_view regions_tsv, std::string_view words_tsv) {
  Lexicon lex;
  std::vector<std::u32string> surfaces, stops;  // for the scan index
  auto add_surface = [&lex, &surfaces](const std::u32string& surface, int index) {
    lex.curated_index_.Add(surface, index);
    surfaces.push_back(surface);
  };
  for (auto& [number, fields] : Rows(regions_tsv)) {
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
      return absl::InvalidArgumentError(absl::StrCat("regions.tsv:", number, ": malformed"));
    }
    int index = static_cast<int>(lex.curated_.size());
    bool country = fields[1] == "country";
    lex.curated_.push_back({fields[0], country ? "region" : fields[1], country});
    add_surface(ToU32(fields[0]), index);
    if (fields.size() > 2) {
      for (const auto& alias : Words(fields[2])) add_surface(alias, index);
    }
  }
  for (auto& [number, fields] : Rows(words_tsv)) {
    if (fields.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat("words.tsv:", number, ": malformed"));
    }
    const std::string& kind = fields[0];
    for (const auto& w : Words(fields[1])) {
      if (kind == "stop") {
        lex.stop_.Add(w);
        stops.push_back(w);
      } else if (kind == "common") {
        lex.common_.Add(w);
      } else if (kind == "verb") {
        lex.verb_.Add(w);
      } else if (kind == "particle" && w.size() == 1) {
        lex.particle_.Add(w);
      } else if (kind == "generic") {
        lex.generic_.Add(w);
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("words.tsv:", number, ": unknown kind or word"));
      }
    }
  }
  // The scan index: every stop word and curated surface, and every proper prefix of one.
  std::map<std::u32string, int> scan;
  for (const auto& w : stops) scan[w] |= kScanStop;
  for (const auto& w : surfaces) {
    scan[w] |= (lex.curated_index_.Find(w) + 1) << kScanCuratedShift;
  }
  for (const auto* words : {&stops, &surfaces}) {
    for (const auto& w : *words) {
      for (size_t len = 1; len < w.size(); ++len) scan[w.substr(0, len)] |= kScanPrefix;
    }
  }
  for (const auto& [w, value] : scan) lex.scan_.Add(w, value);
  return lex;
}

}  // namespace kg::ingest::places
