#!/usr/bin/env bash
# The npm package, installed the way a learner installs it, runs the daily loop: `npm pack`, then
# `npm install <tarball>` into an empty folder (no workspaces, no devDependencies: only what the package ships
# and depends on), then today, a kata started and checked, the shipped reference verified, and a scaffolded
# project installed and checked — each with its documented exit code. Prints the tarball's size and the
# install's time. Usage: scripts/pack-smoke.sh [WORK_DIR] (default: a temp dir, removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ $# -gt 0 ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-pack-XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)
app=$work/app
learner=$work/learner # HOME of the learner: the store and the workspace (~/roadmap-work) live there
rm -rf "$app" "$learner" "$work"/roadmap-*.tgz
mkdir -p "$app" "$learner"

fail() { printf 'pack-smoke: %s\n' "$*" >&2; exit 1; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# `npm pack` runs `prepare`, so the tarball holds a build of this tree, whatever dist/ held before.
tarball=$work/$(npm pack --pack-destination "$work" --silent | tail -n1)
[ -f "$tarball" ] || fail "npm pack wrote no tarball"
unpacked=$(tar -xzOf "$tarball" | wc -c)
printf 'tarball: %s, %s KiB (%s KiB unpacked, %s files)\n' "$(basename "$tarball")" "$(( $(stat -c %s "$tarball") / 1024 ))" \
  "$((unpacked / 1024))" "$(tar -tzf "$tarball" | wc -l)"

# A learner's own project that installs roadmap, with the root package.json's install-script policy: npm reads
# allowScripts from the project being installed only, never from a dependency.
node -e '
  const { allowScripts } = require(process.argv[1]);
  process.stdout.write(JSON.stringify({ name: "roadmap-pack-smoke", private: true, allowScripts }, null, 2));
' "$root/package.json" >"$app/package.json"
cp "$tarball" "$app/"

started=$(date +%s%N)
# Offline-first: every package is in npm's cache after the repository's own `npm ci`.
(cd "$app" && npm install --prefer-offline --no-audit --no-fund "./$(basename "$tarball")") >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "npm install of the tarball failed"; }
printf 'npm install <tarball>: %s ms (%s)\n' "$(ms_since "$started")" "$(grep -o 'added [0-9]* packages' "$work/install.log")"
# What npm still warns about (reported, not fatal: see README "Install" for the known ones).
grep -i '^npm warn' "$work/install.log" | sed 's/^/  /' || true

roadmap() {
  (cd "$learner" && env -i PATH="$PATH" HOME="$learner" ROADMAP_HOME="$learner/state" NO_COLOR=1 \
    "$app/node_modules/.bin/roadmap" "$@")
}
# Runs roadmap, expecting an exit code; on any other, shows what it printed.
expect_exit() {
  local want=$1 code=0
  shift
  roadmap "$@" >"$work/out.log" 2>"$work/err.log" || code=$?
  if [ "$code" != "$want" ]; then
    cat "$work/out.log" "$work/err.log" >&2
    fail "roadmap $* exited $code, expected $want"
  fi
  printf 'roadmap %s: exit %s\n' "$*" "$code"
}

expect_exit 0 today
grep -q 'Streak' "$work/out.log" || fail "roadmap today printed no streak"

expect_exit 0 kata start p1.event-loop-order
# The starter is unsolved: its tests run (vitest from the installed package) and fail, exit 3.
expect_exit 3 kata check
grep -q 'tests\? failing$' "$work/err.log" || { cat "$work/out.log" "$work/err.log" >&2; fail "kata check did not run the kata's tests"; }

# The shipped reference runs from the installed package (its dependencies resolve from roadmap's own) and crawls
# the test site correctly: every count criterion (pages requested, written, robots, duplicates) holds. The
# timing ones (event-loop delay, progress ticks) are reported, not asserted: a 200-page crawl ends in under a
# second, too short to measure ticks, and a busy CI machine stretches the delay (benchmarks own thresholds).
code=0
roadmap verify phase-1 --target reference --pages 200 --json >"$work/verify.json" 2>"$work/err.log" || code=$?
[ "$code" = 0 ] || [ "$code" = 3 ] || { cat "$work/err.log" >&2; fail "roadmap verify phase-1 --target reference exited $code, expected 0 or 3"; }
node -e '
  const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const figures = report.criteria.flatMap((c) => c.figures);
  const counts = figures.filter((f) => f.threshold?.op === "=");
  const wrong = counts.filter((f) => !f.pass).map((f) => `${f.name}: ${f.value}, expected ${f.threshold.value}`);
  if (counts.length < 4 || wrong.length) { console.error(`the reference crawl is wrong: ${wrong.join("; ") || "no counts measured"}`); process.exit(1); }
  const timing = figures.filter((f) => f.threshold && f.threshold.op !== "=").map((f) => `${f.name} ${f.value} ${f.unit} ${f.pass ? "ok" : "(not met)"}`);
  const notMet = report.criteria.filter((c) => !c.passed).map((c) => c.id);
  console.log(`roadmap verify phase-1 --target reference --pages 200: exit ${process.argv[2]}; ${counts.length} counts hold; timing: ${timing.join(", ") || "not measured"}${notMet.length ? `; not met: ${notMet.join(", ")}` : ""}`);
