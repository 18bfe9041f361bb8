#!/usr/bin/env bash
# Runs the README's "Running on PostgreSQL" block exactly as written (the lines between the
# postgres-steps markers), against the throwaway PostgreSQL that scripts/pg-throwaway.sh started, then
# checks what a person would: /healthz answers for PostgreSQL, a demo commissioner signs in, their
# session reads their own authority, and the server refuses to start as a role that bypasses row security.
#
#   source scripts/pg-throwaway.sh && pg_throwaway_start
#   bash scripts/readme-postgres.sh
#
# Needs TEST_DATABASE_URL (a superuser URL ending in /postgres), psql and curl-free node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

: "${TEST_DATABASE_URL:?start a throwaway PostgreSQL first (scripts/pg-throwaway.sh)}"
say() { printf '[readme-postgres] %s\n' "$*" >&2; }

steps=$(awk '/<!-- postgres-steps:begin -->/{on=1;next} /<!-- postgres-steps:end -->/{on=0} on && !/^```/' README.md)
[ -n "$steps" ] || { say "no postgres-steps block in README.md"; exit 1; }
# Every line but the last (start, which serves until stopped) runs in order; the last runs in the background.
setup=$(printf '%s\n' "$steps" | sed '$d')
start=$(printf '%s\n' "$steps" | tail -n 1)
case "$start" in *" start") ;; *) say "the block's last line must start the server, got: $start"; exit 1 ;; esac

export PG_ADMIN_URL=${TEST_DATABASE_URL%/postgres}
export PG_HOST=${PG_ADMIN_URL#postgres://*@}
export WEB_PASSWORD="web$(node -e 'console.log(require("crypto").randomBytes(9).toString("hex"))')"
export MIGRATOR_PASSWORD="mig$(node -e 'console.log(require("crypto").randomBytes(9).toString("hex"))')"
PORT=${README_PG_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export PORT
export CONCORD_DATA_DIR=/nonexistent-pglite-must-not-be-used
LOG=${LOG_DIR:-${TMPDIR:-/tmp}}/readme-postgres-server.log

say "running the README's setup lines"
printf '%s\n' "$setup" >&2
bash -euo pipefail -c "$setup"

SERVER=""
stop_server() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM -- "-$SERVER" 2>/dev/null || kill -TERM "$SERVER" 2>/dev/null || true
    sleep 1
  fi
}
trap stop_server EXIT

say "starting as the README says: $start"
setsid bash -c "$start" >"$LOG" 2>&1 &
SERVER=$!

for _ in $(seq 1 180); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz"; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then say "the server stopped:"; cat "$LOG" >&2; exit 1; fi
  sleep 1
done

# /healthz, sign-in and a read of the commissioner's own authority, as the browser would send them.
node - "$PORT" <<'EOF'
const port = process.argv[2];
const base = `http://127.0.0.1:${port}`;
const headers = { 'content-type': 'application/json', 'x-concord-csrf': '1', origin: base };
const fail = (what) => { console.error(`[readme-postgres] FAILED: ${what}`); process.exit(1); };
const health = await (await fetch(`${base}/healthz`)).json();
if (health.database !== 'postgres') fail(`/healthz says ${JSON.stringify(health)}`);
const signIn = await fetch(`${base}/trpc/auth.signIn`, {
  method: 'POST', headers, body: JSON.stringify({ email: 'commissioner.sefton@concord.example', password: 'concord-demo' }),
});
const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
if (!signIn.ok || !cookie) fail(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
const mine = await fetch(`${base}/trpc/authority.mine`, { headers: { ...headers, cookie } });
const body = await mine.text();
if (!mine.ok || !body.includes('Sefton')) fail(`authority.mine answered ${mine.status}: ${body.slice(0, 300)}`);
console.error(`[readme-postgres] /healthz ok (postgres); signed in as Sefton's commissioner; authority.mine names Sefton`);
EOF
stop_server

# The guard: the same start as the migrator (BYPASSRLS) must refuse, saying why.
refusal=$(DATABASE_URL="postgres://concord_migrator:$MIGRATOR_PASSWORD@$PG_HOST/concord" timeout 120 npx -y pnpm@10.34.8 start 2>&1 || true)
if ! printf '%s' "$refusal" | grep -q 'has BYPASSRLS'; then
  say "starting as concord_migrator was not refused for BYPASSRLS:"
  printf '%s\n' "$refusal" >&2
  exit 1
fi
say "starting as concord_migrator is refused (BYPASSRLS), as it should be"
