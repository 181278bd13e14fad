"""A worker process for the crash and two-writer tests: posts vouchers until told to stop.

Run as `python tests/integration/burst.py DB MODE N` — MODE `receipts` posts receipts with
several lines (a crash test kills it mid-way), MODE `issues` takes one unit at a time from the
first lot until stock runs out (two of these race each other).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.domain.errors import InsufficientStock, StorageError  # noqa: E402
from app.services import bootstrap, ledger  # noqa: E402
from app.store.models import Lot, Slot  # noqa: E402


def main() -> None:
    path, mode, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    bootstrap.open_books(path, create=False)
    lots = list(Lot.select().order_by(Lot.id))
    slots = [s.id for s in Slot.select().order_by(Slot.id)]
    done = 0
    print("ready", flush=True)
    for i in range(n):
        try:
            if mode == "receipts":
                lines = [
                    ledger.Line(lot.item_id, lot.id, slots[(i + k) % len(slots)], 1 + k)
                    for k, lot in enumerate(lots)
                ]
                ledger.post_new("receipt", lines)
            else:
                lot = lots[0]
                ledger.post_new("issue", [ledger.Line(lot.item_id, lot.id, slots[0], 1)])
            done += 1
        except InsufficientStock:
            break
        except StorageError:
            continue  # busy: the other writer holds the lock; try again
    print(done, flush=True)


if __name__ == "__main__":
    main()
