# Shared by check-parallel and check-spark; sourced, not run. The caller sets
# NAME (for messages) and `set -euo pipefail` first.
#
# Settings (environment; options --corpus and --docs override the first two):
#   CORPUS            JSONL corpus (default: the Senate press releases in ../shared;
#                     where that is missing, a corpus made from seeds/: each seed
#                     whole and each of its paragraphs, repeated under new ids)
#   SCALE_DOCS        read only the first N lines of it (default: all)
#   LOUPE             the loupe command: a path, optionally followed by arguments,
#                     separated by spaces (default: .build/release/loupe); the
#                     checks append `stream --jobs N`
#   SOURCE_DATE_EPOCH the `created` time of every annotation (default: 1700000000)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() {
  echo "$NAME: $*" >&2
  exit 1
}

usage() {
  if [ "${1:-0}" = 0 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
  else
    sed -n 's/^# Usage: /usage: /p' "$0" >&2
  fi
  exit "${1:-0}"
}

CORPUS_GIVEN="${CORPUS:+yes}"
CORPUS="${CORPUS:-$ROOT/../shared/corpora/us-senate-press-releases/articles.jsonl}"
SCALE_DOCS="${SCALE_DOCS:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) [ $# -ge 2 ] || usage 2; CORPUS="$2"; CORPUS_GIVEN=yes; shift 2 ;;
    --corpus=*) CORPUS="${1#*=}"; CORPUS_GIVEN=yes; shift ;;
    --docs) [ $# -ge 2 ] || usage 2; SCALE_DOCS="$2"; shift 2 ;;
    --docs=*) SCALE_DOCS="${1#*=}"; shift ;;
    -h|--help) usage 0 ;;
    *) echo "$NAME: unknown argument '$1'" >&2; usage 2 ;;
  esac
done
[ -r "$CORPUS" ] || [ -z "$CORPUS_GIVEN" ] || die "cannot read the corpus $CORPUS (set CORPUS or --corpus)"
if [ -n "$SCALE_DOCS" ] && ! [[ "$SCALE_DOCS" =~ ^[1-9][0-9]*$ ]]; then
  die "SCALE_DOCS must be a positive number of documents, not '$SCALE_DOCS'"
fi

# The loupe command as an array, its program made absolute (Spark runs it from
# another directory), and as one shell-quoted string for parallel and Spark.
if [ -n "${LOUPE:-}" ]; then
  read -r -a LOUPE_CMD <<<"$LOUPE"
  [ ${#LOUPE_CMD[@]} -gt 0 ] || die "LOUPE is blank"
else
  LOUPE_CMD=("$ROOT/.build/release/loupe")
fi
if [[ "${LOUPE_CMD[0]}" == */* ]]; then
  [ -f "${LOUPE_CMD[0]}" ] && [ -x "${LOUPE_CMD[0]}" ] ||
    die "no executable loupe at ${LOUPE_CMD[0]} (run 'make release', or set LOUPE)"
  LOUPE_CMD[0]="$(cd "$(dirname "${LOUPE_CMD[0]}")" && pwd)/$(basename "${LOUPE_CMD[0]}")"
else
  command -v "${LOUPE_CMD[0]}" >/dev/null || die "no command '${LOUPE_CMD[0]}' on PATH (set LOUPE)"
fi
LOUPE_QUOTED="$(printf '%q ' "${LOUPE_CMD[@]}")"
LOUPE_QUOTED="${LOUPE_QUOTED% }"

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
[[ "$SOURCE_DATE_EPOCH" =~ ^[0-9]+$ ]] || die "SOURCE_DATE_EPOCH must be whole seconds, not '$SOURCE_DATE_EPOCH'"

# One temporary folder, removed however the script ends.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/loupe-scale.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A clone without ../shared beside it (the default corpus's home) checks on text it
# holds itself: the seeds, whole and paragraph by paragraph, as many times as it
# takes to give SCALE_DOCS documents (300 when unset), each under an id of its own.
if [ ! -r "$CORPUS" ]; then
  echo "$NAME: no corpus at $CORPUS; using the seeds (set CORPUS or --corpus for another)" >&2
  CORPUS="$WORK/seeds.jsonl"
  python3 - "$ROOT/seeds" "${SCALE_DOCS:-300}" >"$CORPUS" <<'PY' || die "could not make a corpus from $ROOT/seeds"
import json, pathlib, sys
folder, wanted = pathlib.Path(sys.argv[1]), int(sys.argv[2])
texts = []
for path in sorted(folder.glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    texts.append((path.stem, text))
    texts += [(f"{path.stem}-p{i}", p) for i, p in enumerate(text.split("\n\n")) if p.strip()]
if not texts:
    sys.exit(f"no .txt files in {folder}")
for n in range(wanted):
    name, text = texts[n % len(texts)]
    print(json.dumps({"id": f"{name}-{n // len(texts)}", "text": text}, ensure_ascii=False, sort_keys=True))
PY
fi

if [ -n "$SCALE_DOCS" ]; then
  INPUT="$WORK/input.jsonl"
  head -n "$SCALE_DOCS" "$CORPUS" >"$INPUT"
else
  INPUT="$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")"
fi

# apt_install PACKAGE...: with apt-get, sudo when not root.
apt_install() {
  command -v apt-get >/dev/null || die "$* missing and apt-get is not available; install $* by hand"
  local sudo=""
  if [ "$(id -u)" != "0" ]; then
    command -v sudo >/dev/null || die "$* missing; installing needs root or sudo"
    sudo="sudo"
  fi
  echo "$NAME: installing $* with apt-get" >&2
  $sudo apt-get update -qq >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log" >&2; die "apt-get update failed"; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >"$WORK/apt.log" 2>&1 ||
    { tail -n 20 "$WORK/apt.log" >&2; die "apt-get install $* failed"; }
}

# now: seconds since the epoch, with microseconds where bash has them.
now() {
  if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s; fi
}

# seconds START END: the time between, as "12.3 s".
seconds() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'
}

# run_single OUT: the single-process reference run, `loupe stream --jobs 2`.
# Sets SINGLE_TIME.
run_single() {
  local start rc=0
  start="$(now)"
  "${LOUPE_CMD[@]}" stream --jobs 2 <"$INPUT" >"$1" || rc=$?
  [ "$rc" = 0 ] || die "the single-process run '$LOUPE_QUOTED stream --jobs 2' failed with exit status $rc"
  SINGLE_TIME="$(seconds "$start" "$(now)")"
}

# compare REFERENCE OTHER LABEL: returns when the files are byte-identical,
# otherwise exits 1 with the line counts and the first differing line numbers.
compare() {
  cmp -s "$1" "$2" && return 0
  local where
  where="$(awk -v other="$2" '
    function add(i) { d = d (n++ ? ", " : "") i }
    n < 5 { if ((getline line < other) <= 0) line = "\001EOF"; if (line != $0) add(NR) }
    END { k = NR; while (n < 5 && (getline line < other) > 0) add(++k); print d }' "$1")"
  die "DIFFERENT: single-process run has $(wc -l <"$1" | tr -d ' ') lines, $3 $(wc -l <"$2" | tr -d ' '); first differing lines: $where"
}