' "$work/verify.json" "$code" || fail "roadmap verify phase-1 --target reference: see above"

# The phase 2 reference loads from the installed package: a usage error (exit 2) comes after every static
# import of its bundle (fastify, kysely, pg, ioredis...) resolved.
docs_api=$app/node_modules/roadmap/projects/docs-api/bin/docs-api.js
code=0
node "$docs_api" >"$work/out.log" 2>"$work/err.log" || code=$?
{ [ "$code" = 2 ] && grep -q '^usage: docs-api' "$work/err.log"; } || { cat "$work/out.log" "$work/err.log" >&2; fail "the installed docs-api reference does not load (exit $code)"; }
echo "docs-api (phase 2 reference) with no command: exit 2, usage"

# Each scaffolded project installs without a warning (its own allowScripts and overrides: it is the root there).
for scaffold in 1:scraper 2:docs-api; do
  expect_exit 0 project init "phase-${scaffold%%:*}"
  project=$learner/roadmap-work/projects/${scaffold#*:}
  (cd "$project" && npm install --prefer-offline --no-audit --no-fund) >"$work/project-install.log" 2>&1 ||
    { cat "$work/project-install.log" >&2; fail "npm install in the scaffolded ${scaffold#*:} failed"; }
  if grep -i '^npm warn' "$work/project-install.log"; then fail "npm install in the scaffolded ${scaffold#*:} warns (above)"; fi
  echo "npm install in the scaffolded ${scaffold#*:}: no warning"
done
# The phase 1 one runs through its contract (tsx from its own install): the empty starter exits 0 having
# written nothing, so its criteria fail, exit 3 — but it did start.
expect_exit 3 verify phase-1 --pages 200
if grep 'exited [1-9]' "$work/err.log"; then fail "the scaffolded project did not start (above)"; fi

# Phase 3 runs roadmap's own tools on a target (tsc, vitest with V8 coverage, dependency-cruiser with TypeScript
# 5.9): they must resolve from the installed package. The target is a copy of the repository's hexagonal
# docs-api (its sources, not built), installed the way a learner installs their own project; both criteria pass
# on it. The phase 2 regression needs the API built and a database, so it is not asserted here.
hexagon=$work/hexagon
rm -rf "$hexagon"
tar -C "$root/projects/docs-api" --exclude=node_modules --exclude=dist --exclude='*.tsbuildinfo' -cf - . | (mkdir -p "$hexagon" && tar -xf - -C "$hexagon")
(cd "$hexagon" && npm install --prefer-offline --no-audit --no-fund) >"$work/hexagon-install.log" 2>&1 ||
  { cat "$work/hexagon-install.log" >&2; fail "npm install in the copy of the hexagonal docs-api failed"; }
code=0
roadmap verify phase-3 --target "$hexagon" --json >"$work/verify3.json" 2>"$work/err.log" || code=$?
[ "$code" = 0 ] || [ "$code" = 3 ] || { cat "$work/err.log" >&2; fail "roadmap verify phase-3 --target <hexagon> exited $code, expected 0 or 3"; }
node -e '
  const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const failed = report.criteria.filter((c) => !c.passed).map((c) => `${c.id}: ${[...(c.reasons ?? []), ...c.figures.filter((f) => f.pass === false).map((f) => f.name)].join("; ")}`);
  if (report.criteria.length !== 2 || failed.length) { console.error(`phase 3 criteria on the hexagon: ${failed.join(" | ") || "none measured"}`); process.exit(1); }
  const fig = (name) => report.criteria.flatMap((c) => c.figures).find((f) => f.name === name);
  console.log(`roadmap verify phase-3 --target <hexagon>: exit ${process.argv[2]}; both criteria pass (packages built alone ${fig("packages built alone").value} ${fig("packages built alone").unit}, ${fig("domain tests passed").value} domain tests, ${fig("dependency cycles").value} cycles)`);
' "$work/verify3.json" "$code" || fail "roadmap verify phase-3 on the hexagon: see above"

echo "pack-smoke: ok"
