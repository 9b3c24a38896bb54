// usage_error: the user asked for something that cannot be done as asked (exit status 2).
#pragma once

#include <stdexcept>

namespace concur {

/// Thrown for bad input, from arguments or standard input. Its message is one line naming
/// the bad value and what is allowed; main prints it after "concur: " and exits with 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace concur
