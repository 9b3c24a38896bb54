"""The install step: `cmake --install` into a fresh prefix, then the installed concur and its man pages.

Run by ctest with CMAKE_COMMAND (the cmake that configured the build), CONCUR_BUILD_DIR (the build
tree to install from), CONCUR_SOURCE_DIR and CONCUR_MAN_PAGES (1 when the build makes them).
"""
import os
import shutil
import subprocess
import tempfile
import unittest

CMAKE = os.environ.get("CMAKE_COMMAND", "cmake")
BUILD_DIR = os.environ["CONCUR_BUILD_DIR"]
SOURCE_DIR = os.environ["CONCUR_SOURCE_DIR"]
MAN_PAGES = os.environ.get("CONCUR_MAN_PAGES") == "1"
COMMANDS = ("primes", "spin", "bench", "cost", "race")


def read_man(*args, manpath=None):
    """What `man` shows, as plain text 80 columns wide."""
    environment = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MANPAGER="cat", PAGER="cat")
    environment.pop("MANOPT", None)
    if manpath is not None:
        environment["MANPATH"] = manpath
    return subprocess.run(["man", *args], capture_output=True, text=True, timeout=60, env=environment)


class installed_concur(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.prefix = tempfile.mkdtemp(prefix="concur-install-")
        # Naming the component (every rule is in the default one, "Unspecified") makes cmake write
        # its list of installed files to install_manifest_Unspecified.txt, not install_manifest.txt:
        # after the README's `sudo cmake --install build/default` that one belongs to root, and a
        # user's test run could not overwrite it.
        cls.install = subprocess.run([CMAKE, "--install", BUILD_DIR, "--prefix", cls.prefix,
                                      "--component", "Unspecified"],
                                     capture_output=True, text=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.prefix)

    def setUp(self):
        self.assertEqual(self.install.returncode, 0, self.install.stdout + self.install.stderr)

    def test_the_installed_binary_runs_from_the_prefix(self):
        concur = os.path.join(self.prefix, "bin", "concur")
        result = subprocess.run([concur, "primes", "--model=sequential", "7", "12"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"(?m)^ +7  P ")
        self.assertRegex(result.stdout, r"(?m)^ +12 +[0-9]")

    def test_the_license_is_installed_with_the_documentation(self):
        with open(os.path.join(SOURCE_DIR, "LICENSE"), "rb") as source:
            expected = source.read()
        with open(os.path.join(self.prefix, "share", "doc", "concur", "LICENSE"), "rb") as installed:
            self.assertEqual(installed.read(), expected)

    @unittest.skipUnless(MAN_PAGES, "configured with CONCUR_BUILD_MAN_PAGES=OFF")
    def test_man_shows_the_installed_page_of_the_program_and_of_every_command(self):
        man_dir = os.path.join(self.prefix, "share", "man")
        pages = sorted(os.listdir(os.path.join(man_dir, "man1")))
        self.assertEqual(pages, sorted(["concur.1"] + [f"concur-{command}.1" for command in COMMANDS]))

        by_file = read_man("-l", os.path.join(man_dir, "man1", "concur.1"))
        self.assertEqual(by_file.returncode, 0, by_file.stderr)
        self.assertRegex(by_file.stdout, r"\n {7}concur +- \w")  # NAME: the help's first sentence
        for command in COMMANDS:
            self.assertIn(f"concur-{command}(1)", by_file.stdout)

        # As a user types it, once the prefix's man directory is on the man path.
        by_name = read_man("concur", manpath=man_dir)
        self.assertEqual(by_name.returncode, 0, by_name.stderr)
        self.assertEqual(by_name.stdout, by_file.stdout)

        for command in COMMANDS:
            with self.subTest(command=command):
                page = read_man("concur-" + command, manpath=man_dir)
                self.assertEqual(page.returncode, 0, page.stderr)
                self.assertRegex(page.stdout, rf"\n {{7}}concur-{command} +- ")
                self.assertIn("--help", page.stdout)


if __name__ == "__main__":
    unittest.main()
