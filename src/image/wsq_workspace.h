// Per-thread buffers of the WSQ codec, reused from call to call (see kRetainedWorkspaceBytes).
// Each thread has its own; a call takes them with WorkspaceLease and gives them back when the
// lease ends, freeing them when they have grown past the retention limit. Not reentrant within a
// thread (the codec never nests calls).
#pragma once

#include <cstdint>
#include <vector>

#include "image/wsq_params.h"

namespace abis::image::wsq {

struct Workspace {
  std::vector<std::int32_t> coefficients;
  std::vector<float> plane;
  std::vector<float> scratch;

  std::size_t bytes() const {
    return coefficients.capacity() * sizeof(std::int32_t) +
           (plane.capacity() + scratch.capacity()) * sizeof(float);
  }
};

class WorkspaceLease {
 public:
  WorkspaceLease() : ws_(thread_workspace()) {}
  ~WorkspaceLease() {
    if (ws_.bytes() > kRetainedWorkspaceBytes) ws_ = Workspace{};
  }
  WorkspaceLease(const WorkspaceLease&) = delete;
  WorkspaceLease& operator=(const WorkspaceLease&) = delete;

  // A buffer of at least n elements; contents are whatever the last call left.
  template <typename T>
  static T* at_least(std::vector<T>& v, std::size_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
  }
  Workspace& operator*() { return ws_; }
  Workspace* operator->() { return &ws_; }

 private:
  static Workspace& thread_workspace() {
    thread_local Workspace ws;
    return ws;
  }
  Workspace& ws_;
};

}  // namespace abis::image::wsq
