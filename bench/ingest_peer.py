#!/usr/bin/env python3
"""Peer baseline for bench/ingest_bench: the naive recognizer the issue mentions
(capitalized word runs plus a gazetteer lookup), in pure Python with `re`, on the same files."""
import json, os, re, sys, time

corpus, gazetteer = sys.argv[1], sys.argv[2]
names = set()
for e in json.load(open(gazetteer, encoding="utf-8"))["entries"]:
    names.add(e["name"].lower())
    names.update(a.lower() for a in e.get("aliases", []))
cap = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")
files = sorted(os.listdir(corpus))
t0 = time.perf_counter()
size = found = 0
for f in files:
    text = open(os.path.join(corpus, f), encoding="utf-8").read()
    size += len(text.encode())
    for m in cap.finditer(text):
        found += 1 + (m.group(0).lower() in names)
s = time.perf_counter() - t0
print(f"{'python regex baseline (entities)':<34} {s:7.2f} s  {size / 1e6 / s:7.1f} MB/s  ({found} spans)")
