#!/usr/bin/env python3
"""Writes site-assets/sample/index.html and data/index.js from the bundled library.

Run by hand when the sample should change (needs PyYAML for the .yaml practices); the output is
committed. The practice page site-assets/sample/praksis/ssa-sprakombud-nav-frogner.html is written
by hand. Also writes tests/browser/sample-practices.json, the source records gen_large.py
multiplies to 10,000 practices.
"""

import json
import os
import sys
import tomllib

import sitegen

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "site-assets", "sample")


def load(folder, stem):
    import yaml  # only make_sample needs PyYAML; gen_large imports this module without it

    for ext, reader in (("toml", lambda f: tomllib.load(f)), ("yaml", lambda f: yaml.safe_load(f))):
        path = os.path.join(folder, f"{stem}.{ext}")
        if os.path.exists(path):
            with open(path, "rb") as f:
                return reader(f)
    return None


def main():
    with open(os.path.join(ROOT, "criteria.toml"), "rb") as f:
        crit = tomllib.load(f)
    L = crit["labels"]
    zone = crit["classification"]["judgement_zone"]
    data = {
        "version": 1,
        "labels": L,
        "bands": [{"key": b["key"], "label": b["label"]} for b in crit["classification"]["bands"]],
        "zone": {"from": round(zone["from"] * 100), "to": round(zone["to"] * 100)},
        "criteria": [{"id": c["id"], "label": c["label"]} for c in crit["criteria"]],
        "phases": [{"key": k, "label": L[f"phase_{k}"]} for k in ("nominated", "mapped", "assessed")],
        "facets": [{"key": f["key"], "label": f["label"], "values": []} for f in crit["facets"]],
        "practices": [],
        "terms": {},
    }
    values = {f["key"]: [] for f in crit["facets"]}
    sources = []
    pdir = os.path.join(ROOT, "practices")
    for slug in sorted(os.listdir(pdir)):
        folder = os.path.join(pdir, slug)
        pr = load(folder, "practice")
        ass = load(folder, "assessment")
        ev = load(folder, "evidence")
        sc = load(folder, "score")
        tags = pr.get("tags", {})
        phase = "assessed" if ass else "mapped" if ev else "nominated"
        grade = (sc or {}).get("grade", {})
        total = round(grade["total"] * 100) if "total" in grade else None
        sub = [round(c["score"] * 100) if "score" in c else None for c in sc["criterion"]] if sc else None
        date = str(ass["date"]) if ass and "date" in ass else None
        sources.append(
            {
                "slug": slug,
                "name": pr["name"],
                "municipality": pr.get("municipality", ""),
                "region": pr.get("region"),
                "organisation": pr.get("organisation"),
                "summary": pr.get("summary", ""),
                "tags": {k: tags.get(k, []) for k in values},
                "description": " ".join(str(v) for v in (pr.get("description") or {}).values()),
                "class": grade.get("class"),
                "phase": phase,
                "illustration": bool(ass and ass.get("illustration")),
                "complete": bool(grade.get("complete", False)),
                "zone": bool(grade.get("judgement_zone", False)),
                "total": total,
                "sub": sub,
                "date": date,
            }
        )
        for k, vs in values.items():
            for v in tags.get(k, []):
                if v not in vs:
                    vs.append(v)
    for f in data["facets"]:
        f["values"] = [{"value": v, "label": v} for v in sorted(values[f["key"]])]
    with open(os.path.join(os.path.dirname(__file__), "sample-practices.json"), "w") as f:
        json.dump({"meta": {k: v for k, v in data.items() if k not in ("practices", "terms")}, "practices": sources}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    write_site(data, sources, OUT, "Kunnskapsbase: god praksis")


def score_order(sources):
    """The order the generator writes the cards in: total descending, no total last, then name."""
    return sorted(range(len(sources)), key=lambda i: (sources[i]["total"] is None, -(sources[i]["total"] or 0), sitegen.fold(sources[i]["name"])))


def write_site(data, sources, out, title):
    order = score_order(sources)
    sources = [sources[i] for i in order]
    vindex = {f["key"]: {v["value"]: j for j, v in enumerate(f["values"])} for f in data["facets"]}
    data["practices"] = []
    docs = []
    cards = []
    for s in sources:
        p = {k: s[k] for k in ("slug", "name", "municipality", "region", "class", "phase", "illustration", "complete", "zone", "total", "sub", "date")}
        p["facets"] = {k: [vindex[k][v] for v in s["tags"][k]] for k in vindex if s["tags"][k]}
        data["practices"].append(p)
        tag_words = list(dict.fromkeys(v for k in vindex for v in s["tags"][k]))
        docs.append(" ".join([s["name"], s["municipality"] or "", s["region"] or "", s["organisation"] or "", s["summary"], " ".join(tag_words), s["description"]]))
        cards.append(sitegen.card(data, p, s["summary"], tag_words))
    data["terms"] = sitegen.build_terms(docs)
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    with open(os.path.join(out, "data", "index.js"), "w") as f:
        f.write(sitegen.index_js(data))
    intro = f"{len(sources)} praksiser, vurdert etter «Modell for god praksis (IMDi)» (imdi-god-praksis, versjon 2018.1)."
    with open(os.path.join(out, "index.html"), "w") as f:
        f.write(sitegen.index_html(data, "\n".join(cards), title, intro))


if __name__ == "__main__":
    sys.exit(main())
