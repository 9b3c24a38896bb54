"""Every relative link in README.md, CONTRIBUTING.md and docs/*.md leads somewhere.

A link's file (or folder) must exist in the source tree, and its #anchor must be a heading of
the Markdown file it points to, spelled as GitHub makes anchors: the heading's text, lower case,
punctuation dropped, each space a hyphen, and -1, -2... on repeats. Links to other sites are
not followed. Run by ctest from any folder; the tree is found from this file's place.
"""
import glob
import os
import re
import unicodedata
import unittest

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

FENCE = re.compile(r"^ {0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)=\"([^\"]*)\"", re.IGNORECASE)
HTML_ANCHOR = re.compile(r"<a\b[^>]*?\b(?:name|id)=\"([^\"]*)\"", re.IGNORECASE)
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def prose_lines(text):
    """(number, line) for the lines outside fenced code blocks, their code spans blanked out."""
    in_fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        fence = FENCE.match(line)
        if fence:
            if in_fence is None:
                in_fence = fence.group(1)
            elif fence.group(1) == in_fence:
                in_fence = None
            continue
        if in_fence is None:
            yield number, CODE_SPAN.sub(lambda span: " " * len(span.group(0)), line)


def heading_text(markdown):
    """A heading as GitHub renders it to text: code spans keep their content, links their words."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("`", "").replace("*", "")


def slug(text):
    """GitHub's anchor for a heading's text (github-slugger): letters, digits, '-' and '_' stay."""
    kept = "".join(c for c in text.lower()
                   if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def anchors_of(text):
    anchors = set()
    seen = {}
    in_fence = None
    for line in text.splitlines():
        fence = FENCE.match(line)
        if fence:
            in_fence = fence.group(1) if in_fence is None else (None if fence.group(1) == in_fence else in_fence)
            continue
        if in_fence is not None:
            continue
        anchors.update(HTML_ANCHOR.findall(line))
        heading = ATX_HEADING.match(line)
        if heading:
            base = slug(heading_text(heading.group(2)))
            count = seen.get(base, 0)
            seen[base] = count + 1
            anchors.add(base if count == 0 else f"{base}-{count}")
    return anchors


def links_of(text):
    for number, line in prose_lines(text):
        for pattern in (INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK):
            for target in pattern.findall(line):
                yield number, target


def read_text(path):
    with open(path, encoding="utf-8") as document:
        return document.read()


def broken_links(path, text, read=read_text):
    """(line, target, why) for each relative link of `text` (the file at `path`) that leads nowhere."""
    broken = []
    for number, target in links_of(text):
        if not target or SCHEME.match(target) or target.startswith("//"):
            continue
        file_part, _, anchor = target.partition("#")
        destination = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
        if file_part and not os.path.exists(destination):
            broken.append((number, target, "no such file"))
            continue
        if anchor:
            if not destination.endswith(".md") or os.path.isdir(destination):
                broken.append((number, target, "an anchor on a file that is not Markdown"))
                continue
            destination_text = text if destination == path else read(destination)
            if anchor not in anchors_of(destination_text):
                broken.append((number, target, "no such heading"))
    return broken


def documents():
    paths = [os.path.join(SOURCE_DIR, "README.md"), os.path.join(SOURCE_DIR, "CONTRIBUTING.md")]
    paths += sorted(glob.glob(os.path.join(SOURCE_DIR, "docs", "*.md")))
    return paths


class relative_links(unittest.TestCase):
    def test_every_relative_link_of_the_documentation_resolves(self):
        for path in documents():
            with self.subTest(document=os.path.relpath(path, SOURCE_DIR)):
                self.assertTrue(os.path.isfile(path), "missing")
                self.assertEqual(broken_links(path, read_text(path)), [])

    def test_the_documents_link_to_each_other(self):
        readme = read_text(os.path.join(SOURCE_DIR, "README.md"))
        targets = {target.partition("#")[0] for _, target in links_of(readme)}
        for document in ("CONTRIBUTING.md", "docs/guide.md", "docs/design.md", "docs/performance.md",
                         "docs/reliability.md"):
            self.assertIn(document, targets)


class link_checker(unittest.TestCase):
    """The checker itself: what it must catch, and what it must let through."""

    def test_anchors_are_spelled_as_github_spells_them(self):
        self.assertEqual(slug(heading_text("`concur primes`: a process pool over pipes")),
                         "concur-primes-a-process-pool-over-pipes")
        self.assertEqual(slug(heading_text("What to notice")), "what-to-notice")
        self.assertEqual(slug(heading_text("Ctrl-C, SIGTERM & friends")), "ctrl-c-sigterm--friends")
        self.assertEqual(slug(heading_text("[Links](x.md) and **bold**")), "links-and-bold")
        self.assertEqual(anchors_of("## When\n## When\n```\n## When\n```\n## When\n"),
                         {"when", "when-1", "when-2"})

    def test_a_missing_file_and_a_missing_heading_are_reported(self):
        path = os.path.join(SOURCE_DIR, "README.md")
        text = ("# Title\n[ok](#title) [self](README.md#title) [gone](no/such/file.md)\n"
                "[bad](#no-such-heading) ![picture](docs/missing.svg) [web](https://example.com/x#y)\n"
                "`[code](not/a/link.md)`\n```\n[fenced](not/a/link.md)\n```\n[ref]: docs/design.md#nowhere\n")
        self.assertEqual(broken_links(path, text, read=lambda _: "# Somewhere\n"),
                         [(2, "no/such/file.md", "no such file"), (3, "#no-such-heading", "no such heading"),
                          (3, "docs/missing.svg", "no such file"), (8, "docs/design.md#nowhere", "no such heading")])


if __name__ == "__main__":
    unittest.main()
