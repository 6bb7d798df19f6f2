//! Process-wide Prometheus metrics: counters and histograms keyed by name and labels,
//! rendered in the text exposition format. Small on purpose: the hot path is one mutex
//! lookup and an add, and gauges that live in the database (jobs by state, queue depth)
//! are read at scrape time by the caller instead of being mirrored here.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Mutex, OnceLock};

type Labels = Vec<(&'static str, String)>;

#[derive(Default)]
struct Registry {
    counters: BTreeMap<(&'static str, Labels), f64>,
    histograms: BTreeMap<(&'static str, Labels), Histogram>,
    help: BTreeMap<&'static str, &'static str>,
}

struct Histogram {
    bounds: &'static [f64],
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

fn registry() -> &'static Mutex<Registry> {
    static REG: OnceLock<Mutex<Registry>> = OnceLock::new();
    REG.get_or_init(Default::default)
}

/// Seconds buckets from a few milliseconds to an hour, for request and job durations.
pub const SECONDS_BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0,
    3600.0,
];

pub fn describe(name: &'static str, help: &'static str) {
    registry().lock().unwrap().help.insert(name, help);
}

pub fn inc(name: &'static str, labels: &[(&'static str, &str)], by: f64) {
    let key = (
        name,
        labels.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    );
    *registry()
        .lock()
        .unwrap()
        .counters
        .entry(key)
        .or_insert(0.0) += by;
}

pub fn observe(
    name: &'static str,
    labels: &[(&'static str, &str)],
    bounds: &'static [f64],
    value: f64,
) {
    let key = (
        name,
        labels.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    );
    let mut reg = registry().lock().unwrap();
    let h = reg.histograms.entry(key).or_insert_with(|| Histogram {
        bounds,
        counts: vec![0; bounds.len()],
        sum: 0.0,
        count: 0,
    });
    for (i, b) in h.bounds.iter().enumerate() {
        if value <= *b {
            h.counts[i] += 1;
        }
    }
    h.sum += value;
    h.count += 1;
}

/// Current value of a counter, for tests and health output.
pub fn counter_value(name: &'static str, labels: &[(&'static str, &str)]) -> f64 {
    let key = (
        name,
        labels
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Labels>(),
    );
    registry()
        .lock()
        .unwrap()
        .counters
        .get(&key)
        .copied()
        .unwrap_or(0.0)
}

fn fmt_labels(out: &mut String, labels: &[(&'static str, String)], extra: Option<(&str, String)>) {
    let mut parts: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
        .collect();
    if let Some((k, v)) = extra {
        parts.push(format!("{k}=\"{v}\""));
    }
    if !parts.is_empty() {
        let _ = write!(out, "{{{}}}", parts.join(","));
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A gauge computed at scrape time: name, help text and one value per label set.
pub type Gauge = (&'static str, &'static str, Vec<(Labels, f64)>);

/// Renders every metric, plus `gauges` computed by the caller at scrape time.
pub fn render(gauges: &[Gauge]) -> String {
    let reg = registry().lock().unwrap();
    let mut out = String::new();
    let mut last = "";
    for ((name, labels), value) in &reg.counters {
        if *name != last {
            if let Some(h) = reg.help.get(name) {
                let _ = writeln!(out, "# HELP {name} {h}");
            }
            let _ = writeln!(out, "# TYPE {name} counter");
            last = name;
        }
        out.push_str(name);
        fmt_labels(&mut out, labels, None);
        let _ = writeln!(out, " {value}");
    }
    for ((name, labels), h) in &reg.histograms {
        if *name != last {
            if let Some(help) = reg.help.get(name) {
                let _ = writeln!(out, "# HELP {name} {help}");
            }
            let _ = writeln!(out, "# TYPE {name} histogram");
            last = name;
        }
        for (i, b) in h.bounds.iter().enumerate() {
            let _ = write!(out, "{name}_bucket");
            fmt_labels(&mut out, labels, Some(("le", b.to_string())));
            let _ = writeln!(out, " {}", h.counts[i]);
        }
        let _ = write!(out, "{name}_bucket");
        fmt_labels(&mut out, labels, Some(("le", "+Inf".into())));
        let _ = writeln!(out, " {}", h.count);
        let _ = write!(out, "{name}_sum");
        fmt_labels(&mut out, labels, None);
        let _ = writeln!(out, " {}", h.sum);
        let _ = write!(out, "{name}_count");
        fmt_labels(&mut out, labels, None);
        let _ = writeln!(out, " {}", h.count);
    }
    for (name, help, series) in gauges {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (labels, v) in series {
            out.push_str(name);
            fmt_labels(&mut out, labels, None);
            let _ = writeln!(out, " {v}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_histograms_and_gauges() {
        inc(
            "test_requests_total",
            &[("route", "/a"), ("status", "200")],
            2.0,
        );
        observe("test_seconds", &[], &[0.1, 1.0], 0.5);
        let text = render(&[("test_depth", "queue depth", vec![(vec![], 3.0)])]);
        assert!(
            text.contains("test_requests_total{route=\"/a\",status=\"200\"} 2"),
            "{text}"
        );
        assert!(text.contains("test_seconds_bucket{le=\"0.1\"} 0"), "{text}");
        assert!(text.contains("test_seconds_bucket{le=\"1\"} 1"), "{text}");
        assert!(text.contains("test_depth 3"), "{text}");
    }
}
