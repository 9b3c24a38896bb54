// kernels_avx512: trial-division kernels, 8 doubles per register, by division and by reciprocal.
// Compiled with -mavx512f -mfma (src/CMakeLists.txt); used only where the CPU has AVX-512F.
#include "compiled_kernels.hpp"
#include "division_test.hpp"
#include "reciprocal_test.hpp"
#include "wheel_scan.hpp"

#include <immintrin.h>

namespace concur {
namespace {

// Why intrinsics, not GCC's vector extensions: an AVX-512 comparison yields a mask register
// (one bit per lane), not a vector. Written as `hit |= q == rounded` on vector types, the
// result must become a vector of 64-bit integers again, and AVX-512F alone has no instruction
// for that (vpmovm2q is AVX512DQ). At -O2, GCC 12 kept it a masked move; at -O3 it unrolled the
// block's four turns first, merged the four comparisons into one "or" of such vectors, and
// could only lower that lane by lane: 64 scalar comparisons per block (vucomisd, setnp, cmovne),
// the kernel four times slower (46 against 182 ms on the book fixture, AMD EPYC, Zen 5). Here a comparison yields a mask (__mmask8) and masks are or-ed
// as integers: nothing is left for the optimiser to turn back into vectors.
//
// This whole file is compiled for AVX-512, so nothing in it may run on a CPU without: it
// defines only the kernels, every helper in this anonymous namespace (a helper with external
// linkage, an inline function from a header, could be merged by the linker into code that
// runs anywhere).
struct avx512_ops {
    static constexpr std::size_t width = 8;
    using doubles = __m512d;
    using hits = __mmask8;  // bit i set where lane i is true
    static constexpr __mmask8 all_lanes = 0xFF;

    static doubles broadcast(double x) noexcept { return _mm512_set1_pd(x); }
    static doubles load(const double* p) noexcept { return _mm512_loadu_pd(p); }
    static doubles add(doubles a, doubles b) noexcept { return _mm512_add_pd(a, b); }
    static doubles subtract(doubles a, doubles b) noexcept { return _mm512_sub_pd(a, b); }
    static doubles multiply(doubles a, doubles b) noexcept { return _mm512_mul_pd(a, b); }
    static doubles divide(doubles a, doubles b) noexcept { return _mm512_div_pd(a, b); }
    static doubles multiply_add(doubles a, doubles b, doubles c) noexcept { return _mm512_fmadd_pd(a, b, c); }
    static doubles negative_multiply_add(doubles a, doubles b, doubles c) noexcept { return _mm512_fnmadd_pd(a, b, c); }
    // vrndscalepd and vrcp14pd in their zero-masking form with every lane selected: the same
    // instruction, without the plain form's _mm512_undefined_pd that GCC 12 warns about
    // (-Wmaybe-uninitialized).
    static doubles round(doubles q) noexcept {
        return _mm512_maskz_roundscale_pd(all_lanes, q, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
    static hits equal(doubles a, doubles b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
    static hits no_hits() noexcept { return 0; }
    static hits either(hits a, hits b) noexcept { return static_cast<hits>(a | b); }
    static bool any(hits h) noexcept { return h != 0; }
    static unsigned lane_bits(hits h) noexcept { return h; }

    /// vrcp14pd: relative error below 2^-14 (Intel SDM). Two Newton steps give |e1| <= 2^-28 +
    /// 1.0002u, then |e2| <= 2^-56 + 1.0001u < 1.13u (reciprocal_test.hpp): within the 1.2u the
    /// remainder needs.
    static doubles reciprocal(doubles d) noexcept {
        using steps = wheel_scan::reciprocal_test<avx512_ops>;
        return steps::newton_step(d, steps::newton_step(d, _mm512_maskz_rcp14_pd(all_lanes, d)));
    }
};

using division = wheel_scan::division_test<avx512_ops>;
using reciprocal = wheel_scan::reciprocal_test<avx512_ops>;

}  // namespace

const trial_kernel kernels::avx512_division =
    wheel_scan::kernel<avx512_ops, division>("avx512-division", simd_level::avx512, divisor_test::division);
const trial_kernel kernels::avx512_reciprocal =
    wheel_scan::kernel<avx512_ops, reciprocal>("avx512-reciprocal", simd_level::avx512, divisor_test::reciprocal);

}  // namespace concur
