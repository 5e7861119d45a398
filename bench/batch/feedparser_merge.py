#!/usr/bin/python3
"""The feedparser peer of the batch benchmark: fetch every URL of urls.txt with 16 threads (conditional requests
with the ETag and Last-Modified kept from the last run), merge every entry newest first, write one JSON list.
Usage: feedparser_merge.py URLS STATE.json OUT.json [THREADS]"""
import json, os, sys, time
from concurrent.futures import ThreadPoolExecutor
import feedparser

urls_file, state_file, out_file = sys.argv[1:4]
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 16
urls = [u.strip() for u in open(urls_file) if u.strip()]
state = json.load(open(state_file)) if os.path.exists(state_file) else {}

def fetch(url):
    old = state.get(url, {})
    d = feedparser.parse(url, etag=old.get("etag"), modified=old.get("modified"))
    if getattr(d, "status", None) == 304:
        return url, old
    entries = [{"id": e.get("id") or e.get("link"), "title": e.get("title"), "link": e.get("link"),
                "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", e.get("published_parsed") or e.get("updated_parsed"))
                if (e.get("published_parsed") or e.get("updated_parsed")) else "",
                "summary": e.get("summary", "")} for e in d.entries]
    return url, {"etag": d.get("etag"), "modified": d.get("modified"), "entries": entries}

with ThreadPoolExecutor(threads) as pool:
    for url, result in pool.map(fetch, urls):
        state[url] = result
merged = sorted((e for s in state.values() for e in s.get("entries", [])), key=lambda e: e["date"], reverse=True)
json.dump(state, open(state_file, "w"))
json.dump(merged, open(out_file, "w"))
print(len(merged), "entries")
