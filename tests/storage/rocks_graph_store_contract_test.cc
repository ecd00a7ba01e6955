// Runs the GraphStore contract suite against RocksGraphStore.
#include <memory>
#include <string>

#include "storage/rocks_graph_store.h"
#include "tests/storage/graph_store_contract.h"

namespace kg::storage::testing {
namespace {

absl::StatusOr<std::unique_ptr<GraphStore>> OpenRocksStore(const std::string& dir) {
  return RocksGraphStore::Open(dir);
}

INSTANTIATE_TEST_SUITE_P(Rocks, GraphStoreContractTest,
                         ::testing::Values(GraphStoreContractParam{"Rocks", OpenRocksStore}),
                         GraphStoreContractParamName);

}  // namespace
}  // namespace kg::storage::testing
