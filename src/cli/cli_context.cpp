#include "cli/cli_context.h"

#include <iostream>

namespace abis::cli {

int finish(CliContext& ctx, const Status& status) {
  if (!status.is_ok()) std::cerr << "abis: " << status.message() << "\n";
  ctx.exit_code = exit_code_for(status.code());
  return ctx.exit_code;
}

}  // namespace abis::cli
