#include "cli/cli_context.h"

#include <filesystem>
#include <iostream>

#include "core/file_io.h"

namespace abis::cli {

int finish(CliContext& ctx, const Status& status) {
  if (!status.is_ok()) std::cerr << "abis: " << status.message() << "\n";
  ctx.exit_code = exit_code_for(status.code());
  return ctx.exit_code;
}

Status write_marked_section(const std::string& path, const std::string& name, const std::string& section) {
  const std::string begin = "<!-- " + name + ":begin -->";
  const std::string end = "<!-- " + name + ":end -->";
  std::string text;
  if (std::filesystem::exists(path)) {
    ABIS_ASSIGN_OR_RETURN(text, core::read_text_file(path));
  } else {
    text = "# Conformance\n\nResults of the conformance checks, each section produced by the "
           "command it names.\n";
  }
  const std::string block = begin + "\n" + section + end;
  auto b = text.find(begin);
  auto e = text.find(end);
  if (b != std::string::npos && e != std::string::npos && e > b) {
    text.replace(b, e + end.size() - b, block);
  } else {
    if (!text.empty() && text.back() != '\n') text += "\n";
    text += "\n" + block + "\n";
  }
  return core::write_file_atomic(path, text);
}

}  // namespace abis::cli
