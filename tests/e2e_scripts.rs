//! Names in any script keep the layout intact: Arabic (right to left), Ethiopic (Tigrinya),
//! combining accents, and wide characters, in the bordered History list.

mod common;
use common::Sandbox;
use intake_desk::domain::{Person, ResidenceStatus, Urgency, Visit, VisitKind};
use intake_desk::store::Store;

fn visit(official: &str, first: &str, minutes_ago: i64) -> Visit {
    Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "staff".into(),
        started_at: chrono::Local::now().fixed_offset() - chrono::Duration::minutes(minutes_ago),
        ended_at: None,
        kind: VisitKind::Identified,
        urgency: Urgency::Normal,
        person: Some(Person {
            key: None,
            official_name: official.into(),
            first_name: first.into(),
            birth_date: None,
            vn: None,
            sex: None,
            nationality: None,
            language: None,
            residence: ResidenceStatus::None,
            commune_of_stay: None,
            support_domicile: None,
            phone: None,
        }),
        topics: vec!["emergency-numbers".into()],
        information: vec![],
        competence: None,
        referrals: vec![],
        interpreter: None,
        consent_to_export: false,
        waiting_seconds: None,
        note: None,
        financial: None,
        reason: None,
        interpreter_needed: false,
        visitor_language: None,
    }
}

#[test]
fn arabic_and_tigrinya_names_display_in_the_list_with_borders_intact() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    {
        let mut store = Store::open(&db).unwrap();
        let visits = [
            visit("حداد", "فاطمة", 1),
            visit("ኪዳነ", "ተስፋይ", 2),
            // "Zoë" with a combining diaeresis, and a name of wide characters.
            visit("Rossé", "Zoe\u{308}", 3),
            visit("王", "小明明明明明明明明明明明明明明明明明明明明明明明", 4),
        ];
        store.insert_visits(&visits).unwrap();
    }
    let (cols, rows) = (100u16, 30u16);
    let mut tui = sandbox.start_tui(&["--db", db.to_str().unwrap(), "--lang", "en"], cols, rows);
    tui.press("f4");
    for name in ["حداد, فاطمة", "ኪዳነ, ተስፋይ", "Rossé", "王"] {
        tui.wait_for(name);
    }
    let screen = tui.screen();
    let lines: Vec<&str> = screen.lines().collect();
    for (row, line) in lines.iter().enumerate().skip(3).take(6) {
        // Every row of the table ends in the right border, whatever the name's script.
        assert_eq!(
            tui.cell(row as u16, cols - 1),
            "│",
            "row {row} {line:?}:\n{screen}"
        );
        assert_eq!(tui.cell(row as u16, 0), "│", "row {row} {line:?}");
    }
    assert_eq!(tui.quit(), 0);
}
