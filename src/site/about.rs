//! «Om vurderingene»: a page for readers about what the numbers on the site mean. The prose is the site's own
//! (bokmål); the criteria, bands and zone are filled in from the criteria file.

use std::fmt::Write as _;

use super::html::line;
use crate::model::criteria::Criteria;
use crate::model::labels::Labels;
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
    let _ = write!(
        out,
        "<section aria-labelledby=\"h-what\">\n<h2 id=\"h-what\">Hva prosenten betyr</h2>\n\
         <p>Hver praksis er vurdert mot kriteriesettet «{}» ({}, versjon {}). Vurdererne svarer på faste spørsmål \
         under hvert kriterium, og svarene gir poeng. Delscoren for et kriterium er poengene praksisen fikk, delt på \
         det største mulige; den samlede scoren er snittet av delscorene, vektet slik kriteriesettet sier.</p>\n\
         <p>Prosenten forteller hvor godt praksisen er <strong>dokumentert og beskrevet</strong>: om målene er klare, \
         om resultatene er undersøkt, om kostnadene er kjent og om andre kan ta praksisen i bruk. Den er ikke et mål \
         på hvor stor virkning praksisen har for deltakerne. En praksis med lav score kan virke godt, men mangle \
         dokumentasjon; en høy score betyr at det finnes et godt grunnlag å bygge på.</p>\n</section>\n",
        line(&criteria.title),
        line(&criteria.id),
        line(&criteria.version)
    );
    out.push_str("<section aria-labelledby=\"h-bands\">\n<h2 id=\"h-bands\">Klassene</h2>\n<ul>\n");
    let bands = &criteria.classification.bands;
    for (i, b) in bands.iter().enumerate() {
        let to = bands
            .get(i + 1)
            .map_or(String::new(), |next| format!(" og under {} %", percent(next.min)));
        let description = b
            .description
            .as_deref()
            .map(|d| format!(": {}", line(d)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> – samlet score fra {} %{to}{description}</li>",
            line(&b.label),
            percent(b.min)
        );
    }
    out.push_str(
        "</ul>\n<p>En praksis der ikke alle spørsmål er besvart, får ingen klasse. Siden viser da en foreløpig \
         samlet score, regnet ut fra de besvarte spørsmålene.</p>\n</section>\n",
    );
    if let Some(zone) = criteria.classification.judgement_zone {
        let _ = write!(
            out,
            "<section aria-labelledby=\"h-zone\">\n<h2 id=\"h-zone\">Skjønnssonen</h2>\n\
             <p>Når den samlede scoren ligger mellom {} og {} %, er tallet alene for usikkert til å avgjøre klassen. \
             Klassen som vises, er da bare et forslag: vurdererne må bestemme den ved faglig skjønn. Slike praksiser \
             er merket «{}».</p>\n</section>\n",
            percent(zone.from),
            percent(zone.to),
            line(&labels.judgement_short)
        );
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"h-illustration\">\n<h2 id=\"h-illustration\">Hva «{}» betyr</h2>\n\
         <p>Noen vurderinger er laget for å vise hvordan modellen brukes, ut fra det som står i offentlige kilder. \
         De er ikke gjort av et vurderingspanel og er ikke en publisert vurdering av praksisen. Slike vurderinger \
         er merket «{}» i listen og har en egen merknad på praksisens side.</p>\n</section>\n",
        line(&labels.illustration_short),
        line(&labels.illustration_short)
    );
    out.push_str("</article>\n</main>\n");
    out.push_str(&super::pages::footer_for_about(labels));
    out
}
