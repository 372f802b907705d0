//! «Om vurderingene»: a page for readers about what the numbers on the site mean. The prose comes from the
//! `about_*` keys of `[labels]` (bokmål defaults); the criteria, bands and zone are filled in from the criteria file.

use std::fmt::Write as _;

use super::html::line;
use crate::model::criteria::Criteria;
use crate::model::labels::{fill, Labels};
use crate::scoring::percent;

/// The page, written at the site's root.
pub fn page(criteria: &Criteria, labels: &Labels) -> String {
    let mut out = super::pages::head_for_about(&labels.site_about);
    let _ = write!(
        out,
        "<header class=\"site-header\">\n<p class=\"back\"><a href=\"index.html\">{}</a></p>\n</header>\n\
         <main id=\"main\">\n<article class=\"sheet about\">\n<h1>{}</h1>\n",
        line(&labels.site_back),
        line(&labels.site_about)
    );
    let what = fill(
        &line(&labels.about_page_what),
        &[
            ("title", &line(&criteria.title)),
            ("id", &line(&criteria.id)),
            ("version", &line(&criteria.version)),
        ],
    );
    let emphasis = format!("<strong>{}</strong>", line(&labels.about_page_emphasis));
    let what_not = fill(&line(&labels.about_page_what_not), &[("emphasis", &emphasis)]);
    let _ = write!(
        out,
        "<section aria-labelledby=\"h-what\">\n<h2 id=\"h-what\">{}</h2>\n<p>{what}</p>\n<p>{what_not}</p>\n</section>\n",
        line(&labels.about_page_what_heading)
    );
    let _ = write!(
        out,
        "<section aria-labelledby=\"h-bands\">\n<h2 id=\"h-bands\">{}</h2>\n<ul>\n",
        line(&labels.about_page_bands_heading)
    );
    let bands = &criteria.classification.bands;
    for (i, b) in bands.iter().enumerate() {
        let to = bands.get(i + 1).map_or(String::new(), |next| {
            format!(
                " {}",
                fill(
                    &line(&labels.about_page_band_below),
                    &[("max", &percent(next.min).to_string())]
                )
            )
        });
        let description = b
            .description
            .as_deref()
            .map(|d| format!(": {}", line(d)))
            .unwrap_or_default();
        let from = fill(
            &line(&labels.about_page_band_from),
            &[("min", &percent(b.min).to_string())],
        );
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> – {from}{to}{description}</li>",
            line(&b.label)
        );
    }
    let _ = write!(
        out,
        "</ul>\n<p>{}</p>\n</section>\n",
        line(&labels.about_page_incomplete)
    );
    if let Some(zone) = criteria.classification.judgement_zone {
        let text = fill(
            &line(&labels.about_page_zone),
            &[
                ("from", &percent(zone.from).to_string()),
                ("to", &percent(zone.to).to_string()),
                ("marker", &line(&labels.judgement_short)),
            ],
        );
        let _ = write!(
            out,
            "<section aria-labelledby=\"h-zone\">\n<h2 id=\"h-zone\">{}</h2>\n<p>{text}</p>\n</section>\n",
            line(&labels.about_page_zone_heading)
        );
    }
    let marker = [("marker", line(&labels.illustration_short))];
    let marker: Vec<(&str, &str)> = marker.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let _ = write!(
        out,
        "<section aria-labelledby=\"h-illustration\">\n<h2 id=\"h-illustration\">{}</h2>\n<p>{}</p>\n</section>\n",
        fill(&line(&labels.about_page_illustration_heading), &marker),
        fill(&line(&labels.about_page_illustration), &marker)
    );
    out.push_str("</article>\n</main>\n");
    out.push_str(&super::pages::footer_for_about(labels));
    out
}
