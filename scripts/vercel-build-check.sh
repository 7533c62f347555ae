#!/usr/bin/env bash
# Checks that a clean clone of HEAD builds with the Vercel CLI, without a Vercel login or network
# access to Vercel, and that the function it produces answers the way a deployment would.
#
#   1. clones HEAD into a temporary folder (this work tree, its .next/ and .vercel/ are never touched)
#   2. installs dependencies there: copies this tree's node_modules (then `vercel build` runs its
#      own `npm install`, as Vercel does, which reconciles the copy with the committed lockfile),
#      or runs `npm ci --prefer-offline` when this tree has no node_modules
#   3. writes a dummy .vercel/project.json with `settings`, so the CLI never tries to pull them
#   4. runs `vercel build` with the CLI pinned below, from npm's cache (not a project dependency)
#   5. checks .vercel/output: config.json, the api/todo_items, api/todo_items/[id] and api/health
#      functions, the /todo_items rewrite
#   6. loads the built api/health function from its own file list only (outside the clone) and
#      calls it as Vercel would (VERCEL=1): without KV it must answer 503 naming KV_REST_API_URL;
#      with KV (a stand-in Upstash endpoint on 127.0.0.1) 200 {"store": "kv"}, without ever
#      loading better-sqlite3
#   7. loads the built index function the same way and renders the setup page at `/` (VERCEL=1,
#      KV and Zendesk's keys on 127.0.0.1): every check passes, and the snippets, which must ship
#      inside the function, carry VERCEL_PROJECT_PRODUCTION_URL
#
# Prints `vercel build: ok (N s)`, or the failing step and the tail of the log, and exits 1.
#   VERCEL_CHECK_INSTALL=ci|copy   force the install method (default: copy when node_modules exists)
#   VERCEL_CHECK_KEEP=1            keep the temporary folder and print where it is
set -euo pipefail

readonly VERCEL_CLI_VERSION=58.10.0
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
started=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hc-todo-vercel-build.XXXXXX")
src=$tmp/src
log=$tmp/build.log
: >"$log"

cleanup() {
  if [ "${VERCEL_CHECK_KEEP:-}" = 1 ]; then
    echo "vercel build: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step=start
step_started=$SECONDS
begin() {
  [ "$step" = start ] || echo "=== $step took $((SECONDS - step_started)) s" >>"$log"
  step=$1
  step_started=$SECONDS
  echo "=== $step" >>"$log"
}
fail() {
  {
    echo "vercel build: FAILED in step '$step' after $((SECONDS - started)) s${1:+: $1}"
    echo "--- last lines of its log (VERCEL_CHECK_KEEP=1 keeps $tmp for a look):"
    tail -n 60 "$log"
  } >&2
  exit 1
}
# Runs a command with its output in the log; a failure ends the check.
run() { "$@" </dev/null >>"$log" 2>&1 || fail "\`$*\` exited with $?"; }

# Nothing from the caller's environment may link the build to a real project or account, or
# change how it builds: the check must mean the same on every machine.
unset VERCEL VERCEL_ENV VERCEL_URL VERCEL_TOKEN VERCEL_ORG_ID VERCEL_PROJECT_ID NOW_BUILDER \
  KV_REST_API_URL KV_REST_API_TOKEN REDIS_URL ZENDESK_SUBDOMAIN ZENDESK_JWKS_URL ALLOWED_ORIGINS \
  DATA_DIR ZENDESK_WEBHOOK_SECRET ZENDESK_ORIGIN_CLAIM NODE_OPTIONS
export VERCEL_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 NO_UPDATE_NOTIFIER=1 \
  npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
  NO_COLOR=1 FORCE_COLOR=0

begin "clone HEAD"
head=$(git -C "$root" rev-parse --verify HEAD) || fail "$root is not a git work tree with a commit"
run git clone --quiet --no-checkout "$root" "$src"
run git -C "$src" checkout --quiet --detach "$head"

begin "install dependencies"
method=${VERCEL_CHECK_INSTALL:-}
if [ -z "$method" ]; then
  if [ -f "$root/node_modules/.package-lock.json" ]; then method=copy; else method=ci; fi
fi
case $method in
  copy)
    # A real copy, not hard links or a symlink: `npm install` inside the build rewrites files in
    # node_modules in place, which through hard links would write into this tree's node_modules.
    # `/.` copies the contents even when node_modules itself is a symlink.
    if ! { mkdir "$src/node_modules" &&
      cp -a --reflink=auto "$root/node_modules/." "$src/node_modules/"; } >>"$log" 2>&1; then
      echo "copying node_modules failed (is npm running in $root?); falling back to npm ci" >>"$log"
      rm -rf "$src/node_modules"
      method=ci
    fi
    ;;
  ci) ;;
  *) fail "VERCEL_CHECK_INSTALL must be 'copy' or 'ci', not '$method'" ;;
esac
if [ "$method" = ci ]; then
  (cd "$src" && run npm ci --prefer-offline --no-audit --no-fund)
fi
echo "install method: $method" >>"$log"

begin "write .vercel/project.json"
# With `settings` present the CLI builds from them; without, it would try to pull them from
# Vercel (which needs a login and the network). `--yes` is deliberately not passed to
# `vercel build`: it only matters when settings are missing, and then it means "pull them".
mkdir -p "$src/.vercel"
cat >"$src/.vercel/project.json" <<'JSON'
{
  "projectId": "prj_hctodovercelbuildcheck",
  "orgId": "team_hctodovercelbuildcheck",
  "settings": { "framework": "nextjs" }
}
JSON

begin "vercel build (vercel@$VERCEL_CLI_VERSION)"
(
  cd "$src"
  run npm exec --yes --package="vercel@$VERCEL_CLI_VERSION" -- \
    vercel build --global-config "$tmp/vercel-global-config"
)

begin "check .vercel/output"
out=$src/.vercel/output
[ -f "$out/config.json" ] || fail "no .vercel/output/config.json"
for fn in 'api/todo_items' 'api/todo_items/[id]' 'api/health'; do
  [ -f "$out/functions/$fn.func/.vc-config.json" ] || fail "no function $fn in .vercel/output/functions"
done
node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (c.version !== 3) throw new Error("config.json version is " + c.version + ", not 3");
  const rewrite = (c.routes || []).some((r) =>
    String(r.src).startsWith("^/todo_items") && String(r.dest).startsWith("/api/todo_items"));
  if (!rewrite) throw new Error("config.json lacks the /todo_items -> /api/todo_items rewrite");
' "$out/config.json" >>"$log" 2>&1 || fail "unexpected .vercel/output/config.json"

begin "call the built api/health function"
fn_dir=$tmp/function # outside the clone: only the function's own files can be resolved
run node "$root/scripts/vercel-function-check.mjs" stage "$src" api/health "$fn_dir"
[ ! -e "$tmp/node_modules" ] || fail "$tmp/node_modules exists; the function check would not be isolated"
for scenario in no-kv kv; do
  (cd / && run timeout 120 node "$root/scripts/vercel-function-check.mjs" call "$fn_dir" "$scenario")
done

begin "render the setup page from the built index function"
page_dir=$tmp/page-function
run node "$root/scripts/vercel-function-check.mjs" stage "$src" index "$page_dir"
(cd / && run timeout 120 node "$root/scripts/vercel-function-check.mjs" call "$page_dir" page)

begin done
echo "vercel build: ok ($((SECONDS - started)) s)"
