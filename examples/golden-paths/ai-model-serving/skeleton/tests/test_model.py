import subprocess
import sys
import unittest
from pathlib import Path

from modelserver.model import load_model, tokenize

ROOT = Path(__file__).resolve().parent.parent


class ModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.model = load_model(ROOT / "model" / "model.json")

    def test_tokenizes_words_case_insensitively(self) -> None:
        self.assertEqual(tokenize("Great, GREAT value! isn't it"), ["great", "great", "value", "isn't", "it"])

    def test_classifies_sentiment(self) -> None:
        self.assertEqual(self.model.predict("fast delivery and a great price").label, "positive")
        self.assertEqual(self.model.predict("rude staff, rotten food, awful").label, "negative")

    def test_is_deterministic_and_scores_sum_to_one(self) -> None:
        first = self.model.predict("the app is easy to use")
        self.assertEqual(first, self.model.predict("the app is easy to use"))
        self.assertAlmostEqual(sum(first.scores.values()), 1.0, places=5)
        self.assertEqual((first.input_tokens, first.output_tokens), (6, 1))

    def test_unknown_words_carry_almost_no_signal(self) -> None:
        prediction = self.model.predict("zzz qqq")
        self.assertTrue(0.4 < prediction.scores["positive"] < 0.6, prediction.scores)

    def test_rejects_oversized_input(self) -> None:
        with self.assertRaisesRegex(ValueError, "at most"):
            self.model.predict("word " * 5000)

    def test_shipped_weights_match_the_training_data(self) -> None:
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train.py"), "--check"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
