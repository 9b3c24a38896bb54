"""kernel_objects_test: the object files compiled for AVX2 and AVX-512 define nothing the rest of the program could call
by accident: only the kernel tables (concur::kernels::*). An inline function from a header
(std::vector's, say) compiled there would be a weak symbol, and the linker could keep that
copy, with AVX-512 instructions, for every caller: a crash on a CPU without them."""
import os
import subprocess
import unittest

ALLOWED_PREFIXES = (
    "concur::kernels::",         # the tables trial_kernel.cpp offers
    "DW.ref.__gxx_personality",  # the exception-handling personality pointer, data only
    "__odr_asan", "__asan",      # AddressSanitizer's bookkeeping in sanitizer builds
)


class kernel_objects_test(unittest.TestCase):
    def test_wide_kernel_objects_define_only_the_kernel_tables(self):
        objects = [path for path in os.environ["CONCUR_OBJECTS"].split(":")
                   if os.path.basename(path).startswith(("kernels_avx2", "kernels_avx512"))]
        if not objects:
            self.skipTest("no wide kernels in this build (not x86-64)")
        self.assertEqual(len(objects), 2, objects)
        for path in objects:
            listing = subprocess.run(["nm", "--defined-only", "--demangle", path], check=True,
                                     capture_output=True, text=True).stdout
            exported = []
            for line in listing.splitlines():
                parts = line.split(maxsplit=2)
                if len(parts) == 3 and parts[1] not in "trbdn":  # lower case: local to the object
                    exported.append(parts[2])
            self.assertTrue(exported, path)
            for name in exported:
                self.assertTrue(name.startswith(ALLOWED_PREFIXES), f"{os.path.basename(path)} defines {name}")


if __name__ == "__main__":
    unittest.main()
