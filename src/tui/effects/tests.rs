//! The jobs' own tests: each answers with what it read or did, and touches no state.

use super::*;
use crate::store::QueueEntry;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("visits.db")).unwrap();
    (dir, store)
}

#[test]
fn jobs_answer_with_what_they_read_and_touch_no_state() {
    let (_dir, mut store) = store();
    let catalog = Catalog::embedded();
    let entry = QueueEntry {
        id: "q-1".into(),
        label: "Ticket 7".into(),
        reason: "Miete".into(),
        urgency: crate::domain::Urgency::Today,
        language: None,
        interpreter_needed: false,
        checked_in_ms: 1,
    };
    let event = perform(
        Job::CheckIn {
            desk: "d".into(),
            entry,
        },
        &mut store,
        &catalog,
    );
    let Event::CheckedIn { label, queue } = event else {
        panic!("a check-in answers with the queue");
    };
    assert_eq!(label, "Ticket 7");
    assert_eq!(queue.unwrap().len(), 1);
    assert!(matches!(
        perform(Job::LoadExport, &mut store, &catalog),
        Event::ExportLoaded { pending: 0, .. }
    ));
}

/// An identified visit of a person typed anew (not recognised).
fn typed(official: &str, first: &str, born: &str) -> crate::domain::Visit {
    let catalog = Catalog::embedded();
    let mut visit = crate::demo::visits(crate::demo::DemoOptions {
        visits: 40,
        seed: 3,
        now: chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+01:00").unwrap(),
        communes: vec![6002],
        catalog: Some(catalog),
    })
    .into_iter()
    .find(|v| v.person.is_some() && v.kind == crate::domain::VisitKind::Identified)
    .unwrap();
    visit.id = uuid::Uuid::now_v7();
    let person = visit.person.as_mut().unwrap();
    *person = crate::domain::Person {
        key: None,
        official_name: official.into(),
        first_name: first.into(),
        birth_date: Some(born.parse().unwrap()),
        vn: None,
        commune_of_stay: None,
        ..person.clone()
    };
    visit
}

fn save(visit: crate::domain::Visit, store: &mut Store) -> Event {
    let job = Job::SaveVisit {
        visit: Box::new(visit),
        draft: None,
    };
    perform(job, store, &Catalog::embedded())
}

#[test]
fn saving_a_look_alike_asks_by_each_rule_and_a_namesake_is_saved_at_once() {
    let (_dir, mut store) = store();
    let mut by_ahv = typed("Tesfay", "Yonas", "1992");
    by_ahv.person.as_mut().unwrap().vn = Some(crate::domain::Ahvn13::from_body(921707698));
    let mut by_commune = typed("Favre", "Luc", "1990-04");
    by_commune.person.as_mut().unwrap().commune_of_stay = Some(6002);
    let recorded = [by_ahv, typed("Müller", "Anna", "1971-05-03"), by_commune];
    store.insert_visits(&recorded).unwrap();

    let mut ahv = typed("Tesfai", "Jonas", "1993");
    ahv.person.as_mut().unwrap().vn = Some(crate::domain::Ahvn13::from_body(921707698));
    let mut commune = typed("FAVRE", "Luc", "1990");
    commune.person.as_mut().unwrap().commune_of_stay = Some(6002);
    for (visit, rule) in [
        (ahv, "ahv"),
        (typed("Muller", "ANNA", "1971-05-03"), "names-birth-date"),
        (commune, "names-birth-year-commune"),
    ] {
        let Event::SamePerson { candidates, .. } = save(visit, &mut store) else {
            panic!("{rule}: the save asks first");
        };
        assert_eq!(candidates.len(), 1, "{rule}");
        assert_eq!(candidates[0].rule, rule);
    }
    let namesake = typed("Müller", "Peter", "1971-05-03");
    assert!(matches!(
        save(namesake, &mut store),
        Event::VisitSaved { .. }
    ));
    assert_eq!(
        store.visit_count().unwrap(),
        4,
        "nothing saved while asking"
    );
}

#[test]
fn the_answer_to_same_person_saves_the_visit_as_theirs_or_as_someone_new() {
    let (_dir, mut store) = store();
    let first = typed("Müller", "Anna", "1971-05-03");
    store.insert_visits([&first]).unwrap();
    let theirs = store
        .visit_record(&first.id.to_string())
        .unwrap()
        .unwrap()
        .person
        .unwrap()
        .stable_id;
    let mut app = crate::tui::app::tests::app();
    for (moves, same) in [(0, true), (1, false)] {
        let visit = typed("MULLER", "anna", "1971-05-03");
        let id = visit.id.to_string();
        let asked = save(visit, &mut store);
        assert!(app.on_event(asked).is_empty());
        for _ in 0..moves {
            app.update(crate::tui::Action::Down);
        }
        let effects = app.update(crate::tui::Action::Confirm);
        assert!(app.overlay().is_none());
        let [Effect::SaveVisit { visit, draft }] = <[Effect; 1]>::try_from(effects).unwrap() else {
            panic!("the answer saves");
        };
        let job = Job::SaveVisit { visit, draft };
        let saved = perform(job, &mut store, &Catalog::embedded());
        assert!(matches!(saved, Event::VisitSaved { .. }), "asked once only");
        let key = store
            .visit_record(&id)
            .unwrap()
            .unwrap()
            .person
            .unwrap()
            .stable_id;
        assert_eq!(key == theirs, same);
    }
}

#[test]
fn a_failing_job_names_what_failed_and_the_state_shows_it() {
    let (_dir, mut store) = store();
    store.stop_writing();
    let catalog = Catalog::embedded();
    let event = perform(
        Job::SaveDraft {
            id: "d-1".into(),
            stage: "0".into(),
            data: "{}".into(),
        },
        &mut store,
        &catalog,
    );
    let Event::Failed { what, .. } = &event else {
        panic!("a refused write is a failure");
    };
    assert_eq!(*what, "draft.failed");
    let mut app = crate::tui::app::tests::app();
    assert!(app.on_event(event).is_empty());
    let message = app.message().unwrap().to_string();
    assert!(
        message.starts_with("Entwurf nicht gespeichert"),
        "{message}"
    );
}
