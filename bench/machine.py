"""How fast this machine runs Python, so figures from different machines can be compared.

CPU time per message depends on the core: the same code measured 22 ms of Rasa CPU per message
on one machine and 53 ms on another whose cores run Python ~2.5x slower. Every bench report
carries `reference_ms`: the CPU time of a fixed pure-Python loop, the best of a few runs, taken
while the stack is idle. On a virtual machine it also moves with the host: on session 22's KVM
guest it read 103–220 ms within the same hour (the host's other tenants share the physical
cores), and CPU per message moves with it. Compare figures taken side by side, or with their
reference.
"""

from __future__ import annotations

import time

LOOP = 2_000_000
RUNS = 5


def reference_ms() -> float:
    """Best-of-RUNS thread CPU time of a fixed integer loop, in ms."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.thread_time()
        total = 0
        for i in range(LOOP):
            total += i
        best = min(best, time.thread_time() - start)
    return round(best * 1000, 1)


if __name__ == "__main__":
    print(f"reference loop ({LOOP:,} additions): {reference_ms()} ms CPU")
