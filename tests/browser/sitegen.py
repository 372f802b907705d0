"""Reference writer for the static-site data contract in site-assets/README.md.

This is NOT the product's generator (that is `practice site`, in Rust). It exists so that the
sample site in site-assets/sample/ and the 10,000-practice version for the performance
measurement are written exactly as the contract says, and so the Rust side has a small,
readable reference for the folding rule, the term index and the card markup.
"""

import html
import json
import re
import unicodedata

# ---------------------------------------------------------------------------------------------
# Folding and tokens (README: "Folding"). app.js's fold() must stay identical.


def fold(text):
    """lower-case, NFD, drop combining marks (Mn), then ø→o, æ→ae."""
    s = unicodedata.normalize("NFD", text.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("ø", "o").replace("æ", "ae")


_TOKEN = re.compile(r"[^\W_]+")


def tokens(text):
    """Maximal runs of letters and digits of the folded text."""
    return _TOKEN.findall(fold(text))


def build_terms(docs):
    """docs: one string per practice (all its searchable text). Returns {term: postings}.

    Terms shorter than 2 characters are left out. A term's postings are the ascending, unique
    indices of the practices that contain it, delta-encoded: the first number is the first index,
    each next number is the difference to the previous index ([3, 10, 12] is written [3, 7, 2]).
    """
    terms = {}
    for i, doc in enumerate(docs):
        for t in set(tokens(doc)):
            if len(t) >= 2:
                terms.setdefault(t, []).append(i)
    out = {}
    for t, ix in sorted(terms.items()):
        prev, deltas = 0, []
        for i in ix:
            deltas.append(i - prev)
            prev = i
        out[t] = deltas
    return out


# ---------------------------------------------------------------------------------------------
# Markup (README: "Selector contract").

E = html.escape


def pct(v):
    return "–" if v is None else f"{v} %"


def bar(label, value, cls="score"):
    fill = "" if value is None else f'<span class="fill p{value}"></span>'
    return (
        f'<div class="{cls}"><span class="score-label">{E(label)}</span>'
        f'<span class="bar" aria-hidden="true">{fill}</span>'
        f'<span class="score-value">{pct(value)}</span></div>'
    )


def band_label(data, key):
    for b in data["bands"]:
        if b["key"] == key:
            return b["label"]
    return key


def class_badge(data, p):
    L = data["labels"]
    if p["class"]:
        out = f'<span class="badge band band-{E(p["class"])}">{E(band_label(data, p["class"]))}</span>'
    elif p["phase"] == "assessed":
        out = f'<span class="badge band band-incomplete">{E(L.get("incomplete", "Ufullstendig vurdering"))}</span>'
    else:
        out = f'<span class="badge band band-none">{E(L.get("not_assessed", "Ikke vurdert"))}</span>'
    if p["zone"] and p["class"]:
        out += f' <span class="badge flag">{E(L.get("judgement_short", "skjønn"))}</span>'
    if p["illustration"]:
        out += f' <span class="badge flag flag-illustration">{E(L.get("illustration_short", "illustrasjon"))}</span>'
    return out


def card(data, p, summary, tags):
    L = data["labels"]
    meta = " · ".join(x for x in (p["municipality"], p.get("region")) if x)
    total_label = L.get("score", "Samlet score")
    if p["total"] is not None and not p["complete"]:
        total_label = L.get("provisional_score", "Foreløpig samlet score")
    scores = bar(total_label, p["total"], "score total")
    if p["sub"] is not None:
        for c, v in zip(data["criteria"], p["sub"]):
            scores += bar(c["label"], v)
    return (
        f'<li class="card" data-slug="{E(p["slug"])}">'
        f'<h3 class="card-title"><a href="praksis/{E(p["slug"])}.html">{E(p["name"])}</a></h3>'
        f'<p class="card-meta">{E(meta)}</p>'
        f'<p class="badges">{class_badge(data, p)}</p>'
        f'<p class="card-summary">{E(summary)}</p>'
        f'<div class="scores">{scores}</div>'
        f'<p class="card-tags">{E(" · ".join(tags))}</p>'
        "</li>"
    )


def index_js(data):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "window.PRACTICE_INDEX = " + body + ";\n"


def index_html(data, cards_html, title, intro):
    n = len(data["practices"])
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{E(title)}</title>
<link rel="stylesheet" href="assets/style.css">
<script src="data/index.js" defer></script>
<script src="assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#results-heading">Hopp til praksisene</a>
<header class="site-header">
<h1>{E(title)}</h1>
<p class="intro">{E(intro)}</p>
</header>
<main id="main">
<div class="layout">
<section id="filter-panel" class="filter-panel" aria-labelledby="filters-heading" hidden>
<h2 id="filters-heading">Filtrer</h2>
<form id="filters" class="filters"></form>
</section>
<section class="results-panel" aria-labelledby="results-heading">
<h2 id="results-heading" tabindex="-1">Praksiser</h2>
<p id="status" class="status" role="status">{n} praksiser</p>
<ol id="results" class="results">
{cards_html}
</ol>
</section>
</div>
</main>
<footer class="site-footer"><p>Laget med <code>practice site</code>.</p></footer>
</body>
</html>
"""
