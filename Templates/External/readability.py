#!/usr/bin/env python3
"""An external Loupe analyzer in Python (standard library only): marks
sentences too long to read at one go, and scores each document's reading
ease (Flesch). It speaks Loupe's external analyzer protocol
(docs/external-analyzers.md): one JSON object per line on standard input
and output.

Declare it in loupe.json:

    {"external": {"readability": {"command": ["python3", "Templates/External/readability.py"]}}}

Offsets are Unicode code points, as Python's str indexing counts them and as
Loupe counts them.
"""
import json
import re
import sys

PROTOCOL = 1
DEFAULTS = {"maxWords": 35}

DESCRIPTOR = {
    "type": "descriptor",
    "protocol": PROTOCOL,
    "id": "readability",
    "name": "Readability",
    "summary": "Marks sentences too long to read at one go and scores the document's reading ease (Flesch).",
    "version": "1.0.0",
    "layers": ["readability"],
    "labels": ["long-sentence", "reading-ease"],
    "options": DEFAULTS,
    "examples": [
        {
            "id": "long-sentence",
            "text": "Short one. ⟦" + " ".join(["word"] * 40) + ".⟧ Another short one.",
            "expect": [{"label": "long-sentence"}],
            "document": [{"label": "reading-ease"}],
        },
        {"id": "short-sentences-are-quiet", "text": "The council met. It voted. Nobody objected.", "quiet": True},
    ],
}

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|$)|\n\s*\n")
VOWEL_GROUPS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def sentences(text):
    """(start, end) of each sentence: up to a full stop, question or exclamation
    mark (with closing quotes) before white space, or a blank line."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + lead + len(stripped)
        start = match.end()
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(piece.strip())


def syllables(word):
    groups = VOWEL_GROUPS.findall(word)
    count = len(groups)
    if word.lower().endswith("e") and count > 1:
        count -= 1
    return max(1, count)


def analyze(text, options):
    suggestions = []
    total_words = total_syllables = total_sentences = 0
    for start, end in sentences(text):
        words = WORD.findall(text[start:end])
        if not words:
            continue
        total_sentences += 1
        total_words += len(words)
        total_syllables += sum(syllables(word) for word in words)
        if len(words) > options["maxWords"]:
            first = WORD.search(text, start, end)
            suggestions.append({
                "label": "long-sentence",
                "start": start,
                "end": end,
                "rule": "readability.max-words",
                "cues": [{"text": first.group(), "start": first.start(), "end": first.end()}],
                "attributes": {"words": len(words), "maxWords": options["maxWords"]},
            })
    if total_sentences:
        ease = 206.835 - 1.015 * (total_words / total_sentences) - 84.6 * (total_syllables / total_words)
        suggestions.append({
            "label": "reading-ease",
            "rule": "readability.flesch",
            "attributes": {
                "fleschReadingEase": round(ease, 1),
                "sentences": total_sentences,
                "words": total_words,
                "wordsPerSentence": round(total_words / total_sentences, 1),
            },
        })
    return suggestions


def checked(options):
    """The options over the defaults, or the reason they cannot be used."""
    merged = dict(DEFAULTS)
    for key, value in options.items():
        if key not in DEFAULTS:
            return None, f"no option {key!r} (its options: {', '.join(sorted(DEFAULTS))})"
        merged[key] = value
    if not isinstance(merged["maxWords"], int) or isinstance(merged["maxWords"], bool) or not 5 <= merged["maxWords"] <= 500:
        return None, "maxWords is a whole number from 5 to 500"
    return merged, None


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main():
    options = dict(DEFAULTS)
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        if message.get("type") == "hello":
            options, problem = checked(message.get("options", {}))
            send({"type": "error", "message": problem} if problem else DESCRIPTOR)
        elif message.get("type") == "analyze":
            document = message["document"]
            send({"type": "suggestions", "document": document["id"], "suggestions": analyze(document["text"], options)})
        else:
            send({"type": "error", "message": f"unknown message type {message.get('type')!r}"})


if __name__ == "__main__":
    main()
