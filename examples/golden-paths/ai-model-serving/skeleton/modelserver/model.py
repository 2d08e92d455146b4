"""A tiny, deterministic text classifier: multinomial naive Bayes over a bag of words.

The weights are plain JSON (model/model.json), produced by scripts/train.py from data/train.jsonl.
Swap in your own model by keeping the two methods the server uses: predict() and info().
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

TOKEN = re.compile(r"[a-z0-9']+")
MAX_INPUT_CHARS = 10_000


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


@dataclass(frozen=True)
class Prediction:
    label: str
    scores: dict[str, float]
    input_tokens: int
    output_tokens: int


class NaiveBayesModel:
    def __init__(self, weights: dict) -> None:
        self.name: str = weights["name"]
        self.version: str = weights["version"]
        self.labels: list[str] = list(weights["labels"])
        self.log_priors: list[float] = list(weights["log_priors"])
        self.log_likelihoods: dict[str, list[float]] = weights["log_likelihoods"]
        self.unknown: list[float] = list(weights["unknown_log_likelihood"])
        if not (len(self.labels) == len(self.log_priors) == len(self.unknown)):
            raise ValueError("model.json: labels, log_priors and unknown_log_likelihood must have the same length")

    def info(self) -> dict:
        return {"name": self.name, "version": self.version, "labels": self.labels, "vocabulary": len(self.log_likelihoods)}

    def predict(self, text: str) -> Prediction:
        if len(text) > MAX_INPUT_CHARS:
            raise ValueError(f"text: at most {MAX_INPUT_CHARS} characters")
        tokens = tokenize(text)
        totals = list(self.log_priors)
        for token in tokens:
            row = self.log_likelihoods.get(token, self.unknown)
            for i, value in enumerate(row):
                totals[i] += value
        # Softmax of log scores, shifted by the maximum for numerical stability.
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        scores = {label: round(e / norm, 6) for label, e in zip(self.labels, exps)}
        best = max(range(len(self.labels)), key=lambda i: (totals[i], -i))
        # A classifier emits one token: the label. A generator would count the tokens it produced.
        return Prediction(self.labels[best], scores, len(tokens), 1)


def load_model(path: str | Path) -> NaiveBayesModel:
    with open(path, encoding="utf-8") as f:
        return NaiveBayesModel(json.load(f))
