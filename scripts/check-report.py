#!/usr/bin/env python3
"""Checks a Loupe HTML report in a real browser (headless Chromium).

Usage: check-report.py REPORT.html ANNOTATIONS_DIR SCREENSHOT.png [--chart-layers N] [--hostile TEXT]

Chromium loads the report from disk and dumps the DOM it built; the DOM must
hold every document of the annotations folder, with its annotation count as
the file gives it, every drawn annotation (a span, not rejected, not orphaned)
highlighted, a chart per compared layer on the summary page, the layer
toggles, and no script but the report's own. With --hostile, that text (a
document's `<script>`) must be in the page as text. Chromium then takes a
screenshot, which is decoded here (PNG, standard library only) and must not
be blank: many colours, and a fair share of pixels that are not background.

Prints one line per finding and exits 1 if any check fails.
"""
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser


def chromium():
    for name in (os.environ.get("LOUPE_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    sys.exit("check-report: no chromium found; 'make deps' installs it (Debian package chromium)")


def run_browser(args, profile):
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + profile, "--hide-scrollbars"]
    return subprocess.run(base + args, capture_output=True, timeout=120)


class ReportDOM(HTMLParser):
    """Collects what the checks need from the dumped DOM."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.documents = {}          # id -> annotations count
        self.charts = []             # data-layer of each chart table
        self.chart_depth = 0
        self.in_summary = False
        self.summary_charts = []
        self.highlighted = set()
        self.scripts = 0
        self.toggles = []
        self.text = []
        self.titles = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "summary" in classes:
            self.in_summary = True
        if tag == "section" and "document" in classes:
            self.in_summary = False
            self.documents[attrs.get("id", "")[4:]] = int(attrs.get("data-annotations", "-1"))
        if tag == "table" and "chart" in classes:
            self.charts.append(attrs.get("data-layer"))
            if self.in_summary:
                self.summary_charts.append(attrs.get("data-layer"))
        if tag == "script":
            self.scripts += 1
        if tag == "input" and attrs.get("data-toggle"):
            self.toggles.append(attrs["data-toggle"])
        if "data-ann" in attrs:
            self.highlighted.update(attrs["data-ann"].split())
        if "title" in attrs and attrs["title"]:
            self.titles.append(attrs["title"])

    def handle_data(self, data):
        self.text.append(data)


def png_pixels(path):
    """Width, height and rows of RGB(A) tuples of a non-interlaced 8-bit PNG."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat = 8, b""
    width = height = depth = colour = None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    args = sys.argv[1:]
    options = {}
    while len(args) > 3 and args[-2].startswith("--"):
        options[args[-2]] = args[-1]
        args = args[:-2]
    if len(args) != 3:
        sys.exit(__doc__)
    report, annotations, screenshot = (os.path.abspath(a) for a in args)
    failures = []

    def check(condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        if not condition:
            failures.append(message)

    expected, drawn = {}, set()
    for path in sorted(glob.glob(os.path.join(annotations, "*.json"))):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        items = data["annotations"]
        expected[data["document"]["id"]] = len(items)
        drawn.update(a["id"] for a in items
                     if a.get("target") and a.get("status", "suggested") != "rejected" and not a.get("orphaned"))

    with tempfile.TemporaryDirectory() as profile:
        dumped = run_browser(["--dump-dom", "file://" + report], profile)
        check(dumped.returncode == 0 and dumped.stdout, f"chromium loads the report (exit {dumped.returncode})")
        dom = ReportDOM()
        dom.feed(dumped.stdout.decode("utf-8", "replace"))
        check(dom.documents == expected,
              f"every document with its annotation count: {len(dom.documents)} in the DOM, {len(expected)} files")
        missing = drawn - dom.highlighted
        check(not missing, f"every drawn annotation is highlighted: {len(drawn) - len(missing)} of {len(drawn)}")
        layers = int(options.get("--chart-layers", "1"))
        check(len(dom.summary_charts) >= layers,
              f"a chart per compared layer on the summary page: {len(dom.summary_charts)} ({', '.join(map(str, dom.summary_charts))})")
        check(len(dom.toggles) >= layers, f"a toggle per layer: {len(dom.toggles)}")
        check(dom.scripts == 1, f"no script but the report's own: {dom.scripts} script element(s)")
        if "--hostile" in options:
            text = "".join(dom.text)
            check(options["--hostile"] in text, "a document's <script> is shown as text")

        shot = run_browser(["--screenshot=" + screenshot, "--window-size=1280,2400", "file://" + report], profile)
        check(shot.returncode == 0 and os.path.exists(screenshot), "chromium takes a screenshot")
    if os.path.exists(screenshot):
        width, height, channels, rows = png_pixels(screenshot)
        colours, inked, sampled = set(), 0, 0
        for y in range(0, height, 3):
            row = rows[y]
            for x in range(0, width, 3):
                pixel = row[x * channels:x * channels + 3]
                colours.add(pixel)
                sampled += 1
                if sum(pixel) < 3 * 235:
                    inked += 1
        share = inked / max(1, sampled)
        check(len(colours) >= 50 and share >= 0.02,
              f"the screenshot is not blank: {width}x{height}, {len(colours)} colours, {share:.1%} of pixels inked")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
