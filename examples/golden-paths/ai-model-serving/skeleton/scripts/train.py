"""Trains the naive Bayes weights in model/model.json from data/train.jsonl, deterministically.

    python3 scripts/train.py            # rewrite model/model.json
    python3 scripts/train.py --check    # fail if model/model.json is not what the data produces
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from modelserver.model import tokenize  # noqa: E402

NAME = "${{ values.name }}-sentiment"
VERSION = "1.0.0"


def train(rows: list[dict]) -> dict:
    labels = sorted({row["label"] for row in rows})
    docs = Counter(row["label"] for row in rows)
    counts = {label: Counter() for label in labels}
    for row in rows:
        counts[row["label"]].update(tokenize(row["text"]))
    vocabulary = sorted(set().union(*counts.values()))
    totals = {label: sum(counts[label].values()) for label in labels}
    size = len(vocabulary)

    def log_likelihood(label: str, token: str | None) -> float:
        # Laplace (add-one) smoothing; token None is any word never seen in training.
        seen = counts[label][token] if token else 0
        return round(math.log((seen + 1) / (totals[label] + size + 1)), 6)

    return {
        "name": NAME,
        "version": VERSION,
        "type": "multinomial-naive-bayes",
        "labels": labels,
        "log_priors": [round(math.log(docs[label] / len(rows)), 6) for label in labels],
        "unknown_log_likelihood": [log_likelihood(label, None) for label in labels],
        "log_likelihoods": {token: [log_likelihood(label, token) for label in labels] for token in vocabulary},
    }


def main() -> int:
    rows = [json.loads(line) for line in (ROOT / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    text = json.dumps(train(rows), indent=1, sort_keys=True) + "\n"
    target = ROOT / "model" / "model.json"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("model/model.json is out of date: run python3 scripts/train.py", file=sys.stderr)
            return 1
        print("model/model.json matches data/train.jsonl")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}: {len(rows)} examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
