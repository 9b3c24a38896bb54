// The number lists users expect: the seed's five NUMBERS and Fluent Python's 20-number fixture.
#pragma once

#include <cstdint>
#include <span>

namespace concur {

struct known_number {
    std::uint64_t value;
    bool prime;
};

/// The seed's NUMBERS: [2, 142702110479723, 299593572317531, 3333333333333301, 3333333333333333].
[[nodiscard]] std::span<const known_number> seed_numbers() noexcept;

/// Fluent Python's `primes.py` fixture: 20 numbers, 9 of them prime, up to 9999999999999999.
[[nodiscard]] std::span<const known_number> book_numbers() noexcept;

}  // namespace concur
