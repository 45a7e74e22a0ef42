//! Damaged copies of a file, for the tests that no input makes a reader panic.

/// Variants of a text: cut at many places, its lines shuffled, a column dropped.
pub fn variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .collect();
    for cut in bounds.iter().step_by((bounds.len() / 25).max(1)) {
        out.push(text[..*cut].to_string());
    }
    let lines: Vec<&str> = text.lines().collect();
    for shift in 1..lines.len().max(1) {
        let mut shuffled = lines.clone();
        shuffled.rotate_left(shift);
        out.push(shuffled.join("\n"));
        let mut swapped = lines.clone();
        swapped.swap(0, shift);
        out.push(swapped.join("\r\n"));
    }
    let header_fields = lines.first().map_or(0, |h| h.split(',').count());
    for drop in 0..header_fields {
        out.push(
            lines
                .iter()
                .map(|l| {
                    l.split(',')
                        .enumerate()
                        .filter(|(i, _)| *i != drop)
                        .map(|(_, f)| f)
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    out
}
