// fast_trial_division: the seed's trial division, same divisors in the same order, at the speed
// of the vector unit.
#include "concur/core/fast_trial_division.hpp"

#include "concur/core/batch_planner.hpp"
#include "concur/core/is_prime.hpp"

#include <array>

namespace concur {
namespace {

// Why floating point: a 64-bit integer division takes tens of cycles and gives one answer;
// a double division in the vector unit gives 2 to 8 answers in a few cycles. Is it exact?
// Yes, where proved:
//
// Narrow numbers (n < 2^53) are exact doubles, and so is every divisor d (< 2^33 here).
// q = fl(n / d) is n / d correctly rounded.
//  - If d divides n, n / d is an integer below 2^53, exactly representable: q is that integer.
//  - If not, n / d is at least 1/d away from every integer, and rounding moves it by at most
//    2^-53 * n/d < 1/d: q is not an integer.
// So "d divides n" is exactly "q is an integer".
//
// Wide numbers (2^53 <= n < 2^64) are not exact doubles. Split n = a * 4096 + b with
// a = n >> 12 (< 2^52, exact) and b < 4096. Let k = fl(a / d) rounded to an integer: |k - a/d| < 1,
// so k * d <= a + d < 2^53 is exact, and so is r = a - k * d (|r| < d). Then
// v = r * 4096 + b = n - k * d * 4096 is congruent to n modulo d and |v| < 2^45 is exact:
// d divides n exactly when d divides v, which is tested as above (v may be negative; the
// argument is symmetric). Two divisions instead of one, still exact.
//
// "Is q an integer": adding then subtracting 1.5 * 2^52 rounds any |q| < 2^51 to an integer
// (at that magnitude the spacing of doubles is 1), so q is an integer exactly when the round
// trip leaves it unchanged. All quotients here are below 2^51 because d >= 7. Every product
// above is exact, so a compiler that fuses a multiply and a subtract (FMA) changes nothing.

// The vector types, `width` doubles to a register: 2 for SSE2, 4 for AVX2, 8 for AVX-512. Each
// kernel is written once for any width; a turn of the wheel (8 divisors) fills 8 / width registers.
// (Spelled out per width: GCC ignores a vector_size that depends on a template parameter.)
template <std::size_t width>
struct vectors;
template <>
struct vectors<2> {
    using doubles = double __attribute__((vector_size(16)));
    using longs = std::int64_t __attribute__((vector_size(16)));
};
template <>
struct vectors<4> {
    using doubles = double __attribute__((vector_size(32)));
    using longs = std::int64_t __attribute__((vector_size(32)));
};
template <>
struct vectors<8> {
    using doubles = double __attribute__((vector_size(64)));
    using longs = std::int64_t __attribute__((vector_size(64)));
};
template <std::size_t width>
constexpr std::size_t registers_per_turn = 8 / width;

constexpr double round_magic = 6755399441055744.0;  // 1.5 * 2^52
constexpr std::uint64_t narrow_limit = std::uint64_t{1} << 53;
constexpr unsigned split_bits = 12;
constexpr double split_scale = 4096.0;  // 2^split_bits

// The mod-30 wheel: past 2, 3 and 5, every prime is 30k plus one of these eight, so one turn of
// the wheel fills 8 lanes. The seed tries 15 odd divisors per 30; we try 8.
constexpr std::size_t lanes = 8;
constexpr std::uint64_t wheel = 30;
constexpr std::array<std::uint64_t, lanes> wheel_offsets{1, 7, 11, 13, 17, 19, 23, 29};
// Turns tested between two looks at the hit mask: the look costs about as much as a turn.
constexpr std::uint64_t turns_per_block = 4;
constexpr std::uint64_t block_span = wheel * turns_per_block;

/// Sets the lanes of `hit` where d divides n, from `high`/`low`: n and 0 (narrow) or a and b
/// (wide). Vectors go by reference: passed by value between functions compiled for different
/// instruction sets they would change the calling convention (GCC's -Wpsabi).
template <std::size_t width, bool wide>
[[gnu::always_inline]] inline void mark_divisors(double high, double low, const typename vectors<width>::doubles& d,
                                                 typename vectors<width>::longs& hit) noexcept {
    using doubles = typename vectors<width>::doubles;
    doubles q = high / d;
    if constexpr (wide) {
        const doubles k = (q + round_magic) - round_magic;
        const doubles v = (high - k * d) * split_scale + low;
        q = v / d;
    } else {
        (void)low;
    }
    const doubles rounded = (q + round_magic) - round_magic;
    hit |= q == rounded;
}

template <bool wide>
[[gnu::always_inline]] inline void split(std::uint64_t n, double& high, double& low) noexcept {
    high = wide ? static_cast<double>(n >> split_bits) : static_cast<double>(n);
    low = wide ? static_cast<double>(n & ((std::uint64_t{1} << split_bits) - 1)) : 0.0;
}

/// The divisors base + wheel_offsets, as registers of `width` doubles.
template <std::size_t width>
[[gnu::always_inline]] inline void load_turn(std::uint64_t base, const std::uint64_t* offsets,
                                             typename vectors<width>::doubles* d) noexcept {
    for (std::size_t r = 0; r < registers_per_turn<width>; ++r) {
        for (std::size_t i = 0; i < width; ++i) d[r][i] = static_cast<double>(base + offsets[r * width + i]);
    }
}

/// The base (a multiple of 30) of the first block of `turns_per_block` wheel turns, from
/// `base` on, holding a divisor of n; a value >= `end` if no block starting below `end` does.
template <std::size_t width, bool wide>
[[gnu::always_inline]] inline std::uint64_t find_block(std::uint64_t n, std::uint64_t base,
                                                       std::uint64_t end) noexcept {
    using v = vectors<width>;
    double high = 0;
    double low = 0;
    split<wide>(n, high, low);
    typename v::doubles d[registers_per_turn<width>];
    load_turn<width>(base, wheel_offsets.data(), d);
    for (; base < end; base += block_span) {
        typename v::longs hit{};
        for (std::uint64_t turn = 0; turn < turns_per_block; ++turn) {
            for (std::size_t r = 0; r < registers_per_turn<width>; ++r) {
                mark_divisors<width, wide>(high, low, d[r], hit);
                d[r] += static_cast<double>(wheel);
            }
        }
        std::int64_t any = 0;
        for (std::size_t i = 0; i < width; ++i) any |= hit[i];
        if (any != 0) return base;
    }
    return base;
}

template <std::size_t width, bool wide>
[[gnu::always_inline]] inline unsigned mask_of(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    using v = vectors<width>;
    double high = 0;
    double low = 0;
    split<wide>(n, high, low);
    typename v::doubles d[registers_per_turn<width>];
    load_turn<width>(0, divisors, d);
    unsigned mask = 0;
    for (std::size_t r = 0; r < registers_per_turn<width>; ++r) {
        typename v::longs hit{};
        mark_divisors<width, wide>(high, low, d[r], hit);
        for (std::size_t i = 0; i < width; ++i) mask |= hit[i] != 0 ? 1U << (r * width + i) : 0U;
    }
    return mask;
}

// One copy of the kernels per instruction set: the templates above instantiated for 2, 4 and 8
// doubles per register, each inside a function compiled for the matching instruction set.
struct kernels {
    std::uint64_t (*find_block)(std::uint64_t n, std::uint64_t base, std::uint64_t end) noexcept;
    unsigned (*mask)(std::uint64_t n, const std::uint64_t* divisors) noexcept;
};

std::uint64_t find_block_sse2(std::uint64_t n, std::uint64_t base, std::uint64_t end) noexcept {
    return n < narrow_limit ? find_block<2, false>(n, base, end) : find_block<2, true>(n, base, end);
}
unsigned mask_sse2(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    return n < narrow_limit ? mask_of<2, false>(n, divisors) : mask_of<2, true>(n, divisors);
}

#if defined(__x86_64__)
#define CONCUR_HAVE_WIDE_SIMD 1
[[gnu::target("avx2")]] std::uint64_t find_block_avx2(std::uint64_t n, std::uint64_t base,
                                                     std::uint64_t end) noexcept {
    return n < narrow_limit ? find_block<4, false>(n, base, end) : find_block<4, true>(n, base, end);
}
[[gnu::target("avx2")]] unsigned mask_avx2(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    return n < narrow_limit ? mask_of<4, false>(n, divisors) : mask_of<4, true>(n, divisors);
}
[[gnu::target("avx512f")]] std::uint64_t find_block_avx512(std::uint64_t n, std::uint64_t base,
                                                          std::uint64_t end) noexcept {
    return n < narrow_limit ? find_block<8, false>(n, base, end) : find_block<8, true>(n, base, end);
}
[[gnu::target("avx512f")]] unsigned mask_avx512(std::uint64_t n, const std::uint64_t* divisors) noexcept {
    return n < narrow_limit ? mask_of<8, false>(n, divisors) : mask_of<8, true>(n, divisors);
}
#endif

kernels kernels_for(simd_level level) noexcept {
    switch (level) {
#if defined(CONCUR_HAVE_WIDE_SIMD)
        case simd_level::avx512: return {find_block_avx512, mask_avx512};
        case simd_level::avx2: return {find_block_avx2, mask_avx2};
#else
        case simd_level::avx512:
        case simd_level::avx2:
#endif
        case simd_level::sse2: break;
    }
    return {find_block_sse2, mask_sse2};
}

struct detected_levels {
    std::array<simd_level, 3> levels{simd_level::sse2};
    std::size_t count = 1;

