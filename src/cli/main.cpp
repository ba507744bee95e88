// Entry point. Replaced by the full command line in the foundation work.
#include <cstdio>

int main() {
  std::printf("runway %s\n", RUNWAY_VERSION);
  return 0;
}
