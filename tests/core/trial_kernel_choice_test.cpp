// Tests for trial_kernel_choice: small numbers never pay for a measurement, a long check measures
// once, CONCUR_KERNEL forces a kernel, and a bad value is reported, naming what is allowed.
#include "concur/core/fast_trial_division.hpp"
#include "concur/core/trial_kernel.hpp"
#include "concur/core/trial_kernel_choice.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using concur::kernel_choice;

bool is_supported(const concur::trial_kernel* kernel) {
    for (const concur::trial_kernel* each : concur::supported_trial_kernels()) {
        if (each == kernel) return true;
    }
    return false;
}

/// ctest runs each test in a process of its own, so the choice starts unmade; run as one
/// binary, another test may have made it already, and only what must hold either way is checked.
TEST(trial_kernel_choice_test, small_numbers_never_start_a_measurement) {
    if (std::getenv("CONCUR_KERNEL") != nullptr) GTEST_SKIP() << "a kernel is forced";
    const concur::kernel_in_use before = concur::trial_kernel_in_use();
    ASSERT_TRUE(is_supported(before.kernel));
    for (std::uint64_t n = 0; n < 100'000; ++n) (void)concur::is_prime_fast_trial(n);
    EXPECT_EQ(&concur::trial_kernel_for(concur::measure_kernels_from - 1), before.kernel);
    const concur::kernel_in_use after = concur::trial_kernel_in_use();
    EXPECT_EQ(after.kernel, before.kernel);
    EXPECT_EQ(after.choice, before.choice);
}

TEST(trial_kernel_choice_test, the_first_long_check_measures_once_and_keeps_the_result) {
    if (std::getenv("CONCUR_KERNEL") != nullptr) GTEST_SKIP() << "a kernel is forced";
    const concur::trial_kernel& chosen = concur::trial_kernel_for(concur::measure_kernels_from);
    EXPECT_TRUE(is_supported(&chosen));
    const concur::kernel_in_use in_use = concur::trial_kernel_in_use();
    EXPECT_EQ(in_use.kernel, &chosen);
    EXPECT_EQ(in_use.choice, kernel_choice::measured);
    EXPECT_EQ(concur::kernel_choice_name(in_use.choice), "measured");
    // Later checks, small or large, keep it.
    EXPECT_EQ(&concur::trial_kernel_for(~std::uint64_t{0}), &chosen);
    EXPECT_EQ(&concur::trial_kernel_for(2), &chosen);
}

TEST(trial_kernel_choice_test, threads_that_start_long_checks_together_get_one_kernel) {
    // The thread pool's workers may reach their first long check at the same moment: one
    // measures, the others wait for it, and all use what it chose.
    constexpr int threads = 4;
    std::array<const concur::trial_kernel*, threads> chosen{};
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back([&chosen, i] { chosen[static_cast<std::size_t>(i)] = &concur::trial_kernel_for(~std::uint64_t{0}); });
    }
    for (std::thread& worker : workers) worker.join();
    for (const concur::trial_kernel* kernel : chosen) EXPECT_EQ(kernel, chosen[0]);
    EXPECT_TRUE(is_supported(chosen[0]));
    EXPECT_EQ(concur::trial_kernel_in_use().kernel, chosen[0]);
}

TEST(trial_kernel_choice_test, timings_cover_every_supported_kernel) {
    const auto timings = concur::time_trial_kernels();
    ASSERT_EQ(timings.size(), concur::supported_trial_kernels().size());
    for (std::size_t i = 0; i < timings.size(); ++i) {
        EXPECT_EQ(timings[i].kernel, concur::supported_trial_kernels()[i]);
        EXPECT_GT(timings[i].seconds, 0.0) << timings[i].kernel->name;
        EXPECT_TRUE(std::isfinite(timings[i].seconds)) << timings[i].kernel->name;
    }
}

TEST(trial_kernel_choice_test, a_bad_kernel_name_is_reported_with_the_allowed_ones) {
    const char* saved = std::getenv("CONCUR_KERNEL");
    const std::string kept = saved != nullptr ? saved : "";
    ASSERT_EQ(setenv("CONCUR_KERNEL", "avx1024-magic", 1), 0);
    const std::string problem = concur::kernel_variable_problem();
    EXPECT_EQ(problem, "CONCUR_KERNEL: 'avx1024-magic' is not a kernel this CPU runs; allowed: " +
                           std::string{concur::supported_trial_kernel_names()});
    ASSERT_EQ(setenv("CONCUR_KERNEL", "sse2-division", 1), 0);
    EXPECT_EQ(concur::kernel_variable_problem(), "");
    ASSERT_EQ(unsetenv("CONCUR_KERNEL"), 0);
    EXPECT_EQ(concur::kernel_variable_problem(), "");
    if (saved != nullptr) setenv("CONCUR_KERNEL", kept.c_str(), 1);
}

/// Run by ctest a second time with CONCUR_KERNEL=sse2-division (tests/CMakeLists.txt); without
/// the variable there is nothing to check.
TEST(trial_kernel_choice_test, the_environment_forces_a_kernel_even_for_long_checks) {
    const char* value = std::getenv("CONCUR_KERNEL");
    if (value == nullptr) GTEST_SKIP() << "CONCUR_KERNEL is not set";
    const concur::trial_kernel* named = concur::find_trial_kernel(value);
    ASSERT_NE(named, nullptr) << value;
    EXPECT_EQ(&concur::trial_kernel_for(2), named);
    EXPECT_EQ(&concur::trial_kernel_for(~std::uint64_t{0}), named);
    EXPECT_EQ(concur::trial_kernel_in_use().kernel, named);
    EXPECT_EQ(concur::trial_kernel_in_use().choice, kernel_choice::forced);
    EXPECT_TRUE(concur::is_prime_fast_trial(9999999999999917));
}

}  // namespace
