"""What the source-citation test sets are made of, shared by the scripts that write them
(make-citation-sentences.py, make-citation-heldout.py): each item is a text and its
citations (type, speaker as written, content); quiet items have none."""
import json
import os
import re

D, I, M, A, R = "direct-quote", "indirect-quote", "mixed-quote", "according-to", "reference-marker"

RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SourceCitationAnalysisTests", "Resources")


class Dataset:
    def __init__(self):
        self.items = []

    def add(self, text, *citations):
        self.items.append({"text": text, "citations": [{"type": t, "speaker": s, "content": c} for (t, s, c) in citations]})

    def write(self, name, note):
        """Writes Resources/NAME as the tests read it, and prints what it holds."""
        with open(os.path.join(RESOURCES, name), "w") as target:
            json.dump({"note": note, "items": self.items}, target, ensure_ascii=False, indent=1)
        sentences = sum(len(re.findall(r'[.!?][”"]?(\s|$)', item["text"])) for item in self.items)
        print(len(self.items), "items", sum(len(item["citations"]) for item in self.items), "citations",
              sentences, "sentences approx")
