// text_extent: how wide a line of text is drawn in an SVG, estimated without the font at hand.
#pragma once

#include <string_view>

namespace concur {

enum class font_weight { normal, bold };

/// The width in pixels of `text` in a sans-serif font of `size` pixels, from DejaVu Sans's
/// advance widths (the sans-serif of most Linux systems, and wider than Arial, Helvetica and
/// Liberation Sans, which a browser elsewhere may pick): a chart laid out with it leaves room
/// for each of those. A code point outside ASCII counts as the widest ASCII letter (one em, 1.1
/// in bold). Kerning only narrows text, so it is left out.
[[nodiscard]] double estimated_text_width(std::string_view text, double size,
                                          font_weight weight = font_weight::normal) noexcept;

}  // namespace concur
