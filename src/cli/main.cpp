#include "cli/runner.h"

int main(int argc, char** argv) { return runway::run_cli(argc, argv); }
