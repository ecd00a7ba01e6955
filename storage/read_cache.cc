// Read cache of RocksGraphStore; see read_cache.h.
#include "storage/read_cache.h"

namespace kg::storage {

ReadCache::Ticket ReadCache::Begin() const {
  absl::ReaderMutexLock lock(&mu_);
  return Ticket{epoch_, !writing_};
}

bool ReadCache::Current(const Ticket& ticket) const {
  return ticket.usable && !writing_ && ticket.epoch == epoch_;
}

std::shared_ptr<const std::vector<ReportInfo>> ReadCache::FindReports(const Ticket& ticket) const {
  absl::ReaderMutexLock lock(&mu_);
  return Current(ticket) ? reports_ : nullptr;
}

std::shared_ptr<const IndexedText> ReadCache::FindText(const Ticket& ticket,
                                                       ReportId report) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!Current(ticket)) return nullptr;
  auto it = texts_.find(report);
  return it == texts_.end() ? nullptr : it->second;
}

void ReadCache::FindNodes(const Ticket& ticket, const std::vector<NodeId>& ids,
                          std::vector<std::optional<Node>>* out) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!Current(ticket)) return;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = nodes_.find(ids[i]);
    if (it != nodes_.end()) (*out)[i] = it->second;
  }
}

std::shared_ptr<const std::vector<Node>> ReadCache::FindLookup(const Ticket& ticket,
                                                               const std::string& key) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!Current(ticket)) return nullptr;
  auto it = lookups_.find(key);
  return it == lookups_.end() ? nullptr : it->second;
}

std::shared_ptr<const std::vector<SearchHit>> ReadCache::FindSearch(const Ticket& ticket,
                                                                    const std::string& key) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!Current(ticket)) return nullptr;
  auto it = searches_.find(key);
  return it == searches_.end() ? nullptr : it->second;
}

std::shared_ptr<const std::vector<Edge>> ReadCache::FindEdges(const Ticket& ticket,
                                                              const EdgeListKey& key) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!Current(ticket)) return nullptr;
  auto it = edge_lists_.find(key);
  return it == edge_lists_.end() ? nullptr : it->second;
}

bool ReadCache::Keep(const Ticket& ticket, Found found) {
  const bool nothing = !keep_ || (found.reports == nullptr && found.texts.empty() &&
                                  found.nodes.empty() && found.edge_lists.empty() &&
                                  found.lookups.empty() && found.searches.empty());
  if (nothing) {
    absl::ReaderMutexLock lock(&mu_);
    return Current(ticket);
  }
  absl::MutexLock lock(&mu_);
  if (!Current(ticket)) return false;
  if (found.reports != nullptr) reports_ = found.reports;
  for (const auto& [report, text] : found.texts) {
    const size_t bytes = text->text.size() + text->index.MemoryBytes();
    if (bytes > kMaxTextBytes) continue;
    if (text_bytes_ + bytes > kMaxTextBytes) {
      texts_.clear();
      text_bytes_ = 0;
    }
    if (texts_.emplace(report, text).second) text_bytes_ += bytes;
  }
  if (nodes_.size() + found.nodes.size() > kMaxNodes) nodes_.clear();
  for (Node& node : found.nodes) {
    const NodeId id = node.id;
    nodes_.emplace(id, std::move(node));
  }
  if (edge_lists_.size() + found.edge_lists.size() > kMaxEdgeLists) edge_lists_.clear();
  for (auto& [key, edges] : found.edge_lists) edge_lists_.emplace(key, std::move(edges));
  if (lookups_.size() + found.lookups.size() > kMaxAnswers) lookups_.clear();
  for (auto& [key, nodes] : found.lookups) lookups_.emplace(std::move(key), std::move(nodes));
  if (searches_.size() + found.searches.size() > kMaxAnswers) searches_.clear();
  for (auto& [key, hits] : found.searches) searches_.emplace(std::move(key), std::move(hits));
  return true;
}

void ReadCache::BeginWrite() {
  absl::MutexLock lock(&mu_);
  writing_ = true;
  ClearLocked();
}

void ReadCache::EndWrite() {
  absl::MutexLock lock(&mu_);
  writing_ = false;
  ++epoch_;
  ClearLocked();
}

void ReadCache::ClearLocked() {
  reports_ = nullptr;
  texts_.clear();
  text_bytes_ = 0;
  nodes_.clear();
  edge_lists_.clear();
  lookups_.clear();
  searches_.clear();
}

}  // namespace kg::storage
