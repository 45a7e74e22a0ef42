use super::*;
use crate::catalog::Catalog;

fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

fn slip<'a>(
    catalog: &'a Catalog,
    service: &str,
    staff: &'a str,
    visitor: Option<&'a str>,
    recipient: &'a SlipFor,
) -> Slip<'a> {
    Slip {
        service: catalog.service(service).unwrap(),
        i18n: &catalog.i18n,
        topics: &catalog.topics,
        staff,
        visitor: visitor.map(|v| crate::domain::LanguageCode::parse_any(v).unwrap()),
        second: None,
        recipient,
        issuer: None,
        today: today(),
    }
}

#[test]
fn a_slip_carries_the_phone_and_says_what_is_not_known() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    let text = slip(&catalog, "lavi", "de", Some("fr"), &nobody).text();
    assert!(text.contains("027 607 31 00"));
    assert!(text.contains("Opferhilfe-Beratungsstellen (OHG)"));
    assert!(
        text.contains("Centres de consultation LAVI"),
        "the visitor's language follows"
    );
    let text = slip(&catalog, "caritas-vs", "fr", None, &nobody).text();
    assert!(
        text.contains("Téléphone") && text.contains("pas d’information"),
        "{text}"
    );
}

#[test]
fn a_slip_says_for_whom_why_when_and_who_sent_them() {
    let catalog = Catalog::embedded();
    let recipient = SlipFor {
        who: Some("Testperson Amina".into()),
        reason: Some("Mietschulden".into()),
        appointment: Some("2026-12-03".parse().unwrap()),
    };
    let mut slip = slip(&catalog, "lavi", "de", None, &recipient);
    slip.issuer = catalog.region("smzo");
    let text = slip.text();
    for expected in [
        "Für",
        "Testperson Amina",
        "Mietschulden",
        "Termin",
        "03.12.2026",
        "25.11.2026",
        "Ausgestellt von",
        "Sozialmedizinisches Zentrum Oberwallis (SMZO)",
        "Nordstrasse 30, 3900 Brig",
        "027 922 30 20",
        "Mitbringen",
        "einen Ausweis",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!text.contains("2026-12-03"), "dates for a person are Swiss");
}

#[test]
fn a_french_speaking_service_gets_a_french_part_when_the_visitors_language_is_not_known() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    let fava = slip(&catalog, "fava", "de", None, &nobody);
    assert_eq!(fava.languages(), ["de", "fr"]);
    assert!(fava.text().contains("À apporter"), "{}", fava.text());
    // A visitor's language the app has texts in wins; one it has none in falls back.
    assert_eq!(
        slip(&catalog, "fava", "de", Some("en"), &nobody).languages(),
        ["de", "en"]
    );
    assert_eq!(
        slip(&catalog, "fava", "de", Some("wo"), &nobody).languages(),
        ["de", "fr"],
        "no slip texts in Wolof"
    );
    assert_eq!(
        slip(&catalog, "fava", "de", Some("ti"), &nobody).languages(),
        ["de", "ti"]
    );
    // A German-speaking service read by German staff: one part.
    assert_eq!(
        slip(&catalog, "lavi-upper", "de", None, &nobody).languages(),
        ["de"]
    );
}

#[test]
fn a_slip_in_french_carries_no_german_text_from_the_directory() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    for service in &catalog.services {
        for centre in &catalog.regions {
            let mut french = slip(&catalog, &service.id, "fr", Some("fr"), &nobody);
            french.issuer = Some(centre);
            let text = french.text();
            let german = [
                Some(&service.name_de).filter(|n| **n != service.name_fr),
                service.description_de.as_ref(),
                service.hours.as_ref(),
                service.bring_de.as_ref(),
                Some(&centre.name_de).filter(|n| **n != centre.name_fr),
            ];
            for de in german.into_iter().flatten() {
                assert!(
                    !text.contains(de.as_str()),
                    "{}: German {de:?} on a French slip:\n{text}",
                    service.id
                );
            }
        }
    }
}

#[test]
fn an_english_part_marks_what_the_directory_has_in_german_only() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    let text = slip(&catalog, "lavi", "en", None, &nobody).text();
    assert!(text.contains("Nur auf Termin (only German)"), "{text}");
}

#[test]
fn the_html_slip_is_one_a4_page_with_escaped_text() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    let page = slip(&catalog, "fava", "fr", None, &nobody).html();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<style>") && page.contains("size: A4"));
    assert!(!page.contains("<link"), "no external files");
    assert!(page.contains("l&#x27;EssentiElles") || page.contains("l'EssentiElles"));
}

#[test]
fn a_slip_for_a_tigrinya_visitor_has_a_tigrinya_part_and_arabic_runs_right_to_left() {
    let catalog = Catalog::embedded();
    let nobody = SlipFor::default();
    let tigrinya = slip(&catalog, "caritas-vs", "de", Some("tir"), &nobody);
    assert_eq!(tigrinya.languages(), ["de", "ti"]);
    let title = catalog.topics.slip_text("ti", "title").unwrap();
    let text = tigrinya.text();
    assert!(text.contains(title), "{text}");
    // The directory's German texts stand in the Tigrinya part marked by their language's name.
    assert!(text.contains("(Deutsch)"), "{text}");
    let marker = &catalog.topics.visitor_texts("ti").unwrap().unreviewed;
    assert!(
        text.contains(marker.as_str()),
        "an unchecked translation says so: {text}"
    );
    let page = slip(&catalog, "caritas-vs", "de", Some("ar"), &nobody).html();
    assert!(page.contains("<section lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(page.contains("<section lang=\"de\" dir=\"ltr\">"));
    assert!(page.contains("Noto Sans Ethiopic") && page.contains("Segoe UI"));
}
