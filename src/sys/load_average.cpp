// load_average: how busy the machine already is, from /proc/loadavg.
#include "concur/sys/load_average.hpp"

#include <fstream>

namespace concur::sys {

std::optional<double> one_minute_load_average() {
    std::ifstream file{"/proc/loadavg"};
    double load = 0;
    if (file >> load) return load;
    return std::nullopt;
}

}  // namespace concur::sys
