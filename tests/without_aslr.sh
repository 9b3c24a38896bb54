#!/bin/sh
# Runs a test command with address-space randomization off, for ThreadSanitizer.
#
# TSan maps its shadow memory at fixed addresses. Kernels with vm.mmap_rnd_bits = 32 (Ubuntu
# 24.04's, GitHub's runners) may place a library where the shadow must go, and every sanitized
# process dies with "FATAL: ThreadSanitizer: unexpected memory mapping". `setarch -R` sets the
# ADDR_NO_RANDOMIZE personality, which fork and exec inherit, so the python tests and the
# workers they start are covered too. Where personality() is refused (some container seccomp
# profiles), the command runs as it is: on a kernel with fewer random bits TSan works anyway.
if setarch "$(uname -m)" -R true 2>/dev/null; then
  exec setarch "$(uname -m)" -R "$@"
fi
exec "$@"
