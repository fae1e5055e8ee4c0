"""Writes evals/datasets/field2.jsonl, the held-out set: part A (mail-like messages,
evals/build_field2_a.py) then part B (short and other-language messages,
evals/build_field2_b.py), each written by someone who never read the model's code nor ran
it. Its hash is committed beside it (field2.jsonl.sha256) and checked by a test:
  .venv/bin/python -m evals.build_field2
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from evals import build_field2_a, build_field2_b
from evals.dataset import dump_case, load_dataset

OUT = Path(__file__).parent / "datasets" / "field2.jsonl"


def main() -> None:
    cases = build_field2_a.build() + build_field2_b.build()
    data = "".join(dump_case(c) + "\n" for c in cases)
    OUT.write_text(data, encoding="utf-8")
    OUT.with_name(OUT.name + ".sha256").write_text(
        f"{hashlib.sha256(data.encode('utf-8')).hexdigest()}  {OUT.name}\n", encoding="utf-8")
    print(f"{len(load_dataset(OUT))} cases -> {OUT.name}")


if __name__ == "__main__":
    main()
