"""The width tables in src/core/display_width.cpp, derived again from Python's unicodedata.

The C++ tables are data, and a wrong range would go unnoticed by tests that try a few
characters. This derives them from the rules the .cpp states, using the Unicode database
built into Python, and fails on any difference. `--print` prints the tables, ready to paste,
after a change of rules or of Unicode version.

Skipped where Python's Unicode is not 14.0.0 (Debian 12's Python 3.11), the version the
tables were made from: another version gives other ranges, which is not a fault of the .cpp.
"""
import pathlib
import re
import sys
import unicodedata
import unittest

UNICODE_VERSION = "14.0.0"
SOURCE = pathlib.Path(__file__).resolve().parents[2] / "src" / "core" / "display_width.cpp"
LAST = 0x10FFFF

# Format characters a terminal draws with a glyph of their own (the Prepended_Concatenation_Mark
# property, which unicodedata does not have): counted 1 like U+00AD SOFT HYPHEN.
VISIBLE_FORMAT = {0x00AD, *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD,
                  0x110CD}
# Unassigned code points counted 2: UAX #11 makes the CJK ideograph blocks and planes 2 and 3
# Wide by default, and the emoji blocks get new Wide emoji in every version.
WIDE_WHEN_UNASSIGNED = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x1F300, 0x1F64F),
                        (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]
# Assigned characters UAX #11 calls Ambiguous or Neutral that glibc's wcwidth() counts 2 (and
# with it every terminal that asks the C library): circled numbers on black squares, the Yijing
# hexagrams. Where the two disagree, the wider wins.
WIDE_IN_GLIBC = [(0x3248, 0x324F), (0x4DC0, 0x4DFF)]


def is_zero_width(code_point, category):
    if code_point in VISIBLE_FORMAT:
        return False
    # Hangul medial vowels and final consonants join the initial before them into one syllable.
    jamo = 0x1160 <= code_point <= 0x11FF or 0xD7B0 <= code_point <= 0xD7FF
    return category in ("Mn", "Me", "Cf") or (jamo and category != "Cn")


def is_wide(code_point, character, category):
    if category == "Cn":
        return any(first <= code_point <= last for first, last in WIDE_WHEN_UNASSIGNED)
    if any(first <= code_point <= last for first, last in WIDE_IN_GLIBC):
        return True
    return unicodedata.east_asian_width(character) in ("W", "F")


def runs(flags):
    """[first, last] of every run of True in flags."""
    ranges = []
    for code_point, flag in enumerate(flags):
        if not flag:
            continue
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    return ranges


def derived_tables():
    zero = [False] * (LAST + 1)
    wide = [False] * (LAST + 1)
    assigned = [False] * (LAST + 1)
    for code_point in range(LAST + 1):
        character = chr(code_point)
        category = unicodedata.category(character)
        assigned[code_point] = category != "Cn"
        if category == "Cc":
            continue  # control characters are the code's, not the tables'
        if is_zero_width(code_point, category):
            zero[code_point] = True
        elif is_wide(code_point, character, category):
            wide[code_point] = True
    # Fewer wide ranges: unassigned code points between two wide ranges count 2 as well (if one
    # is given a narrow character some day, a message is cut a column early, no worse).
    # Zero-width ranges are never widened so: an unassigned code point counted 0 could wrap a line.
    wide_ranges = []
    for first, last in runs(wide):
        if wide_ranges and not any(assigned[wide_ranges[-1][1] + 1:first]):
            wide_ranges[-1][1] = last
        else:
            wide_ranges.append([first, last])
    return {"zero_width": runs(zero), "wide": wide_ranges}


def table_text(ranges, width=100):
    """The ranges as C++ initializers, as many to a line as fit in `width` columns."""
    lines = []
    for first, last in ranges:
        cell = f"{{0x{first:04X}, 0x{last:04X}}},"
        if lines and len(lines[-1]) + 1 + len(cell) <= width:
            lines[-1] += " " + cell
        else:
            lines.append("    " + cell)
    return "\n".join(lines)


def source_table(name):
    """The ranges of `constexpr code_point_range NAME[] = {...};` in the .cpp."""
    text = SOURCE.read_text()
    match = re.search(rf"{name}\[\] = \{{(.*?)\}};", text, re.S)
    if match is None:
        raise AssertionError(f"no table {name} in {SOURCE}")
    return [[int(first, 16), int(last, 16)]
            for first, last in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", match.group(1))]


@unittest.skipUnless(unicodedata.unidata_version == UNICODE_VERSION,
                     f"Python's Unicode is {unicodedata.unidata_version}, the tables are {UNICODE_VERSION}")
class display_width_table_test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.derived = derived_tables()

    def test_zero_width_ranges_are_the_derived_ones(self):
        self.assertEqual(source_table("zero_width_ranges"), self.derived["zero_width"])

    def test_wide_ranges_are_the_derived_ones(self):
        self.assertEqual(source_table("wide_ranges"), self.derived["wide"])

    def test_the_tables_are_sorted_and_apart(self):
        # The .cpp searches them by bisection.
        for name in ("zero_width_ranges", "wide_ranges"):
            ranges = source_table(name)
            self.assertTrue(all(first <= last for first, last in ranges), name)
            self.assertTrue(all(a[1] + 1 < b[0] for a, b in zip(ranges, ranges[1:])), name)


if __name__ == "__main__":
    if sys.argv[1:] == ["--print"]:
        tables = derived_tables()
        for name in ("zero_width", "wide"):
            print(f"// {name}_ranges: {len(tables[name])}\n{table_text(tables[name])}")
    else:
        unittest.main()
