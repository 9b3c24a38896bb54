// compiled_kernels: every trial-division kernel this build holds, one object per kernel file.
// Private to src/core; trial_kernel.cpp offers the ones the CPU can run.
#pragma once

#include "concur/core/trial_kernel.hpp"

namespace concur::kernels {

extern const trial_kernel sse2_division;  // kernels_sse2.cpp: every x86-64 CPU
#if defined(__x86_64__)
extern const trial_kernel avx2_division;  // kernels_avx2.cpp, compiled with -mavx2 -mfma
extern const trial_kernel avx2_reciprocal;
extern const trial_kernel avx512_division;  // kernels_avx512.cpp, compiled with -mavx512f -mfma
extern const trial_kernel avx512_reciprocal;
#endif

}  // namespace concur::kernels
