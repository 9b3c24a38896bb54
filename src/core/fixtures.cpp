// The number lists users expect: the seed's five NUMBERS and Fluent Python's 20-number fixture.
#include "concur/core/fixtures.hpp"

#include <array>

namespace concur {
namespace {

constexpr std::array<known_number, 5> seed{{
    {2, true},
    {142702110479723, true},
    {299593572317531, true},
    {3333333333333301, true},
    {3333333333333333, false},
}};

constexpr std::array<known_number, 20> book{{
    {2, true},
    {142702110479723, true},
    {299593572317531, true},
    {3333333333333301, true},
    {3333333333333333, false},
    {3333335652092209, false},
    {4444444444444423, true},
    {4444444444444444, false},
    {4444444488888889, false},
    {5555553133149889, false},
    {5555555555555503, true},
    {5555555555555555, false},
    {6666666666666666, false},
    {6666666666666719, true},
    {6666667141414921, false},
    {7777777536340681, false},
    {7777777777777753, true},
    {7777777777777777, false},
    {9999999999999917, true},
    {9999999999999999, false},
}};

}  // namespace

std::span<const known_number> seed_numbers() noexcept { return seed; }
std::span<const known_number> book_numbers() noexcept { return book; }

}  // namespace concur
