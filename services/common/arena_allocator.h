// ArenaMessageAllocator: request and response messages of a callback-API unary method
// in one protobuf arena per call, so that building a response of many small messages (a
// query's entities, edges and quotes) costs bump allocations, and freeing it one arena
// release instead of a destructor per message. The arena's first block lives inside the
// holder, so a typical call makes one heap allocation for its messages.
//
// Install with the generated SetMessageAllocatorFor_<Method>(&allocator) in the service's
// constructor; the allocator must outlive the server. Thread-safe (no state).
#ifndef KG_SERVICES_COMMON_ARENA_ALLOCATOR_H_
#define KG_SERVICES_COMMON_ARENA_ALLOCATOR_H_

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace kg::services {

template <typename Request, typename Response>
class ArenaMessageAllocator final : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(first_block_, sizeof(first_block_)) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    static constexpr size_t kFirstBlockBytes = 16 << 10;

    alignas(8) char first_block_[kFirstBlockBytes];
    google::protobuf::Arena arena_;  // after first_block_, which it uses
  };
};

}  // namespace kg::services

#endif  // KG_SERVICES_COMMON_ARENA_ALLOCATOR_H_
