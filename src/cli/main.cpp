// concur's entry point: only wiring; the program is run_cli.
#include "concur/cli/cli.hpp"

int main(int argc, char** argv) { return concur::run_cli(argc, argv); }
