//! Deterministic synthetic visits for demos and benchmarks. The names are common given names and
//! surnames combined at random: never real people. Every demo visit's desk id starts with `demo-`.

use crate::domain::{
    Ahvn13, DocumentStatus, FinancialRequest, InterpreterMode, InterpreterUse, PartialDate, Person,
    Referral, ReferralStatus, ResidenceStatus, Sex, TopicGiven, Urgency, Visit, VisitKind,
};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, TimeZone, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub const DEMO_DESK_PREFIX: &str = "demo-";

/// Name pools by origin: (first names, surnames, nationality, ISO 639-3 language, likely status).
struct Origin {
    first: &'static [&'static str],
    last: &'static [&'static str],
    nationality: &'static str,
    language: &'static str,
    statuses: &'static [ResidenceStatus],
}

const ORIGINS: &[Origin] = &[
    Origin {
        first: &[
            "Anna",
            "Lukas",
            "Martina",
            "Stefan",
            "Jürg",
            "Käthi",
            "Reto",
            "Bernadette",
        ],
        last: &[
            "Müller",
            "Imboden",
            "Zenhäusern",
            "Bregy",
            "Schmid",
            "Kalbermatten",
            "Ruppen",
            "Zurbriggen",
        ],
        nationality: "CH",
        language: "deu",
        statuses: &[ResidenceStatus::Swiss],
    },
    Origin {
        first: &[
            "Élodie",
            "Jean-Marc",
            "Céline",
            "François",
            "Anaïs",
            "Loïc",
            "Mathilde",
            "Gaëtan",
        ],
        last: &[
            "Favre",
            "Crettenand",
            "Dubuis",
            "Fournier",
            "Rey",
            "Pitteloud",
            "Héritier",
            "Bétrisey",
        ],
        nationality: "CH",
        language: "fra",
        statuses: &[ResidenceStatus::Swiss, ResidenceStatus::C],
    },
    Origin {
        first: &[
            "João",
            "Maria",
            "Inês",
            "Tiago",
            "Conceição",
            "Gonçalo",
            "Beatriz",
            "Rui",
        ],
        last: &[
            "Gonçalves",
            "Ferreira",
            "Rodrigues",
            "Magalhães",
            "Araújo",
            "Simões",
            "Lourenço",
            "Pereira",
        ],
        nationality: "PT",
        language: "por",
        statuses: &[ResidenceStatus::B, ResidenceStatus::C, ResidenceStatus::L],
    },
    Origin {
        first: &[
            "محمد",
            "فاطمة",
            "أحمد",
            "ليلى",
            "يوسف",
            "مريم",
            "خالد",
            "سلمى",
        ],
        last: &[
            "حداد",
            "الخطيب",
            "النجار",
            "العلي",
            "الحسن",
            "شاهين",
            "سليمان",
            "المصري",
        ],
        nationality: "SY",
        language: "ara",
        statuses: &[
            ResidenceStatus::RefugeeB,
            ResidenceStatus::RefugeeF,
            ResidenceStatus::ProvisionalF,
            ResidenceStatus::AsylumSeeker,
        ],
    },
    Origin {
        first: &["ተስፋይ", "ሳባ", "ዮናስ", "ሕድሪ", "ፍሬሕይወት", "ሰላም", "ዳዊት", "ኤልሳ"],
        last: &[
            "ኪዳነ",
            "ገብረመድህን",
            "ተወልደ",
            "ሃይለ",
            "በርሀ",
            "ዘርኡ",
            "ወልደሚካኤል",
            "ሓጎስ",
        ],
        nationality: "ER",
        language: "tir",
        statuses: &[
            ResidenceStatus::RefugeeB,
            ResidenceStatus::RefugeeF,
            ResidenceStatus::AsylumSeeker,
        ],
    },
    Origin {
        first: &[
            "Arben", "Drita", "Blerim", "Vlora", "Ilir", "Shpresa", "Agon", "Mimoza",
        ],
        last: &[
            "Krasniqi", "Berisha", "Hoxha", "Gashi", "Morina", "Shala", "Bytyqi", "Kelmendi",
        ],
        nationality: "XK",
        language: "sqi",
        statuses: &[
            ResidenceStatus::B,
            ResidenceStatus::C,
            ResidenceStatus::ProvisionalF,
        ],
    },
];

