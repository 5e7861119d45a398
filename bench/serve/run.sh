#!/usr/bin/env bash
# Serving benchmark: /feed.atom (50 items) from Tributary vs the same bytes as a static file from nginx, same run.
# Needs: wrk, nginx, python3, curl (apt-get install -y wrk nginx); a built jar (mvn -q package -DskipTests).
# Usage: bench/serve/run.sh [DURATION=15s] [CONNECTIONS=32]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${1:-15s}
conns=${2:-32}
work=$(mktemp -d)
src_port=18081; app_port=18080; nginx_port=18082
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 1. A partner feed of 60 items, served locally.
mkdir -p "$work/src" "$work/www" "$work/data"
python3 - "$work/src/partner.rss" <<'PY'
import sys, email.utils, datetime
items = []
for i in range(60):
    d = datetime.datetime(2019, 6, 27, tzinfo=datetime.timezone.utc) - datetime.timedelta(days=i)
    items.append(f"""<item><title>Item {i}: Community engagement as a mindset</title>
<link>https://partner.example.org/news/{i}</link><guid>https://partner.example.org/news/{i}</guid>
<pubDate>{email.utils.format_datetime(d)}</pubDate><category>News</category><dc:creator>Ann Author</dc:creator>
<description>&lt;p&gt;{'ALA Annual is always overflowing with sessions to help library staff take a step back. ' * 12}&lt;/p&gt;</description></item>""")
open(sys.argv[1], "w").write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Partner</title><link>https://partner.example.org/</link><description>d</description>' + "".join(items) + "</channel></rss>")
PY
(cd "$work/src" && exec python3 -m http.server "$src_port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
cat > "$work/feeds.yml" <<YML
site: { title: Most Recently Added, link: https://library.example.org/, base_url: "http://127.0.0.1:$app_port", items: 50 }
fetch: { allow_private: ["127.0.0.1:$src_port"] }
types: [News]
sources:
  - { id: partner, title: Partner, url: "http://127.0.0.1:$src_port/partner.rss", kind: partner }
YML
sleep 1
"$root/scripts/tributary" --config "$work/feeds.yml" --data "$work/data" refresh >/dev/null

# 2. Tributary serving it; nginx serving the same bytes.
"$root/scripts/tributary" --config "$work/feeds.yml" --data "$work/data" serve --port "$app_port" --host 127.0.0.1 \
  >"$work/serve.log" 2>&1 & pids+=($!)
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$app_port/health" >/dev/null && break; sleep 1; done
curl -fs -o "$work/www/feed.atom" "http://127.0.0.1:$app_port/feed.atom"
cat > "$work/nginx.conf" <<NGX
worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
       types { application/atom+xml atom; }
       server { listen 127.0.0.1:$nginx_port; root $work/www; etag on; } }
NGX
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf"
sleep 0.5

app_etag=$(curl -fsI "http://127.0.0.1:$app_port/feed.atom" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
ngx_etag=$(curl -fsI "http://127.0.0.1:$nginx_port/feed.atom" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "feed.atom: $(wc -c < "$work/www/feed.atom") bytes, $(grep -c '<entry>' "$work/www/feed.atom") entries"

# Warm the JVM, then measure each case in turn.
wrk -t2 -c"$conns" -d5s "http://127.0.0.1:$app_port/feed.atom" >/dev/null
run() { # name url [header]
  local out; if [ -n "${3:-}" ]; then out=$(wrk -t2 -c"$conns" -d"$duration" --latency -H "$3" "$2"); else out=$(wrk -t2 -c"$conns" -d"$duration" --latency "$2"); fi
  printf '%-22s %12s req/s   p99 %s\n' "$1" "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")"
  grep -q "Non-2xx" <<<"$out" && grep "Non-2xx" <<<"$out" || true
}
run "tributary 200" "http://127.0.0.1:$app_port/feed.atom"
run "nginx 200" "http://127.0.0.1:$nginx_port/feed.atom"
run "tributary 304" "http://127.0.0.1:$app_port/feed.atom" "If-None-Match: $app_etag"
run "nginx 304" "http://127.0.0.1:$nginx_port/feed.atom" "If-None-Match: $ngx_etag"
