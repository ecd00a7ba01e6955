// See engine_floor.h.
#include "bench/engine_floor.h"

#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/key_codec.h"
#include "storage/rocks_engine.h"
#include "storage/rocks_graph_store.h"

namespace kg::bench {

EngineFloor::EngineFloor(std::unique_ptr<storage::RocksEngine> engine, std::string dir)
    : engine_(std::move(engine)), dir_(std::move(dir)) {}

EngineFloor::~EngineFloor() {
  engine_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

absl::StatusOr<std::unique_ptr<EngineFloor>> EngineFloor::Open(storage::RocksGraphStore* store,
                                                               const std::string& dir) {
  if (absl::Status s = store->Backup(dir); !s.ok()) return s;
  auto engine = storage::RocksEngine::Open(dir);
  if (!engine.ok()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return engine.status();
  }
  return std::unique_ptr<EngineFloor>(new EngineFloor(*std::move(engine), dir));
}

absl::StatusOr<size_t> EngineFloor::OneHop(storage::NodeId node) {
  std::vector<storage::NodeId> neighbours;
  const std::string prefix = storage::EdgePrefix(node);
  for (const bool out : {true, false}) {
    absl::Status parse_status;
    absl::Status status = engine_->Scan(
        nullptr, out ? storage::Column::kOutEdges : storage::Column::kInEdges, prefix,
        [&](std::string_view key, std::string_view /*value*/) {
          std::optional<storage::EdgeKey> edge =
              out ? storage::ParseOutEdgeKey(key) : storage::ParseInEdgeKey(key);
          if (!edge.has_value()) {
            parse_status = absl::DataLossError("malformed edge key");
            return false;
          }
          neighbours.push_back(out ? edge->dst : edge->src);
          return true;
        });
    if (!status.ok()) return status;
    if (!parse_status.ok()) return parse_status;
  }
  size_t found = 0;
  for (storage::NodeId id : neighbours) {
    auto record = engine_->Get(nullptr, storage::Column::kNodes, storage::EncodeNodeKey(id));
    if (!record.ok()) return record.status();
    if (record->has_value()) ++found;
  }
  return found;
}

absl::StatusOr<bool> EngineFloor::PointRead(storage::NodeId node) {
  auto record = engine_->Get(nullptr, storage::Column::kNodes, storage::EncodeNodeKey(node));
  if (!record.ok()) return record.status();
  return record->has_value();
}

absl::StatusOr<bool> EngineFloor::FirstOutEdge(storage::NodeId node) {
  bool found = false;
  absl::Status status = engine_->Scan(nullptr, storage::Column::kOutEdges,
                                      storage::EdgePrefix(node),
                                      [&](std::string_view /*key*/, std::string_view /*value*/) {
                                        found = true;
                                        return false;
                                      });
  if (!status.ok()) return status;
  return found;
}

}  // namespace kg::bench