/// Topic ids the information screen (a later issue) will describe.
const TOPICS: &[&str] = &[
    "social-assistance",
    "rights-and-duties",
    "subsidiarity",
    "documents-financial-request",
    "decision-30-days",
    "refugees-competence",
    "emergency-numbers",
    "budget-debt-advice",
    "premium-subsidies",
];

/// Service ids of the directory (a later issue).
const SERVICES: &[&str] = &[
    "caritas-vs",
    "red-cross-vs",
    "lavi",
    "addiction-valais",
    "pro-senectute-lower",
    "emera",
    "rav-orp",
    "asylum-office",
];

pub struct DemoOptions {
    pub visits: usize,
    pub seed: u64,
    /// The end of the 12 months the visits are spread over.
    pub now: DateTime<FixedOffset>,
    /// BFS numbers to draw communes from.
    pub communes: Vec<u32>,
    /// With the catalog, identified visits carry a real competence check and financial
    /// requests its document checklist; without, those stay empty (faster, for benchmarks).
    pub catalog: Option<crate::catalog::Catalog>,
}

/// The visits, generated lazily so memory does not grow with their number.
pub fn visits(options: DemoOptions) -> impl Iterator<Item = Visit> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    // A stream of its own, so the visits' other contents stay what they were.
    let mut returning = Returning {
        rng: ChaCha8Rng::seed_from_u64(options.seed ^ 0x0005_eed0_f7e7),
        pool: Vec::new(),
    };
    let offset = *options.now.offset();
    (0..options.visits).map(move |_| {
        let mut visit = one_visit(&mut rng, &options, offset);
        returning.apply(&mut visit);
        visit
    })
}

/// The persons seen so far, so that some come again: about a third of identified visits are
/// of a person seen before (some with a new phone, a few with their spelling corrected), and
/// one in a hundred is a near-duplicate, the same person typed anew (for the duplicate check).
struct Returning {
    rng: ChaCha8Rng,
    pool: Vec<Person>,
}

/// Persons kept to come again; a bounded pool keeps memory flat for a million visits.
const RETURNING_POOL: usize = 5000;

impl Returning {
    fn apply(&mut self, visit: &mut Visit) {
        let Some(person) = visit.person.as_mut() else {
            return;
        };
        let rng = &mut self.rng;
        if !self.pool.is_empty() && rng.random_bool(0.33) {
            let at = rng.random_range(0..self.pool.len());
            let again = &mut self.pool[at];
            match rng.random_range(0..10) {
                // A new phone number since the last visit.
                0 | 1 => {
                    again.phone = Some(format!(
                        "079 {:03} {:02} {:02}",
                        rng.random_range(0..1000),
                        rng.random_range(0..100),
                        rng.random_range(0..100)
                    ))
                }
                // The name written as the person's papers have it this time.
                2 => again.official_name.push('e'),
                _ => {}
            }
            *person = again.clone();
        } else if !self.pool.is_empty() && rng.random_bool(0.01) {
            let mut anew = self.pool[rng.random_range(0..self.pool.len())].clone();
            anew.key = None;
            *person = anew;
        } else {
            let mut random = [0u8; 10];
            rng.fill(&mut random);
            person.key = Some(
                uuid::Builder::from_unix_timestamp_millis(
                    visit.started_at.timestamp_millis().max(0) as u64,
                    &random,
                )
                .into_uuid(),
            );
            if self.pool.len() < RETURNING_POOL {
                self.pool.push(person.clone());
            } else {
                let at = rng.random_range(0..RETURNING_POOL);
                self.pool[at] = person.clone();
            }
        }
    }
}

fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn one_visit(rng: &mut ChaCha8Rng, options: &DemoOptions, offset: FixedOffset) -> Visit {
    let started_at = opening_hours_time(rng, options.now, offset);
    let kind = match rng.random_range(0..100) {
        0..55 => VisitKind::Information,
        55..80 => VisitKind::Identified,
        80..93 => VisitKind::FinancialRequest,
        _ => VisitKind::UrgentHandover,
    };
    let identified = kind != VisitKind::Information || rng.random_bool(0.1);
    let origin = pick(rng, ORIGINS);
    let person = identified.then(|| person(rng, origin, options, started_at));
    let topic_count = rng.random_range(1..=3);
    let mut topics: Vec<String> = (0..topic_count)
        .map(|_| pick(rng, TOPICS).to_string())
        .collect();
    topics.sort();
    topics.dedup();
    let referrals = if identified && rng.random_bool(0.35) {
        vec![Referral {
            service_id: pick(rng, SERVICES).to_string(),
            reason: String::new(),
            status: match rng.random_range(0..3) {
                0 => ReferralStatus::Referred,
                1 => ReferralStatus::HandedOverByPhone,
                _ => ReferralStatus::AppointmentMade(
                    started_at.date_naive() + Duration::days(rng.random_range(1..21)),
                ),
            },
            consent_to_share: rng.random_bool(0.6),
            slip: None,
        }]
    } else {
        Vec::new()
    };
    let needs_interpreter = !matches!(origin.language, "deu" | "fra") && rng.random_bool(0.5);
    let interpreter = needs_interpreter.then(|| InterpreterUse {
        language: origin.language.parse().expect("pool codes are ISO 639-3"),
        mode: *pick(
            rng,
            &[
                InterpreterMode::OnSite,
                InterpreterMode::Phone,
                InterpreterMode::Video,
            ],
        ),
        provider: Some(pick(rng, &["AVIC", "FMO"]).to_string()),
        minutes: rng.random_range(10..=60),
    });
    let mut id_random = [0u8; 10];
    rng.fill(&mut id_random);
    let id =
        uuid::Builder::from_unix_timestamp_millis(started_at.timestamp_millis() as u64, &id_random)
            .into_uuid();
    Visit {
        id,
        desk_id: format!("{DEMO_DESK_PREFIX}desk-{}", rng.random_range(1..=3)),
        staff_id: format!("{DEMO_DESK_PREFIX}staff-{}", rng.random_range(1..=6)),
        started_at,
        ended_at: Some(started_at + Duration::minutes(rng.random_range(4..=45))),
        kind,
        urgency: match rng.random_range(0..10) {
            0 => Urgency::Today,
            1..3 => Urgency::ThisWeek,
            _ => Urgency::Normal,
        },
        consent_to_export: identified && rng.random_bool(0.7),
        information: topics
            .iter()
            .map(|topic| TopicGiven {
                topic: topic.clone(),
                language: pick(rng, &["de", "fr", "en", "it"]).to_string(),
                written_copy: rng.random_bool(0.3),
                copy: None,
            })
            .collect(),
        competence: competence(rng, options, person.as_ref(), started_at),
        financial: (kind == VisitKind::FinancialRequest)
            .then(|| financial_request(rng, options, started_at)),
        person,
        topics,
        referrals,
        interpreter,
        waiting_seconds: Some((rng.random::<f64>().powi(2) * 3600.0) as u32),
        note: None,
        reason: None,
        interpreter_needed: false,
        visitor_language: None,
    }
}

/// The competence check staff would have made for an identified visitor, as `check` answers it.
fn competence(
    rng: &mut ChaCha8Rng,
    options: &DemoOptions,
    person: Option<&Person>,
    at: DateTime<FixedOffset>,
) -> Option<crate::domain::competence::CompetenceRecord> {
    let (catalog, person) = (options.catalog.as_ref()?, person?);
    if !rng.random_bool(0.6) {
        return None;
    }
    let years_ago = |rng: &mut ChaCha8Rng| {
        (at.date_naive() - Duration::days(rng.random_range(30..12 * 365))).to_string()
    };
    let asylum = years_ago(rng);
    let entry = years_ago(rng);
    let on = at.date_naive().to_string();
    let commune = person.commune_of_stay.map(|c| c.to_string());
    let input = crate::check::Input {
        canton: "VS",
        status: person.residence.as_str(),
        asylum_date: Some(&asylum),
        entry_date: Some(&entry),
        c_entitled: rng.random_bool(0.3),
        b_granted: rng.random_bool(0.5),
        resident_in_commune: rng.random_bool(0.8),
        commune: commune.as_deref(),
        on: Some(&on),
    };
    crate::check::check(catalog, &input, at.date_naive())
        .ok()
        .map(|outcome| outcome.record())
}

