//! The SVG graph of one cluster: reports as numbered nodes on a circle,
//! shared identifiers as edges labelled by kind only. Drawn on the server
//! like the statistics charts (no script, no inline style).

use maud::{Markup, html};

use crate::domain::ReportId;
use crate::store::ClusterEdge;

const SIZE: f64 = 360.0;
const RADIUS: f64 = 130.0;
const NODE_R: f64 = 14.0;
const NODE_FILL: &str = "#1f6f8b";
const EDGE_STROKE: &str = "#888888";

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// The graph: `nodes` in order (numbered from 1), `edges` between them,
/// `kind_label` naming an edge's kind. `title` is read out by screen
/// readers, with the edges in words in `<desc>`.
pub fn cluster_graph(
    title: &str,
    nodes: &[ReportId],
    edges: &[ClusterEdge],
    kind_label: &dyn Fn(&ClusterEdge) -> String,
) -> Markup {
    let n = nodes.len().max(1) as f64;
    let at = |i: usize| {
        let angle = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (
            SIZE / 2.0 + RADIUS * angle.cos(),
            SIZE / 2.0 + RADIUS * angle.sin(),
        )
    };
    let index = |id: &ReportId| nodes.iter().position(|n| n == id);
    // One line per pair of reports, naming every kind they share.
    let mut drawn: Vec<(usize, usize, String)> = Vec::new();
    for e in edges {
        let (Some(a), Some(b)) = (index(&e.a), index(&e.b)) else {
            continue;
        };
        let label = kind_label(e);
        match drawn.iter_mut().find(|(x, y, _)| (*x, *y) == (a, b)) {
            Some((_, _, text)) if !text.split(", ").any(|k| k == label) => {
                text.push_str(", ");
                text.push_str(&label);
            }
            Some(_) => {}
            None => drawn.push((a, b, label)),
        }
    }
    let desc = drawn
        .iter()
        .map(|(a, b, k)| format!("{} – {}: {k}", a + 1, b + 1))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg.cluster-graph role="img" viewBox=(format!("0 0 {SIZE} {SIZE}")) width="100%"
            xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            desc { (desc) }
            @for (a, b, kind) in &drawn {
                @let (x1, y1) = at(*a);
                @let (x2, y2) = at(*b);
                line x1=(num(x1)) y1=(num(y1)) x2=(num(x2)) y2=(num(y2))
                    stroke=(EDGE_STROKE) stroke-width="2" { title { (kind) } }
                text.graph-edge x=(num((x1 + x2) / 2.0)) y=(num((y1 + y2) / 2.0 - 4.0))
                    font-size="10" text-anchor="middle" { (kind) }
            }
            @for i in 0..nodes.len() {
                @let (x, y) = at(i);
                circle cx=(num(x)) cy=(num(y)) r=(num(NODE_R)) fill=(NODE_FILL) {}
                text.graph-node x=(num(x)) y=(num(y + 4.0)) font-size="12" fill="#ffffff"
                    text-anchor="middle" { (i + 1) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::identifiers::LinkKind;

    #[test]
    fn the_graph_draws_every_report_and_labels_edges_by_kind_only() {
        let ids = [ReportId::new(), ReportId::new(), ReportId::new()];
        let edges = [
            ClusterEdge {
                a: ids[0],
                b: ids[1],
                kind: LinkKind::Phone,
            },
            ClusterEdge {
                a: ids[1],
                b: ids[2],
                kind: LinkKind::Company,
            },
        ];
        let svg =
            cluster_graph("Jaringan", &ids, &edges, &|e| e.kind.as_str().to_owned()).into_string();
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("<line").count(), 2);
        assert!(svg.contains("1 – 2: phone") && svg.contains("2 – 3: company"));
        let twice = [
            ClusterEdge {
                a: ids[0],
                b: ids[1],
                kind: LinkKind::Phone,
            },
            ClusterEdge {
                a: ids[0],
                b: ids[1],
                kind: LinkKind::Company,
            },
        ];
        let svg = cluster_graph("Jaringan", &ids[..2], &twice, &|e| {
            e.kind.as_str().to_owned()
        })
        .into_string();
        assert_eq!(svg.matches("<line").count(), 1, "one line per pair");
        assert!(svg.contains("1 – 2: phone, company"));
        for id in ids {
            assert!(!svg.contains(&id.to_string()) && !svg.contains(&id.short()));
        }
    }
}
