// Tests for the speedup chart: every text inside the canvas by the chart's own width estimates, and what it draws.
#include "concur/core/speedup_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace concur;

bench_row make_row(std::string model, unsigned workers, std::vector<double> times) {
    bench_row row;
    row.model = std::move(model);
    row.workers = workers;
    row.times = std::move(times);
    return row;
}

bench_summary sweep(std::string machine_name) {
    bench_summary summary;
    summary.numbers = "book";
    summary.method = "trial-simple";
    summary.method_description = "simple trial division";
    summary.count = 20;
    summary.runs = 3;
    summary.usable_cpus = 2;
    summary.load_before = 0.42;
    summary.machine = {std::move(machine_name), "AuthenticAMD", 26, 2, {"sse2", "avx2", "avx512"}, "", ""};
    summary.rows.push_back(make_row("sequential", 1, {0.75, 0.74, 0.80}));
    for (const char* model : {"thread", "process"}) {
        for (unsigned workers = 1; workers <= 4; ++workers) {
            const double t = 0.75 / std::min(workers, 2U);
            summary.rows.push_back(make_row(model, workers, {t, t * 0.95, t * 1.1}));
        }
    }
    summary.rows.push_back(make_row("coroutine", 1, {0.76, 0.75, 0.77}));
    ceiling_row alone;
    alone.copies = 1;
    alone.times = {0.75, 0.75, 0.76};
    ceiling_row two;
    two.copies = 2;
    two.times = {0.385, 0.39, 0.38};
    summary.ceilings = {alone, two};
    compute_bench_figures(summary);
    return summary;
}

void expect_every_text_inside(const speedup_chart& chart) {
    for (const chart_text& text : chart.texts) {
        if (text.vertical) {
            EXPECT_GE(text.left(), 0) << text.text;
            EXPECT_LE(text.right(), chart.height) << text.text;
            EXPECT_GE(text.x - text.size, 0) << text.text;
        } else {
            EXPECT_GE(text.left(), 0) << text.text;
            EXPECT_LE(text.right(), chart.width) << text.text;
            EXPECT_GE(text.y - text.size, 0) << text.text;
            EXPECT_LE(text.y, chart.height) << text.text;
        }
    }
}

TEST(speedup_chart_test, the_legend_fits_beside_the_plot_inside_the_canvas) {
    const speedup_chart chart = lay_out_speedup_chart(sweep("AMD EPYC 9R45"));
    expect_every_text_inside(chart);
    std::size_t legend_lines = 0;
    for (const chart_text& text : chart.texts) {
        if (text.role != chart_text_role::legend) continue;
        ++legend_lines;
        EXPECT_GT(text.left(), chart.plot_right) << text.text;  // beside the plot, never over it
    }
    // thread, process, coroutine, the sequential baseline, the ideal and the machine's ceiling.
    EXPECT_EQ(legend_lines, 6U);
}

TEST(speedup_chart_test, a_long_cpu_name_wraps_the_caption_instead_of_leaving_the_canvas) {
    const speedup_chart chart =
        lay_out_speedup_chart(sweep("Intel(R) Xeon(R) Platinum 8488C Processor @ 2.40GHz with a brand string this long"));
    expect_every_text_inside(chart);
    const auto captions = std::count_if(chart.texts.begin(), chart.texts.end(),
                                        [](const chart_text& text) { return text.role == chart_text_role::caption; });
    EXPECT_GE(captions, 2);
}

TEST(speedup_chart_test, the_caption_names_machine_cpus_and_method) {
    const speedup_chart chart = lay_out_speedup_chart(sweep("AMD EPYC 9R45"));
    std::string caption;
    for (const chart_text& text : chart.texts) {
        if (text.role == chart_text_role::caption) caption += text.text + " ";
    }
    EXPECT_NE(caption.find("AMD EPYC 9R45 (AuthenticAMD family 26 model 2)"), std::string::npos) << caption;
    EXPECT_NE(caption.find("2 usable CPUs"), std::string::npos) << caption;
    EXPECT_NE(caption.find("Method: simple trial division"), std::string::npos) << caption;
    EXPECT_NE(caption.find("median of 3 runs"), std::string::npos) << caption;
}

TEST(speedup_chart_test, past_the_cpus_the_chart_marks_them_and_draws_a_whisker_per_point) {
    const bench_summary summary = sweep("AMD EPYC 9R45");
    const speedup_chart chart = lay_out_speedup_chart(summary);
    EXPECT_TRUE(std::any_of(chart.texts.begin(), chart.texts.end(), [](const chart_text& text) {
        return text.role == chart_text_role::marker && text.text == "2 CPUs";
    }));
    std::size_t whiskers = 0;
    for (std::size_t at = chart.svg.find("<path"); at != std::string::npos; at = chart.svg.find("<path", at + 1)) {
        ++whiskers;
    }
    EXPECT_EQ(whiskers, summary.rows.size() - 1);  // every point but the baseline's
    // Worker counts 1 to 4 on the x axis: past the 2 CPUs.
    for (const char* tick : {"1", "2", "3", "4"}) {
        EXPECT_TRUE(std::any_of(chart.texts.begin(), chart.texts.end(), [&](const chart_text& text) {
            return text.role == chart_text_role::axis && text.text == tick;
        })) << tick;
    }
}

TEST(speedup_chart_test, an_incomplete_bench_says_so_in_the_title) {
    bench_summary summary = sweep("AMD EPYC 9R45");
    summary.interrupted_by = "SIGINT";
    const speedup_chart chart = lay_out_speedup_chart(summary);
    EXPECT_NE(chart.texts.front().text.find("(incomplete)"), std::string::npos) << chart.texts.front().text;
    expect_every_text_inside(chart);
}

TEST(speedup_chart_test, text_widths_are_estimated_wide_enough) {
    // DejaVu Sans: "W" is 0.989 em, "i" 0.278 em; outside ASCII one em; bold is wider.
    EXPECT_NEAR(estimated_text_width("W", 10), 9.89, 1e-9);
    EXPECT_NEAR(estimated_text_width("ii", 10), 5.56, 1e-9);
    EXPECT_NEAR(estimated_text_width("µ", 10), 10, 1e-9);
    EXPECT_GT(estimated_text_width("ideal", 13, font_weight::bold), estimated_text_width("ideal", 13));
}

}  // namespace