/// A financial request handed in on the day of the visit or a little before, most documents there.
fn financial_request(
    rng: &mut ChaCha8Rng,
    options: &DemoOptions,
    at: DateTime<FixedOffset>,
) -> FinancialRequest {
    let documents = options
        .catalog
        .as_ref()
        .map(|c| {
            c.documents
                .iter()
                .map(|d| DocumentStatus {
                    id: d.id.clone(),
                    present: rng.random_bool(0.75),
                })
                .collect()
        })
        .unwrap_or_default();
    FinancialRequest {
        received_on: at.date_naive() - Duration::days(rng.random_range(0..5)),
        documents,
    }
}

/// A weekday between 8:00 and 17:00 within the last 365 days.
fn opening_hours_time(
    rng: &mut ChaCha8Rng,
    now: DateTime<FixedOffset>,
    offset: FixedOffset,
) -> DateTime<FixedOffset> {
    loop {
        let day = now.date_naive() - Duration::days(rng.random_range(0..365));
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let seconds = rng.random_range(8 * 3600..17 * 3600);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).expect("within a day");
        let at = offset
            .from_local_datetime(&day.and_time(time))
            .single()
            .expect("fixed offsets are unambiguous");
        if at <= now {
            return at;
        }
    }
}

fn person(
    rng: &mut ChaCha8Rng,
    origin: &Origin,
    options: &DemoOptions,
    at: DateTime<FixedOffset>,
) -> Person {
    let year = at.year() - rng.random_range(18..85);
    let birth_date = match rng.random_range(0..10) {
        0 => PartialDate {
            year,
            month: None,
            day: None,
        },
        1 => PartialDate {
            year,
            month: Some(rng.random_range(1..=12)),
            day: None,
        },
        _ => PartialDate {
            year,
            month: Some(rng.random_range(1..=12)),
            day: Some(rng.random_range(1..=28)),
        },
    };
    let commune = (!options.communes.is_empty()).then(|| *pick(rng, &options.communes));
    // A separate stream for the AHV body, so adding fields elsewhere keeps numbers stable.
    let mut ahv_rng = StdRng::seed_from_u64(rng.random());
    Person {
        key: None,
        official_name: pick(rng, origin.last).to_string(),
        first_name: pick(rng, origin.first).to_string(),
        birth_date: Some(birth_date),
        vn: rng
            .random_bool(0.6)
            .then(|| Ahvn13::from_body(ahv_rng.random_range(0..1_000_000_000))),
        sex: Some(*pick(
            rng,
            &[Sex::Male, Sex::Female, Sex::Female, Sex::Male, Sex::Unknown],
        )),
        nationality: origin.nationality.parse().ok(),
        language: Some(origin.language.parse().expect("pool codes are ISO 639-3")),
        residence: *pick(rng, origin.statuses),
        commune_of_stay: commune,
        support_domicile: commune,
        phone: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_referrals_and_topics_exist_in_the_shipped_data() {
        let catalog = crate::catalog::Catalog::embedded();
        for id in SERVICES {
            assert!(catalog.service(id).is_some(), "{id}");
        }
        for id in TOPICS {
            assert!(catalog.topics.ids().iter().any(|t| t == id), "{id}");
        }
    }

    fn options(seed: u64) -> DemoOptions {
        DemoOptions {
            visits: 200,
            seed,
            now: DateTime::parse_from_rfc3339("2026-11-25T12:00:00+01:00").unwrap(),
            communes: vec![6002, 6266],
            catalog: Some(crate::catalog::Catalog::embedded()),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_visits() {
        let a: Vec<Visit> = visits(options(7)).collect();
        let b: Vec<Visit> = visits(options(7)).collect();
        let c: Vec<Visit> = visits(options(8)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn visits_lie_in_the_last_year_and_mix_anonymous_and_identified() {
        let now = options(1).now;
        let all: Vec<Visit> = visits(options(1)).collect();
        assert!(
            all.iter()
                .all(|v| v.started_at <= now && v.started_at > now - Duration::days(366))
        );
        assert!(all.iter().all(|v| v.desk_id.starts_with(DEMO_DESK_PREFIX)));
        assert!(all.iter().any(Visit::is_anonymous));
        assert!(all.iter().any(Visit::is_exportable));
        assert!(
            all.iter()
                .any(|v| !v.is_anonymous() && !v.consent_to_export)
        );
        let ahv: Vec<_> = all.iter().filter_map(|v| v.person.as_ref()?.vn).collect();
        assert!(!ahv.is_empty());
        assert!(
            ahv.iter()
                .all(|n| n.to_string().parse::<Ahvn13>() == Ok(*n))
        );
    }
}
