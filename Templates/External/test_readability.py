"""Tests of the Python external analyzer: its analysis, and the protocol as
Loupe drives it (a real process, one JSON object per line).

Run: python3 -m unittest discover -s Templates/External
"""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import readability  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "readability.py")
SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "schemas")


def check_against_schema(message, name):
    """The parts of docs/schemas/NAME.json a standard-library check can hold a
    message to: required keys, constants, and the keys a suggestion may not set."""
    with open(os.path.join(SCHEMAS, name + ".json"), encoding="utf-8") as source:
        schema = json.load(source)
    for key in schema["required"]:
        assert key in message, f"{name}: missing {key!r}"
    for key, rule in schema["properties"].items():
        if "const" in rule and key in message:
            assert message[key] == rule["const"], f"{name}: {key} is {message[key]!r}"
    if name == "suggestions":
        item = schema["properties"]["suggestions"]["items"]
        forbidden = [branch["required"][0] for branch in item["not"]["anyOf"]]
        for suggestion in message["suggestions"]:
            for key in item["required"]:
                assert key in suggestion, f"suggestion without {key!r}"
            for key in forbidden:
                assert key not in suggestion, f"suggestion sets {key!r}"


class AnalysisTests(unittest.TestCase):
    def test_a_long_sentence_is_marked_with_its_exact_span(self):
        long = " ".join(["word"] * 40) + "."
        text = "Short one. " + long + " Another one."
        found = readability.analyze(text, readability.DEFAULTS)
        spans = [s for s in found if s["label"] == "long-sentence"]
        self.assertEqual(len(spans), 1)
        self.assertEqual(text[spans[0]["start"]:spans[0]["end"]], long)
        for cue in spans[0]["cues"]:
            self.assertEqual(text[cue["start"]:cue["end"]], cue["text"])

    def test_offsets_count_code_points(self):
        text = "é𝔼Ω. " + " ".join(["mot"] * 40) + "."
        found = [s for s in readability.analyze(text, readability.DEFAULTS) if s["label"] == "long-sentence"]
        self.assertEqual(found[0]["start"], 5)
        self.assertEqual(text[found[0]["start"]:found[0]["end"]], " ".join(["mot"] * 40) + ".")

    def test_reading_ease_is_on_the_document(self):
        found = readability.analyze("The cat sat. The dog ran.", readability.DEFAULTS)
        ease = [s for s in found if s["label"] == "reading-ease"]
        self.assertEqual(len(ease), 1)
        self.assertNotIn("start", ease[0])
        self.assertGreater(ease[0]["attributes"]["fleschReadingEase"], 90)

    def test_bad_options_are_refused(self):
        self.assertIsNotNone(readability.checked({"maxWord": 3})[1])
        self.assertIsNotNone(readability.checked({"maxWords": 1})[1])
        self.assertEqual(readability.checked({"maxWords": 20}), ({"maxWords": 20}, None))


class ProtocolTests(unittest.TestCase):
    def exchange(self, messages):
        lines = "".join(json.dumps(m) + "\n" for m in messages)
        result = subprocess.run([sys.executable, SCRIPT], input=lines, capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 0, result.stderr)
        return [json.loads(line) for line in result.stdout.splitlines()]

    def test_handshake_then_documents(self):
        replies = self.exchange([
            {"type": "hello", "protocol": 1, "options": {"maxWords": 5}},
            {"type": "analyze", "document": {"id": "d1", "text": "One two three four five six seven."}},
        ])
        self.assertEqual(replies[0]["type"], "descriptor")
        self.assertEqual(replies[0]["id"], "readability")
        check_against_schema(replies[0], "descriptor")
        check_against_schema(replies[1], "suggestions")
        self.assertEqual(replies[1]["type"], "suggestions")
        self.assertEqual(replies[1]["document"], "d1")
        self.assertEqual([s["label"] for s in replies[1]["suggestions"]], ["long-sentence", "reading-ease"])

    def test_bad_options_get_an_error_reply(self):
        replies = self.exchange([{"type": "hello", "protocol": 1, "options": {"maxWord": 5}}])
        self.assertEqual(replies[0]["type"], "error")
        self.assertIn("maxWord", replies[0]["message"])
        check_against_schema(replies[0], "error")


if __name__ == "__main__":
    unittest.main()
