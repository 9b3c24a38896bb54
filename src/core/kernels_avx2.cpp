// kernels_avx2: trial-division kernels, 4 doubles per register, by division and by reciprocal.
// Compiled with -mavx2 -mfma (src/CMakeLists.txt); used only where the CPU has AVX2 and FMA.
#include "compiled_kernels.hpp"
#include "division_test.hpp"
#include "reciprocal_test.hpp"
#include "wheel_scan.hpp"

#include <immintrin.h>

namespace concur {
namespace {

// This whole file is compiled for AVX2, so nothing in it may run on a CPU without: it defines
// only the kernels, every helper in this anonymous namespace (a helper with external linkage,
// an inline function from a header, could be merged by the linker into code that runs anywhere).
struct avx2_ops {
    static constexpr std::size_t width = 4;
    using doubles = __m256d;
    using hits = __m256d;  // all ones where true

    static doubles broadcast(double x) noexcept { return _mm256_set1_pd(x); }
    static doubles load(const double* p) noexcept { return _mm256_loadu_pd(p); }
    static doubles add(doubles a, doubles b) noexcept { return _mm256_add_pd(a, b); }
    static doubles subtract(doubles a, doubles b) noexcept { return _mm256_sub_pd(a, b); }
    static doubles multiply(doubles a, doubles b) noexcept { return _mm256_mul_pd(a, b); }
    static doubles divide(doubles a, doubles b) noexcept { return _mm256_div_pd(a, b); }
    static doubles multiply_add(doubles a, doubles b, doubles c) noexcept { return _mm256_fmadd_pd(a, b, c); }
    static doubles negative_multiply_add(doubles a, doubles b, doubles c) noexcept { return _mm256_fnmadd_pd(a, b, c); }
    static doubles round(doubles q) noexcept { return _mm256_round_pd(q, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
    static hits equal(doubles a, doubles b) noexcept { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
    static hits no_hits() noexcept { return _mm256_setzero_pd(); }
    static hits either(hits a, hits b) noexcept { return _mm256_or_pd(a, b); }
    static bool any(hits h) noexcept { return _mm256_testz_pd(h, h) == 0; }
    static unsigned lane_bits(hits h) noexcept { return static_cast<unsigned>(_mm256_movemask_pd(h)); }

    /// AVX2 has no double-precision estimate: vrcpps on d rounded to float. Its error is at most
    /// 1.5 * 2^-12 (Intel SDM, AMD APM), rounding d to float adds 2^-23 at most: |e0| <= 2^-11.4.
    /// A cubic step gives |e1| <= 2^-34.2 + 1.002u, a Newton step |e2| <= 1.01u
    /// (reciprocal_test.hpp): within the 1.2u the remainder needs.
    static doubles reciprocal(doubles d) noexcept {
        const doubles estimate = _mm256_cvtps_pd(_mm_rcp_ps(_mm256_cvtpd_ps(d)));
        using steps = wheel_scan::reciprocal_test<avx2_ops>;
        return steps::newton_step(d, steps::cubic_step(d, estimate));
    }
};

using division = wheel_scan::division_test<avx2_ops>;
using reciprocal = wheel_scan::reciprocal_test<avx2_ops>;

}  // namespace

const trial_kernel kernels::avx2_division =
    wheel_scan::kernel<avx2_ops, division>("avx2-division", simd_level::avx2, divisor_test::division);
const trial_kernel kernels::avx2_reciprocal =
    wheel_scan::kernel<avx2_ops, reciprocal>("avx2-reciprocal", simd_level::avx2, divisor_test::reciprocal);

}  // namespace concur
