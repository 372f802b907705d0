#!/usr/bin/env python3
"""Writes a large version of the sample site for the performance measurement.

usage: gen_large.py OUT_DIR [COUNT]   (COUNT defaults to 10000)

The practices are the sample's (tests/browser/sample-practices.json) repeated with varied names,
municipalities, scores, dates and tags, written through the same contract as the sample
(index.html with every card as static HTML, data/index.js, assets/ copied from site-assets/).
"""

import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_sample  # noqa: E402

PLACES = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Bodø", "Ålesund", "Lillehammer", "Hamar", "Drammen",
          "Skien", "Arendal", "Kristiansand", "Førde", "Alta", "Molde", "Gjøvik", "Sarpsborg", "Halden", "Røros"]
REGIONS = ["Oslo", "Vestland", "Trøndelag", "Rogaland", "Troms", "Nordland", "Møre og Romsdal", "Innlandet", "Viken", "Agder"]
EXTRA = {"theme": ["Bolig", "Helse", "Kvinner", "Frivillighet", "Digitalisering", "Fritid", "Økonomi"],
         "measure_type": ["Kurs", "Veiledningsmodell", "Nettverk", "Tett oppfølging", "Arbeidspraksis"]}


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    with open(os.path.join(HERE, "sample-practices.json")) as f:
        src = json.load(f)
    rng = random.Random(13)
    data = dict(src["meta"])
    data["facets"] = [dict(f, values=list(f["values"])) for f in data["facets"]]
    for f in data["facets"]:
        have = {v["value"] for v in f["values"]}
        for v in EXTRA.get(f["key"], []):
            if v not in have:
                f["values"].append({"value": v, "label": v})
        f["values"].sort(key=lambda v: v["value"])
    values = {f["key"]: [v["value"] for v in f["values"]] for f in data["facets"]}
    base = src["practices"]
    practices = []
    for i in range(count):
        b = base[i % len(base)]
        place = PLACES[rng.randrange(len(PLACES))]
        p = dict(b)
        p["slug"] = f'{b["slug"]}-{i}'
        p["name"] = f'{b["name"]} ({place} {i})'
        p["municipality"] = f"{place} kommune"
        p["region"] = REGIONS[rng.randrange(len(REGIONS))]
        tags = {k: list(v) for k, v in b["tags"].items()}
        for k in tags:
            if rng.random() < 0.5:
                extra = values[k][rng.randrange(len(values[k]))]
                if extra not in tags[k]:
                    tags[k].append(extra)
        p["tags"] = tags
        if b["sub"] is not None:
            p["sub"] = [None if v is None else max(0, min(100, v + rng.randint(-20, 20))) for v in b["sub"]]
            subs = [v for v in p["sub"] if v is not None]
            p["total"] = round(sum(subs) / len(subs)) if subs else None
            if p["class"]:
                p["class"] = "god" if p["total"] >= 50 else "lovende"
                p["zone"] = 40 <= p["total"] <= 60
            p["date"] = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        practices.append(p)
    make_sample.write_site(data, practices, out, f"Kunnskapsbase: god praksis ({count} praksiser)")
    assets = os.path.join(out, "assets")
    os.makedirs(assets, exist_ok=True)
    for name in ("app.js", "style.css"):
        shutil.copyfile(os.path.join(HERE, "..", "..", "site-assets", name), os.path.join(assets, name))
    size = os.path.getsize(os.path.join(out, "data", "index.js")) + os.path.getsize(os.path.join(out, "index.html"))
    print(f"gen_large: {count} practices in {out} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
