//! Reports on a fixture with known counts: every figure checked in JSON, CSV and text, and the
//! Reports screen in the real binary.

mod common;
use common::{Sandbox, stderr, stdout};
use intake_desk::domain::{
    DocumentStatus, FinancialRequest, InterpreterMode, InterpreterUse, Person, Referral,
    ReferralStatus, ResidenceStatus, TopicGiven, Urgency, Visit, VisitKind,
};
use intake_desk::store::{QueueEntry, QueueExit, Store, UnmetNeed};

/// A visit on a given local day and hour of November 2026 (the desk's offset is +01:00).
fn visit(day: u32, hour: u32, kind: VisitKind, identified: bool) -> Visit {
    let started =
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:10:00+01:00"))
            .unwrap();
    Visit {
        id: uuid::Uuid::now_v7(),
        desk_id: "desk-1".into(),
        staff_id: "mb".into(),
        started_at: started,
        ended_at: None,
        kind,
        urgency: Urgency::Normal,
        person: identified.then(|| Person {
            key: None,
            official_name: "Muster".into(),
            first_name: "Eva".into(),
            birth_date: None,
            vn: None,
            sex: None,
            nationality: None,
            language: Some("tir".parse().unwrap()),
            residence: ResidenceStatus::RefugeeB,
            commune_of_stay: None,
            support_domicile: None,
            phone: None,
        }),
        topics: vec![],
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

/// Ten visits in November 2026, one in October (outside the report).
fn fixture(sandbox: &Sandbox) -> String {
    let db = sandbox.db();
    let mut store = Store::open(&db).unwrap();
    let mut visits = Vec::new();
    // 4 anonymous information visits: Monday 2 Nov 9h and 10h, Tuesday 3 Nov 9h, Friday 6 Nov 14h.
    for (day, hour) in [(2, 9), (2, 10), (3, 9), (6, 14)] {
        let mut v = visit(day, hour, VisitKind::Information, false);
        v.topics = vec!["emergency-numbers".into()];
        v.information = vec![TopicGiven {
            topic: "emergency-numbers".into(),
            language: "fr".into(),
            written_copy: false,
            copy: None,
        }];
        visits.push(v);
    }
    // 3 identified (one an identified information visit), with referrals and an interpreter.
    let mut a = visit(4, 11, VisitKind::Identified, true);
    a.topics = vec!["social-assistance".into(), "emergency-numbers".into()];
    a.referrals = vec![
        Referral {
            service_id: "caritas-vs".into(),
            reason: String::new(),
            status: ReferralStatus::Referred,
            consent_to_share: true,
            slip: None,
        },
        Referral {
            service_id: "lavi".into(),
            reason: String::new(),
            status: ReferralStatus::HandedOverByPhone,
            consent_to_share: false,
            slip: None,
        },
    ];
    a.interpreter = Some(InterpreterUse {
        language: "tir".parse().unwrap(),
        mode: InterpreterMode::Phone,
        provider: None,
        minutes: 25,
    });
    a.competence = Some(serde_json::from_str(r#"{"canton":"VS","on":"2026-11-04","primary":"red-cross","responsible":[],"rule":"vs-refugee-b-first-5-years","covered":true,"smz":null}"#).unwrap());
    visits.push(a);
    let mut b = visit(4, 15, VisitKind::Identified, true);
    b.referrals = vec![Referral {
        service_id: "caritas-vs".into(),
        reason: String::new(),
        status: ReferralStatus::Referred,
        consent_to_share: true,
        slip: None,
    }];
    b.interpreter = Some(InterpreterUse {
        language: "tir".parse().unwrap(),
        mode: InterpreterMode::Phone,
        provider: None,
        minutes: 15,
    });
    visits.push(b);
    visits.push(visit(5, 9, VisitKind::Information, true));
    // 2 financial requests: one received long ago (its 30-day date passed), one today.
    let today = intake_desk::desk_time::today();
    for (day, received) in [
        (9, chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        (10, today),
    ] {
        let mut v = visit(day, 10, VisitKind::FinancialRequest, true);
        v.financial = Some(FinancialRequest {
            received_on: received,
            documents: vec![DocumentStatus {
                id: "lease".into(),
                present: false,
            }],
        });
        visits.push(v);
    }
    // 1 urgent handover on Saturday 7 Nov.
    visits.push(visit(7, 16, VisitKind::UrgentHandover, false));
    // Waiting times on five visits: 60, 120, 300, 600, 1800 seconds.
    for (v, wait) in visits.iter_mut().zip([60, 120, 300, 600, 1800]) {
        v.waiting_seconds = Some(wait);
    }
    // October: outside the period.
    visits.push(
        chrono::DateTime::parse_from_rfc3339("2026-10-30T10:00:00+01:00")
            .map(|t| Visit {
                started_at: t,
                ..visit(2, 9, VisitKind::Information, false)
            })
            .unwrap(),
    );
    store.insert_visits(&visits).unwrap();
    // One visitor left unseen on 12 November, one unmet need on 13 November.
    let checked_in = chrono::DateTime::parse_from_rfc3339("2026-11-12T09:00:00+01:00").unwrap();
    store
        .queue_add(
            "desk-1",
            &QueueEntry {
                id: "q1".into(),
                label: "A1".into(),
                reason: String::new(),
                urgency: Urgency::Normal,
                language: None,
                interpreter_needed: false,
                checked_in_ms: checked_in.timestamp_millis(),
            },
        )
        .unwrap();
    store
        .queue_end(
            "q1",
            QueueExit::Left,
            checked_in.timestamp_millis() + 600_000,
        )
        .unwrap();
    store
        .record_unmet_need(&UnmetNeed {
            desk_id: "desk-1".into(),
            visit_id: None,
            searched_for: "housing".into(),
            reason: "no emergency housing".into(),
        })
        .unwrap();
    db.to_str().unwrap().to_string()
}

/// What the fixture must give, figure by figure: (section, item, value) as in the CSV.
fn expected() -> Vec<(&'static str, String, String)> {
    let catalog = intake_desk::catalog::Catalog::embedded();
    let category = |id: &str| catalog.service(id).unwrap().categories[0].clone();
    let today = intake_desk::desk_time::today();
    let in_november = today.format("%Y-%m").to_string() == "2026-11";
    let overdue = today > chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let mut rows: Vec<(&str, String, String)> = vec![
        ("visits", "total".into(), "10".into()),
        ("kind", "anonymous-information".into(), "4".into()),
        ("kind", "identified".into(), "3".into()),
        ("kind", "financial-request".into(), "2".into()),
        ("kind", "urgent-handover".into(), "1".into()),
        ("topic", "emergency-numbers".into(), "5".into()),
        ("topic", "social-assistance".into(), "1".into()),
        ("service", "caritas-vs".into(), "2".into()),
        ("service", "lavi".into(), "1".into()),
        (
            "unmet_needs",
            "total".into(),
            u64::from(in_november).to_string(),
        ),
        ("competence", "red-cross".into(), "1".into()),
        ("competence", "not-checked".into(), "9".into()),
        ("language", "tir".into(), "5".into()),
        ("language", "fra".into(), "4".into()),
        ("language", "unknown".into(), "1".into()),
        ("interpreter_minutes", "tir:phone".into(), "40".into()),
        ("interpreter_uses", "tir:phone".into(), "2".into()),
        ("interpreter_minutes", "total".into(), "40".into()),
        ("waiting_seconds", "median".into(), "300".into()),
        ("waiting_seconds", "p90".into(), "1800".into()),
        ("waiting_seconds", "visits".into(), "5".into()),
        ("left_unseen", "total".into(), "1".into()),
        ("weekday", "mon".into(), "3".into()),
        ("weekday", "tue".into(), "2".into()),
        ("weekday", "wed".into(), "2".into()),
        ("weekday", "thu".into(), "1".into()),
        ("weekday", "fri".into(), "1".into()),
        ("weekday", "sat".into(), "1".into()),
        ("weekday", "sun".into(), "0".into()),
        ("hour", "09".into(), "3".into()),
        ("hour", "10".into(), "3".into()),
        ("hour", "11".into(), "1".into()),
        ("hour", "14".into(), "1".into()),
        ("hour", "15".into(), "1".into()),
        ("hour", "16".into(), "1".into()),
        ("hour", "08".into(), "0".into()),
        (
            "financial_overdue",
            "total".into(),
            u64::from(overdue).to_string(),
        ),
    ];
    if category("caritas-vs") == category("lavi") {
        rows.push(("referral_category", category("lavi"), "3".into()));
    } else {
        rows.push(("referral_category", category("caritas-vs"), "2".into()));
        rows.push(("referral_category", category("lavi"), "1".into()));
    }
    rows
}

#[test]
fn every_figure_is_right_in_csv() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let out = sandbox.run(&[
        "report", "--month", "2026-11", "--format", "csv", "--db", &db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["section", "item_id", "item", "value"]
    );
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[3].to_string())
        })
        .collect();
    for (section, item, value) in expected() {
        let found = rows
            .iter()
            .find(|(s, i, _)| s == section && *i == item)
            .map(|(_, _, v)| v.clone());
        assert_eq!(found, Some(value), "{section} {item}");
    }
    assert!(rows.contains(&("period".into(), "from".into(), "2026-11-01".into())));
    assert!(rows.contains(&("period".into(), "to".into(), "2026-11-30".into())));

    // For Swiss Excel: a byte-order mark and semicolons.
    let out = sandbox.run(&[
        "report",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--semicolon",
        "--bom",
        "--db",
        &db,
    ]);
    assert!(
        out.stdout
            .starts_with("\u{feff}section;item_id;item;value\n".as_bytes())
    );
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with("kind;identified;") && l.ends_with(";3")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_csv_names_every_item_in_the_chosen_language_and_keeps_hours_as_two_digits() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let names = |lang: &str| {
        let out = sandbox.run(&[
            "report", "--month", "2026-11", "--format", "csv", "--lang", lang, "--db", &db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                ((r[0].to_string(), r[1].to_string()), r[2].to_string())
            })
            .collect::<std::collections::HashMap<_, _>>()
    };
    let (de, fr, en) = (names("de"), names("fr"), names("en"));
    let key = |s: &str, i: &str| (s.to_string(), i.to_string());
    assert_eq!(en[&key("weekday", "mon")], "Monday");
    assert_eq!(fr[&key("weekday", "mon")], "lundi");
    assert_eq!(de[&key("weekday", "mon")], "Montag");
    assert_eq!(en[&key("hour", "08")], "08:00–08:59", "the id stays 08");
    assert_eq!(en[&key("period", "from")], "From");
    // Every item has a name, and none is left as a bare id where a name exists.
    for (lang, table) in [("de", &de), ("fr", &fr), ("en", &en)] {
        for ((section, item), name) in table.iter() {
            assert!(!name.is_empty(), "{lang} {section} {item}");
            assert!(
                !name.starts_with("report."),
                "{lang} {section} {item}: {name}"
            );
            if [
                "kind",
                "topic",
                "service",
                "referral_category",
                "competence",
            ]
            .contains(&section.as_str())
            {
                assert_ne!(name, item, "{lang} {section} {item} has a name");
            }
        }
    }
    assert_ne!(
        de[&key("kind", "identified")],
        fr[&key("kind", "identified")],
        "in the chosen language"
    );
}

#[test]
fn every_figure_is_right_in_json() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let out = sandbox.run(&[
        "report", "--month", "2026-11", "--format", "json", "--db", &db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = |key: &str, id: &str| -> Option<String> {
        json[key]
            .as_array()?
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["count"].to_string())
    };
    let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for (section, item, value) in expected() {
        let found = match section {
            "visits" => Some(json["visits"].to_string()),
            "kind" => list("by_kind", &item),
            "topic" => list("by_topic", &item),
            "service" => list("by_service", &item),
            "referral_category" => list("by_referral_category", &item),
            "competence" => list("by_competence", &item),
            "language" => list("by_language", &item),
            "unmet_needs" => Some(json["unmet_needs"].to_string()),
            "interpreter_minutes" if item == "total" => {
                Some(json["interpreter_minutes"].to_string())
            }
            "interpreter_minutes" => Some(json["interpreting"][0]["minutes"].to_string()),
            "interpreter_uses" => Some(json["interpreting"][0]["uses"].to_string()),
            "waiting_seconds" if item == "median" => {
                Some(json["waiting_median_seconds"].to_string())
            }
            "waiting_seconds" if item == "p90" => Some(json["waiting_p90_seconds"].to_string()),
            "waiting_seconds" => Some(json["waited_visits"].to_string()),
            "left_unseen" => Some(json["left_unseen"].to_string()),
            "weekday" => {
                let day = weekdays.iter().position(|d| *d == item).unwrap();
                Some(json["by_weekday"][day].to_string())
            }
            "hour" => Some(json["by_hour"][item.parse::<usize>().unwrap()].to_string()),
            "financial_overdue" => Some(json["financial_overdue"].to_string()),
            other => panic!("{other}"),
        };
        assert_eq!(found, Some(value), "{section} {item}");
    }
    assert_eq!(json["interpreting"][0]["language"], "tir");
    assert_eq!(json["interpreting"][0]["mode"], "phone");
}

#[test]
fn every_figure_is_right_in_text() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let out = sandbox.run(&["report", "--month", "2026-11", "--db", &db, "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let expected = expected();
    let value = |section: &str, item: &str| {
        expected
            .iter()
            .find(|(s, i, _)| *s == section && i == item)
            .unwrap()
            .2
            .clone()
    };
    for line in [
        "Statistics 2026-11".to_string(),
        "Visits: 10".into(),
        "  Information (anonymous): 4".into(),
        "  Counselling (identified): 3".into(),
        "  Financial request: 2".into(),
        "  Urgent handover: 1".into(),
        "  Emergency numbers: 5".into(),
        "  Caritas Wallis: 2".into(),
        "  Tigrinya: 5".into(),
        "  French: 4".into(),
        "  unknown: 1".into(),
        "  not checked: 9".into(),
        "  Tigrinya · phone: 40 min (2×)".into(),
        "  Total: 40 min".into(),
        "  Median: 5:00".into(),
        "  90th percentile: 30:00".into(),
        "  Left without being seen: 1".into(),
        format!("  No suitable service: {}", value("unmet_needs", "total")),
        format!(
            "  Requests past their 30-day date: {}",
            value("financial_overdue", "total")
        ),
        "  Monday: 3".into(),
        "  Sunday: 0".into(),
        "  09:00: 3".into(),
        "  16:00: 1".into(),
    ] {
        assert!(
            text.contains(&format!("{line}\n")),
            "missing {line:?} in\n{text}"
        );
    }
}

#[test]
fn a_wrong_month_is_refused_with_the_expected_form() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let out = sandbox.run(&["report", "--month", "11-2026", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("write the month as YYYY-MM"));
}

#[test]
fn the_reports_screen_shows_the_month_chart_and_switches_month_with_a_key() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let mut tui = sandbox.start_tui(&["--db", &db, "--lang", "en"], 110, 32);
    tui.press("f9");
    tui.wait_for("┌ Reports ");
    // Back (or forward) to November 2026, whatever month it is now.
    let now = intake_desk::desk_time::today();
    let months = (now.year_ce().1 as i32 - 2026) * 12 + now.month0() as i32 - 10;
    use chrono::Datelike;
    for _ in 0..months.abs() {
        tui.press(if months > 0 { "left" } else { "right" });
    }
    tui.wait_for("Reports 2026-11 · Visits: 10");
    tui.wait_for("Visits by kind");
    // Times with their unit; every list with whole labels; referrals, competence, languages.
    tui.wait_for("5 min 00 s");
    for section in [
        "Referrals by service",
        "Competence",
        "Visitor's language",
        "Information (anonymous)",
    ] {
        tui.wait_for(section);
    }
    for _ in 0..20 {
        tui.press("down");
    }
    tui.wait_for("Monday");
    tui.press("left");
    tui.wait_for("Reports 2026-10 · Visits: 1");
    tui.press("right");
    tui.press("right");
    tui.wait_for("Reports 2026-12 · Visits: 0");
    tui.wait_for("No visits this month.");
    // No month after the current one.
    let current = now.format("%Y-%m").to_string();
    for _ in 0..months.max(0) + 2 {
        tui.press("right");
    }
    tui.wait_for(&format!("Reports {current} ·"));
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(tui.screen().contains(&format!("Reports {current} ·")));
    assert_eq!(tui.quit(), 0);
}

#[test]
fn purging_personal_data_leaves_past_reports_unchanged() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let report = || {
        let out = sandbox.run(&[
            "report", "--month", "2026-11", "--format", "csv", "--db", &db,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let before = report();
    // What a purge of personal data removes: every field of the people records.
    let conn = common::raw(&db);
    conn.execute_batch(
        "UPDATE people SET official_name = '', first_name = '', birth_date = NULL, vn = NULL,
                          sex = NULL, nationality = NULL, language = NULL, phone = NULL,
                          residence_status = 'none', commune_of_stay = NULL, support_domicile = NULL;
         UPDATE queue SET label = '', reason = '';",
    )
    .unwrap();
    drop(conn);
    assert_eq!(
        String::from_utf8(report()).unwrap(),
        String::from_utf8(before).unwrap()
    );
}

/// The rows of a sheet by its first column (the id), after the header.
fn sheet_rows(
    workbook: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
) -> std::collections::HashMap<String, Vec<calamine::Data>> {
    use calamine::Reader;
    let range = workbook
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range
        .rows()
        .skip(1)
        .map(|row| (row[0].to_string(), row.to_vec()))
        .collect()
}

#[test]
fn the_workbook_has_a_sheet_per_section_named_in_french_with_ids_as_text_and_counts_as_numbers() {
    use calamine::{Data, Reader};
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let json = sandbox.run(&[
        "report", "--month", "2026-11", "--format", "json", "--db", &db,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let file = sandbox.path("novembre.xlsx");
    let out = sandbox.run(&[
        "report",
        "--month",
        "2026-11",
        "--format",
        "xlsx",
        "--lang",
        "fr",
        "--out",
        file.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "the workbook goes to the file only");
    assert_eq!(common::file_mode(&file) & 0o777, 0o600);
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Résumé",
            "Visites par type",
            "Sujets",
            "Orientations par domaine",
            "Orientations par service",
            "Compétence",
            "Langue de la personne",
            "Par jour de la semaine",
            "Par heure",
            "Interprétariat (minutes)",
        ]
    );
    let summary = sheet_rows(&mut workbook, "Résumé");
    let Data::DateTime(from) = &summary["period_from"][2] else {
        panic!(
            "the period's first day as a date: {:?}",
            summary["period_from"]
        );
    };
    assert_eq!(from.as_datetime().unwrap().date().to_string(), "2026-11-01");
    assert_eq!(summary["period_from"][1], Data::String("Du".into()));
    assert_eq!(
        summary["visits"][2],
        Data::Float(json["visits"].as_f64().unwrap())
    );

    let hours = sheet_rows(&mut workbook, "Par heure");
    assert_eq!(hours.len(), 24);
    for (hour, count) in json["by_hour"].as_array().unwrap().iter().enumerate() {
        let id = format!("{hour:02}");
        let row = &hours[&id];
        assert_eq!(row[0], Data::String(id.clone()), "the hour stays text");
        assert_eq!(row[1], Data::String(format!("{id}:00–{id}:59")));
        assert_eq!(row[2], Data::Float(count.as_f64().unwrap()));
    }

    let kinds = sheet_rows(&mut workbook, "Visites par type");
    for kind in json["by_kind"].as_array().unwrap() {
        let id = kind["id"].as_str().unwrap();
        let row = &kinds[id];
        assert_eq!(row[2], Data::Float(kind["count"].as_f64().unwrap()), "{id}");
        let Data::String(name) = &row[1] else {
            panic!("{id}: a name")
        };
        assert!(name != id && !name.starts_with("report."), "{id}: {name}");
    }
    let weekdays = sheet_rows(&mut workbook, "Par jour de la semaine");
    assert_eq!(weekdays["mon"][1], Data::String("lundi".into()));

    let interpreting = sheet_rows(&mut workbook, "Interprétariat (minutes)");
    let first = &json["interpreting"][0];
    let id = format!(
        "{}:{}",
        first["language"].as_str().unwrap(),
        first["mode"].as_str().unwrap()
    );
    assert_eq!(
        interpreting[&id][2],
        Data::Float(first["minutes"].as_f64().unwrap())
    );
    assert_eq!(
        interpreting[&id][3],
        Data::Float(first["uses"].as_f64().unwrap())
    );
}

#[test]
fn a_server_set_to_utc_counts_days_and_hours_by_the_desks_clock() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    // Saved on a machine set to UTC: 09:10 and, on the last evening of November, 00:30 on
    // 1 December at the desk.
    let mut morning = visit(2, 9, VisitKind::Information, false);
    morning.started_at = chrono::DateTime::parse_from_rfc3339("2026-11-02T08:10:00Z").unwrap();
    let mut midnight = visit(2, 9, VisitKind::Information, false);
    midnight.started_at = chrono::DateTime::parse_from_rfc3339("2026-11-30T23:30:00Z").unwrap();
    Store::open(&db)
        .unwrap()
        .insert_visits([morning, midnight])
        .unwrap();
    let db = db.to_str().unwrap();
    let report = |month: &str| -> serde_json::Value {
        let out = sandbox.run_with_env(
            &["report", "--month", month, "--format", "json", "--db", db],
            &[("TZ", "UTC")],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let november = report("2026-11");
    assert_eq!(
        november["visits"], 1,
        "the visit at 00:30 on 1 December is December's"
    );
    assert_eq!(november["by_hour"][9], 1, "{}", november["by_hour"]);
    let december = report("2026-12");
    assert_eq!(december["visits"], 1);
    assert_eq!(december["by_hour"][0], 1, "{}", december["by_hour"]);
    assert_eq!(december["by_weekday"][1], 1, "1 December 2026 is a Tuesday");
}

#[test]
fn the_palette_opens_a_month_goes_to_a_screen_and_says_what_is_wrong() {
    let sandbox = Sandbox::new();
    let db = fixture(&sandbox);
    let mut tui = sandbox.start_tui(&["--db", &db, "--lang", "en"], 110, 32);
    tui.wait_for("Queue");
    tui.press(":");
    tui.wait_for("Find a command:");
    tui.type_text("report 2026-13");
    tui.wait_for("2026-13: write the month as YYYY-MM");
    tui.press("enter");
    // Refused: the palette stays, to correct the month.
    tui.wait_for("Find a command:");
    for _ in 0..2 {
        tui.press("backspace");
    }
    tui.type_text("11");
    tui.wait_for("Enter: open the statistics of 2026-11");
    tui.press("enter");
    tui.wait_for("Reports 2026-11 · Visits: 10");
    // Tab completes a command and a screen.
    tui.press(":");
    tui.type_text("go");
    tui.press("tab");
    tui.type_text("hi");
    tui.press("tab");
    tui.wait_for("goto history");
    tui.press("enter");
    tui.wait_for("┌ History");
    assert_eq!(tui.quit(), 0);
}