    detected_levels() noexcept {
#if defined(CONCUR_HAVE_WIDE_SIMD)
        // __builtin_cpu_supports also checks that the OS saves the wide registers (XGETBV).
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2")) levels[count++] = simd_level::avx2;
        if (__builtin_cpu_supports("avx512f")) levels[count++] = simd_level::avx512;
#endif
    }
};

const detected_levels& detected() noexcept {
    static const detected_levels levels;
    return levels;
}

bool is_prime_with(std::uint64_t n, const kernels& kernel) noexcept {
    if (n < 2) return false;
    for (const std::uint64_t small : {2U, 3U, 5U}) {
        if (n % small == 0) return n == small;
    }
    const std::uint64_t root = integer_sqrt(n);
    // The wheel's first turn (7 to 29; 1 is no divisor) is too short to be worth a vector.
    for (std::size_t i = 1; i < lanes; ++i) {
        if (wheel_offsets[i] > root) return true;
        if (n % wheel_offsets[i] == 0) return false;
    }
    std::uint64_t base = wheel;
    while (base < root) {  // the block's first divisor, base + 1, is <= root
        base = kernel.find_block(n, base, root);
        if (base >= root) break;
        // A divisor is in this block, maybe past the root (n itself, or its cofactor): find the
        // first one in increasing order with exact integer arithmetic, as the seed would.
        for (std::uint64_t turn = 0; turn < turns_per_block; ++turn) {
            for (const std::uint64_t offset : wheel_offsets) {
                const std::uint64_t divisor = base + turn * wheel + offset;
                if (divisor > root) return true;
                if (n % divisor == 0) return false;
            }
        }
        base += block_span;
    }
    return true;
}

}  // namespace

std::string_view simd_level_name(simd_level level) noexcept {
    switch (level) {
        case simd_level::sse2: return "sse2";
        case simd_level::avx2: return "avx2";
        case simd_level::avx512: return "avx512";
    }
    return "unknown";
}

std::span<const simd_level> supported_simd_levels() noexcept {
    const detected_levels& levels = detected();
    return std::span{levels.levels}.first(levels.count);
}

simd_level best_simd_level() noexcept { return supported_simd_levels().back(); }

bool is_prime_fast_trial(std::uint64_t n) noexcept {
    static const kernels best = kernels_for(best_simd_level());
    return is_prime_with(n, best);
}

bool is_prime_fast_trial(std::uint64_t n, simd_level level) noexcept {
    return is_prime_with(n, kernels_for(level));
}

unsigned divisibility_mask(std::uint64_t n, std::span<const std::uint64_t, 8> divisors, simd_level level) noexcept {
    return kernels_for(level).mask(n, divisors.data());
}

std::uint64_t fast_trial_division_estimate(std::uint64_t n) noexcept {
    // As trial_division_estimate (about sqrt(n) / 2 divisions), divided by 8: bench/ measures
    // a speed-up of about 6 (SSE2) to 21 (AVX-512) on the book fixture; erring low keeps
    // batches small rather than unbalanced. Plus the fixed cost of a call.
    constexpr std::uint64_t fixed_cost = 16;
    return fixed_cost + static_cast<std::uint64_t>(square_root_estimate(n) / 16);
}

}  // namespace concur
