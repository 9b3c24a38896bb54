// concur's entry point: only wiring; the program is run_cli.
#include "concur/cli/cli.hpp"
#include "concur/sys/standard_descriptors.hpp"

int main(int argc, char** argv) {
    concur::sys::occupy_closed_standard_descriptors();  // before anything opens a file
    return concur::run_cli(argc, argv);
}
