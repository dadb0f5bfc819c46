//! Issue 19: naming, voices and tone that hold on real news from many outlets. Each
//! fixture is written in the shapes of real wire copy where the signals misfired (party
//! labels after names, titles before surnames, a city named like a country, quoted
//! speech, fixed expressions of news copy); the assertions are what a reader sees in
//! `digest compare`.

use serde_json::{Value, json};

use super::compare_json;
use crate::util::Digest;

/// A sandbox holding the given (outlet, title, text) articles, all of one day.
fn sandbox(articles: &[(&str, &str, &str)]) -> Digest {
    let d = Digest::new();
    let lines: Vec<String> = articles
        .iter()
        .map(|(outlet, title, text)| {
            json!({"outlet": outlet, "title": title, "date": "2021-10-06", "text": text})
                .to_string()
        })
        .collect();
    let path = d.write("news.jsonl", lines.join("\n") + "\n");
    let r = d.run(["ingest", "--no-bundled", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:#?}");
    d
}

fn column<'a>(c: &'a Value, outlet: &str) -> &'a Value {
    c["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["outlet"] == outlet)
        .unwrap_or_else(|| panic!("no column for {outlet}: {c:#}"))
}

/// (form, count) of one actor in an outlet's naming, found by its display name.
fn named(col: &Value, name: &str) -> Vec<(String, u64)> {
    col["naming"]
        .as_object()
        .unwrap()
        .values()
        .find(|n| n["name"] == name)
        .map(|n| {
            n["forms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["form"].as_str().unwrap().to_string(),
                        f["count"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn voices(col: &Value) -> Vec<(String, String)> {
    col["voices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().into(),
                v["kind"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn tone_words(col: &Value) -> Vec<String> {
    col["tone"]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["word"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn naming_groups_the_forms_of_people_and_acronyms_found_in_the_text() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Senate deal on the debt ceiling",
            "President Joe Biden welcomed the debt ceiling deal on Wednesday. Biden spoke \
             to Senate Minority Leader Mitch McConnell before the vote. The National \
             Institutes of Health was not part of the debt ceiling talks.",
        ),
        (
            "Evening Courier",
            "Debt ceiling deal reached in the Senate",
            "The debt ceiling deal was welcomed by President Biden, who thanked Mitch \
             McConnell, and McConnell replied. The NIH said the debt ceiling deal keeps its grants going.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["debt", "ceiling"]);
    let ledger = column(&c, "daily-ledger");
    let courier = column(&c, "evening-courier");
    assert_eq!(
        named(ledger, "Joe Biden"),
        [("Biden".into(), 1), ("President Joe Biden".into(), 1)],
        "{ledger:#}"
    );
    assert_eq!(named(courier, "Joe Biden"), [("President Biden".into(), 1)]);
    assert_eq!(
        named(ledger, "Mitch McConnell"),
        [("Senate Minority Leader Mitch McConnell".into(), 1)]
    );
    assert_eq!(
        named(courier, "Mitch McConnell"),
        [("McConnell".into(), 1), ("Mitch McConnell".into(), 1)]
    );
    assert_eq!(
        named(ledger, "National Institutes of Health"),
        [("National Institutes of Health".into(), 1)]
    );
    assert_eq!(
        named(courier, "National Institutes of Health"),
        [("NIH".into(), 1)]
    );
}

#[test]
fn a_place_is_not_the_country_it_is_in() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Flood waters reach the capital",
            "Flood waters reached Washington, D.C. on Tuesday, the Washington Post reported. \
             Washington sent aid to the flooded towns.",
        ),
        (
            "Evening Courier",
            "The capital floods",
            "Flood waters rose in Washington state and reached the capital. The United \
             States sent aid to the flooded towns.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["flood"]);
    let ledger = column(&c, "daily-ledger");
    // Only "Washington sent aid" names the country.
    assert_eq!(
        named(ledger, "United States"),
        [("Washington".into(), 1)],
        "{ledger:#}"
    );
    assert_eq!(
        named(column(&c, "evening-courier"), "United States"),
        [("United States".into(), 1)]
    );
}

#[test]
fn the_far_side_and_dark_side_show_in_a_comparison_of_change_4() {
    let d = Digest::bundled();
    let r = d.run(["compare", "Chang'e 4"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(
        r.stdout.contains("far side of the moon") && r.stdout.contains("dark side"),
        "the naming rows show RFA's \"far side\" and the others' \"dark side\":\n{}",
        r.stdout
    );
}

#[test]
fn voices_are_people_from_the_structure_of_attribution() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Senators weigh the offer",
            "Sen. Tammy Baldwin (D-Wis.) noted that the offer would amount to a victory. \
             President Biden met senators on the offer. Biden said he needed more than \
             that. Senate Minority Leader Mitch McConnell of Kentucky said Thursday that \
             he hopes Republicans will oppose the offer. But critics say the offer is too \
             small. The U.S. said Monday it will ease the rules.",
        ),
        (
            "Evening Courier",
            "The offer divides senators",
            "Democrats hailed her comfortable win as a sign the offer would pass, and \
             Manchin said in his own statement that the offer was fine.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["offer"]);
    assert_eq!(
        voices(column(&c, "daily-ledger")),
        [
            ("Tammy Baldwin".to_string(), "person".to_string()),
            ("Biden".into(), "person".into()),
            ("Mitch McConnell".into(), "person".into()),
            ("critics".into(), "unnamed".into()),
            ("U.S.".into(), "institution".into()),
        ]
    );
    // "hailed her win": the pronoun is the object's, so Democrats are no person.
    assert_eq!(
        voices(column(&c, "evening-courier")),
        [
            ("Democrats".to_string(), "institution".to_string()),
            ("Manchin".into(), "person".into()),
        ]
    );
}

#[test]
fn tone_scores_the_outlets_words_not_names_quotes_or_fixed_expressions() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Court ruling on tax credit",
            "The Supreme Court sent the tax credit case back to the lower court. \"This is \
             a terrible, awful ruling,\" the plaintiff said. The court reviewed 86 claims. \
             The ruling was a welcome relief for families.",
        ),
        (
            "Evening Courier",
            "Tax credit ruling",
            "The new book Peril describes the tax credit fight. Peril describes a lower \
             court in chaos, a novel coronavirus and the grand jury.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["tax", "credit"]);
    let ledger = tone_words(column(&c, "daily-ledger"));
    assert_eq!(
        ledger,
        ["relief", "welcome"],
        "only the outlet's own evaluative words"
    );
    let courier = tone_words(column(&c, "evening-courier"));
    assert!(courier.contains(&"chaos".to_string()), "{courier:?}");
    for word in ["peril", "lower", "credit", "novel", "grand"] {
        assert!(
            !courier.contains(&word.to_string()),
            "{word}: not the book's title, nor fixed expressions: {courier:?}"
        );
    }
}

/// (text, outlets sharing it) of each passage of an outlet's column.
fn passages(col: &Value) -> Vec<(String, Vec<String>)> {
    col["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let with = p["shared_with"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap().to_string())
                .collect();
            (p["text"].as_str().unwrap().to_string(), with)
        })
        .collect()
}

#[test]
fn only_here_means_no_other_outlet_carries_the_claim_and_paraphrases_have_passages() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Colin Powell dies at 84",
            "Colin Powell, the former secretary of state, died on Monday of complications \
             from Covid-19. Powell was fully vaccinated, his family said.",
        ),
        (
            "Evening Courier",
            "Colin Powell dies of Covid complications",
            "Colin Powell died on Monday of complications from Covid-19. Powell, who had \
             been fully vaccinated against the virus, was 84. He had also been treated for \
             multiple myeloma, a cancer of the blood cells.",
        ),
        (
            "Morning Wire",
            "Colin Powell dies",
            "The first Black secretary of state passed away on Monday, aged 84, from \
             complications of Covid-19. He led the armed forces through the Gulf War.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["Powell"]);
    let ledger = passages(column(&c, "daily-ledger"));
    let vaccinated = ledger
        .iter()
        .find(|(t, _)| t.starts_with("Powell was fully vaccinated"))
        .unwrap_or_else(|| panic!("{ledger:#?}"));
    assert_eq!(
        vaccinated.1,
        ["evening-courier"],
        "the Courier says so too, in other words"
    );
    let died = ledger
        .iter()
        .find(|(t, _)| t.starts_with("Colin Powell, the former"))
        .unwrap_or_else(|| panic!("{ledger:#?}"));
    assert_eq!(died.1, ["evening-courier", "morning-wire"], "{ledger:#?}");
    // The Wire never writes "Powell" in its text: its column still shows the sentences
    // that tell the story, not "Passages none".
    let wire = passages(column(&c, "morning-wire"));
    assert!(
        wire.iter()
            .any(|(t, _)| t.starts_with("The first Black secretary of state")),
        "{wire:#?}"
    );
}

#[test]
fn the_party_and_the_court_refer_back_to_the_name_an_article_gave() {
    let d = sandbox(&[
        (
            "Daily Ledger",
            "Party congress opens",
            "The Chinese Communist Party opened its congress on Monday. The Party said the \
             congress would last a week. The Supreme Court of Freedonia was not involved, and \
             the Court declined to comment on the congress.",
        ),
        (
            "Evening Courier",
            "Congress of the CCP opens",
            "The CCP opened its congress on Monday, and the Supreme Court of Freedonia said \
             nothing about the congress.",
        ),
    ]);
    let (_, c) = compare_json(&d, &["congress"]);
    let ledger = column(&c, "daily-ledger");
    assert_eq!(
        named(ledger, "China"),
        [
            ("Chinese Communist Party".into(), 1),
            ("the Party".into(), 1)
        ],
        "{ledger:#}"
    );
    assert_eq!(
        named(ledger, "Supreme Court of Freedonia"),
        [
            ("Supreme Court of Freedonia".into(), 1),
            ("the Court".into(), 1)
        ]
    );
    assert_eq!(
        named(column(&c, "evening-courier"), "China"),
        [("Chinese Communist Party".into(), 2)],
        "CCP counts as the party's name"
    );
}
