#!/usr/bin/env python3
"""Checks Loupe's exports against the texts and the formats' rules, with
Python's str slicing as the reference for offsets (code points).

Usage: check-exports.py SEEDS_DIR EXPORT_DIR
EXPORT_DIR holds annotations.csv, summary.csv, annotations.jsonl,
annotations.jsonld and brat/. Prints one line per check; exits 1 on a fault.
"""
import csv
import glob
import json
import os
import re
import sys

seeds, exports = sys.argv[1], sys.argv[2]
texts = {}
for path in glob.glob(os.path.join(seeds, "*")):
    with open(path, encoding="utf-8-sig", newline="") as source:
        text = source.read().replace("\r\n", "\n").replace("\r", "\n")
    texts[os.path.splitext(os.path.basename(path))[0]] = text
faults = []


def fault(message):
    faults.append(message)


# CSV: RFC 4180 as Python's csv reads it; every span's exact is text[start:end].
with open(os.path.join(exports, "annotations.csv"), encoding="utf-8", newline="") as source:
    rows = list(csv.DictReader(source))
spans = 0
for row in rows:
    if row["start"]:
        spans += 1
        text = texts[row["document"]]
        if text[int(row["start"]):int(row["end"])] != row["exact"]:
            fault(f"csv: {row['id']}: text[{row['start']}:{row['end']}] is not its exact")
print(f"csv: {len(rows)} rows, {spans} spans checked against text[start:end]")

with open(os.path.join(exports, "summary.csv"), encoding="utf-8", newline="") as source:
    summary = list(csv.DictReader(source))
if sorted(row["document"] for row in summary) != sorted(texts):
    fault("summary-csv: not one row per document")
print(f"summary-csv: {len(summary)} rows, {len(summary[0]) if summary else 0} columns")

# JSONL: one object per line in the annotation file schema.
count = 0
with open(os.path.join(exports, "annotations.jsonl"), encoding="utf-8") as source:
    for line in source:
        record = json.loads(line)
        if record.get("schema") != "loupe-annotations" or "annotations" not in record:
            fault("jsonl: a line is not in the annotation file schema")
        text = texts[record["document"]["id"]]
        for item in record["annotations"]:
            count += 1
            target = item.get("target")
            if target and text[target["start"]:target["end"]] != target["exact"]:
                fault(f"jsonl: {item['id']}: offsets do not give exact")
print(f"jsonl: {count} annotations")

# W3C Web Annotation: the model's required keys and selector shapes.
with open(os.path.join(exports, "annotations.jsonld"), encoding="utf-8") as source:
    collection = json.load(source)
context = collection.get("@context")
if "http://www.w3.org/ns/anno.jsonld" not in (context if isinstance(context, list) else [context]):
    fault("w3c: the context is not the Web Annotation context")
if collection.get("type") != "AnnotationCollection":
    fault("w3c: not an AnnotationCollection")
items = collection["first"]["items"]
if collection.get("total") != len(items):
    fault("w3c: total is not the number of items")
positions = 0
for item in items:
    for key in ("@context",):
        if key in item:
            fault("w3c: an item repeats the context")
    if item.get("type") != "Annotation" or not str(item.get("id", "")).startswith("urn:") or "target" not in item:
        fault(f"w3c: {item.get('id')}: not an Annotation with an id and a target")
    creator = item.get("creator", {})
    if creator.get("type") not in ("Person", "Software"):
        fault(f"w3c: {item['id']}: creator is neither Person nor Software")
    for body in item.get("body", []):
        if body.get("type") != "TextualBody" or "value" not in body:
            fault(f"w3c: {item['id']}: a body is not a TextualBody with a value")
    target = item["target"]
    if "source" not in target:
        fault(f"w3c: {item['id']}: target without a source")
    selectors = {selector["type"]: selector for selector in target.get("selector", [])}
    if selectors:
        quote, position = selectors.get("TextQuoteSelector"), selectors.get("TextPositionSelector")
        if not quote or not position or "exact" not in quote:
            fault(f"w3c: {item['id']}: selectors are not a TextQuoteSelector and a TextPositionSelector")
            continue
        positions += 1
        text = texts[item["loupe:document"]]
        if text[position["start"]:position["end"]] != quote["exact"]:
            fault(f"w3c: {item['id']}: TextPositionSelector does not select the quote")
        if not text[:position["start"]].endswith(quote["prefix"]) or not text[position["end"]:].startswith(quote["suffix"]):
            fault(f"w3c: {item['id']}: prefix or suffix is not the text around the quote")
print(f"w3c: {len(items)} annotations, {positions} position selectors checked")

# brat standoff, read by brat's rules: T lines 'ID<TAB>TYPE START END[;START END]*<TAB>TEXT' where TEXT is the
# fragments joined by a space, no fragment across a line break; A lines name a T; '#' notes name a T;
# every type in annotation.conf [entities].
with open(os.path.join(exports, "brat", "annotation.conf"), encoding="utf-8") as source:
    conf = source.read()
entities = set(conf.split("[entities]")[1].split("[")[0].split())
tline = re.compile(r"^(T\d+)\t([A-Za-z0-9_-]+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
bound = 0
for ann in glob.glob(os.path.join(exports, "brat", "*.ann")):
    name = os.path.splitext(os.path.basename(ann))[0]
    with open(os.path.join(exports, "brat", name + ".txt"), encoding="utf-8", newline="") as source:
        text = source.read()
    if text != texts[name]:
        fault(f"brat: {name}.txt is not the document's text")
    ids = set()
    with open(ann, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            line = line.rstrip("\n")
            if line.startswith("T"):
                match = tline.match(line)
                if not match:
                    fault(f"brat: {name}.ann:{number}: malformed text-bound line")
                    continue
                ident, kind, offsets, quoted = match.groups()
                ids.add(ident)
                bound += 1
                if kind not in entities:
                    fault(f"brat: {name}.ann:{number}: type {kind} not in annotation.conf")
                pieces = []
                for fragment in offsets.split(";"):
                    start, end = map(int, fragment.split())
                    if not 0 <= start < end <= len(text) or "\n" in text[start:end]:
                        fault(f"brat: {name}.ann:{number}: fragment {start}-{end} is outside the text or crosses a line")
                    pieces.append(text[start:end])
                if " ".join(pieces) != quoted:
                    fault(f"brat: {name}.ann:{number}: the text does not match the offsets")
            elif line.startswith("A"):
                parts = line.split("\t")[1].split()
                if parts[0] != "Status" or parts[1] not in ids or parts[2] not in ("suggested", "accepted", "rejected"):
                    fault(f"brat: {name}.ann:{number}: bad attribute line")
            elif line.startswith("#"):
                parts = line.split("\t")
                if len(parts) != 3 or parts[1].split()[0] != "AnnotatorNotes" or parts[1].split()[1] not in ids:
                    fault(f"brat: {name}.ann:{number}: bad note line")
            elif line:
                fault(f"brat: {name}.ann:{number}: unknown line")
print(f"brat: {bound} text-bound annotations read by brat's rules")
for message in faults[:20]:
    print("FAULT " + message)
sys.exit(1 if faults else 0)
