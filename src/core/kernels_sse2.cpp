// kernels_sse2: the portable trial-division kernel, 2 doubles per register, division test.
#include "compiled_kernels.hpp"
#include "division_test.hpp"
#include "wheel_scan.hpp"

#include <cstdint>

namespace concur {
namespace {

// Written in GCC's vector extensions rather than SSE2 intrinsics so that it builds for any CPU
// (SSE2 on x86-64, where every CPU has it; NEON on arm64). A two-lane comparison yields a
// vector of 64-bit integers, the form every such instruction set has, so the compiler keeps
// it a vector comparison at any optimisation level (see kernels_avx512.cpp for the case
// where it did not).
struct sse2_ops {
    static constexpr std::size_t width = 2;
    using doubles = double __attribute__((vector_size(16)));
    using hits = std::int64_t __attribute__((vector_size(16)));  // all ones where true

    static doubles broadcast(double x) noexcept { return doubles{x, x}; }
    static doubles load(const double* p) noexcept { return doubles{p[0], p[1]}; }
    static doubles add(doubles a, doubles b) noexcept { return a + b; }
    static doubles subtract(doubles a, doubles b) noexcept { return a - b; }
    static doubles multiply(doubles a, doubles b) noexcept { return a * b; }
    static doubles divide(doubles a, doubles b) noexcept { return a / b; }
    /// The nearest integer, for |q| < 2^51: at 1.5 * 2^52 the spacing of doubles is 1, so
    /// adding and subtracting that rounds q exactly once.
    static doubles round(doubles q) noexcept {
        constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
        return (q + magic) - magic;
    }
    static hits equal(doubles a, doubles b) noexcept { return a == b; }
    static hits no_hits() noexcept { return hits{}; }
    static hits either(hits a, hits b) noexcept { return a | b; }
    static bool any(hits h) noexcept { return (h[0] | h[1]) != 0; }
    static unsigned lane_bits(hits h) noexcept { return (h[0] != 0 ? 1U : 0U) | (h[1] != 0 ? 2U : 0U); }
};

using division = wheel_scan::division_test<sse2_ops>;

}  // namespace

const trial_kernel kernels::sse2_division =
    wheel_scan::kernel<sse2_ops, division>("sse2-division", simd_level::sse2, divisor_test::division);

}  // namespace concur
