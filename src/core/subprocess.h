// Runs a helper program (git) without a shell and collects what it prints. Input and output
// are pumped together, so a program that answers while it reads (git cat-file --batch) never
// blocks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runway/error.h"

namespace runway {

struct ProcessOutput {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// `argv[0]` is looked up in PATH; it runs in `directory` (empty: ours) and reads `input`, then
// end of file. Fails only when the program cannot be started.
Result<ProcessOutput> run_process(const std::vector<std::string>& argv, std::string_view input = {},
                                  const std::string& directory = {});

}  // namespace runway
