//! Arrows between two boxes, routed once for everything that draws a map: the BPMN
//! export's edges and the PDF map here, and the desktop canvas, which picks the same sides
//! with `facingHandles` (`ui/src/lib/geometry.ts`) and draws its own right-angled path
//! between them. A workspace test (`tests/routes.rs`) writes the sides this module picks
//! for every flow of every template to `ui/src/lib/fixtures/routes.json`, and a UI test
//! checks the canvas picks the same.
//!
//! **Sides.** An arrow whose target lies wholly to the right of its source leaves by the
//! source's right side and enters the target's left. Otherwise, when the boxes are on
//! different rows, it leaves by the side facing the target (bottom or top) and enters by
//! the target's side facing back. Boxes on one row that overlap along it are joined right
//! to left when the target's centre is not left of the source's, and a flow back along the
//! row (rework) leaves and enters by the bottom, looping underneath instead of overdrawing
//! the boxes between.
//!
//! **Waypoints.** Right angles only, starting at the middle of the exit side and ending at
//! the middle of the entry side. Where a path must go around, it keeps [`CLEARANCE`] from
//! the boxes.

use serde::Serialize;

use super::Rect;

/// How far a path runs clear of a box before it turns back around it: the offset of the
/// canvas's smooth-step edges.
pub const CLEARANCE: f64 = 24.0;

/// Two boxes whose vertical centre distance is within this of their half-heights added
/// together count as one row, so arrows between slightly offset neighbours still run
/// left to right.
const ROW_TOLERANCE: f64 = 8.0;

/// A side of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Top,
    Right,
    Bottom,
}

/// An arrow's path from one box to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The side of the source box the arrow leaves by.
    pub exit: Side,
    /// The side of the target box the arrow enters by.
    pub entry: Side,
    /// The path, from the middle of the exit side to the middle of the entry side: at
    /// least two points, consecutive ones differing in x or in y only (one straight
    /// segment when the two middles line up exactly).
    pub points: Vec<(f64, f64)>,
}

/// The sides an arrow from `from` to `to` leaves and enters by (see the module docs).
///
/// # Complexity
/// Constant.
pub fn sides(from: &Rect, to: &Rect) -> (Side, Side) {
    let dx = to.center_x() - from.center_x();
    let dy = to.center_y() - from.center_y();
    if dx > (from.width + to.width) / 2.0 {
        (Side::Right, Side::Left)
    } else if dy.abs() > (from.height + to.height) / 2.0 - ROW_TOLERANCE {
        if dy > 0.0 {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        }
    } else if dx >= 0.0 {
        (Side::Right, Side::Left)
    } else {
        (Side::Bottom, Side::Bottom)
    }
}

/// The arrow from `from` to `to`: its [`sides`] and right-angled waypoints between them.
///
/// Deterministic: the same boxes always give the same points.
///
/// # Complexity
/// Constant.
pub fn route(from: &Rect, to: &Rect) -> Route {
    let (exit, entry) = sides(from, to);
    let s = anchor(from, exit);
    let t = anchor(to, entry);
    let points = match (exit, entry) {
        (Side::Right, Side::Left) if t.0 >= s.0 => {
            if s.1 == t.1 {
                vec![s, t]
            } else {
                let mx = (s.0 + t.0) / 2.0;
                vec![s, (mx, s.1), (mx, t.1), t]
            }
        }
        // The boxes overlap along the row: out to the right, under both, in from the left.
        (Side::Right, Side::Left) => {
            let low = from.bottom().max(to.bottom()) + CLEARANCE;
            let (out, into) = (s.0 + CLEARANCE, t.0 - CLEARANCE);
            vec![s, (out, s.1), (out, low), (into, low), (into, t.1), t]
        }
        (Side::Bottom, Side::Top) | (Side::Top, Side::Bottom) => {
            if s.0 == t.0 {
                vec![s, t]
            } else {
                let my = (s.1 + t.1) / 2.0;
                vec![s, (s.0, my), (t.0, my), t]
            }
        }
        // Back along the row: under both boxes.
        _ => {
            let low = from.bottom().max(to.bottom()) + CLEARANCE;
            vec![s, (s.0, low), (t.0, low), t]
        }
    };
    Route {
        exit,
        entry,
        points,
    }
}

/// The middle of a side of `r`.
fn anchor(r: &Rect, side: Side) -> (f64, f64) {
    match side {
        Side::Left => (r.x, r.center_y()),
        Side::Right => (r.right(), r.center_y()),
        Side::Top => (r.center_x(), r.y),
        Side::Bottom => (r.center_x(), r.bottom()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    const STEP: (f64, f64) = (100.0, 80.0);

    fn step(x: f64, y: f64) -> Rect {
        rect(x, y, STEP.0, STEP.1)
    }

    #[test]
    fn a_step_to_the_right_on_the_same_row_is_one_straight_segment() {
        let r = route(&step(0.0, 40.0), &step(200.0, 40.0));
        assert_eq!((r.exit, r.entry), (Side::Right, Side::Left));
        assert_eq!(r.points, vec![(100.0, 80.0), (200.0, 80.0)]);
    }

    #[test]
    fn a_target_ahead_and_lower_turns_halfway() {
        let r = route(&step(0.0, 40.0), &step(200.0, 300.0));
        assert_eq!((r.exit, r.entry), (Side::Right, Side::Left));
        assert_eq!(
            r.points,
            vec![(100.0, 80.0), (150.0, 80.0), (150.0, 340.0), (200.0, 340.0)]
        );
    }

    #[test]
    fn a_target_straight_below_is_entered_from_the_top() {
        let r = route(&step(0.0, 40.0), &step(0.0, 300.0));
        assert_eq!((r.exit, r.entry), (Side::Bottom, Side::Top));
        assert_eq!(r.points, vec![(50.0, 120.0), (50.0, 300.0)]);
        let up = route(&step(30.0, 300.0), &step(0.0, 40.0));
        assert_eq!((up.exit, up.entry), (Side::Top, Side::Bottom));
        assert_eq!(
            up.points,
            vec![(80.0, 300.0), (80.0, 210.0), (50.0, 210.0), (50.0, 120.0)]
        );
    }

    #[test]
    fn rework_on_the_same_row_loops_underneath() {
        let r = route(&step(400.0, 40.0), &step(0.0, 50.0));
        assert_eq!((r.exit, r.entry), (Side::Bottom, Side::Bottom));
        let low = 130.0 + CLEARANCE;
        assert_eq!(
            r.points,
            vec![(450.0, 120.0), (450.0, low), (50.0, low), (50.0, 130.0)]
        );
    }

    #[test]
    fn a_diamond_centred_on_a_step_row_is_joined_straight() {
        let r = route(&step(0.0, 40.0), &rect(130.0, 55.0, 50.0, 50.0));
        assert_eq!(r.points, vec![(100.0, 80.0), (130.0, 80.0)]);
    }

    #[test]
    fn boxes_overlapping_by_under_eight_units_are_on_different_rows() {
        let a = step(0.0, 40.0);
        let barely = step(0.0, 40.0 + 80.0 - 7.0);
        assert_eq!(sides(&a, &barely), (Side::Bottom, Side::Top));
        let same_row = step(0.0, 40.0 + 80.0 - 9.0);
        assert_eq!(sides(&a, &same_row), (Side::Right, Side::Left));
    }

    #[test]
    fn overlapping_boxes_on_one_row_go_around_below() {
        let r = route(&step(0.0, 40.0), &step(60.0, 40.0));
        assert_eq!((r.exit, r.entry), (Side::Right, Side::Left));
        assert_eq!(r.points.first(), Some(&(100.0, 80.0)));
        assert_eq!(r.points.last(), Some(&(60.0, 80.0)));
        assert!(r.points.iter().any(|p| p.1 == 120.0 + CLEARANCE));
    }

    #[test]
    fn an_arrow_to_its_own_box_loops_around_it() {
        let b = step(0.0, 0.0);
        let r = route(&b, &b);
        assert_eq!((r.exit, r.entry), (Side::Right, Side::Left));
        assert_eq!(r.points.len(), 6);
    }

    fn on_side(r: &Rect, side: Side, p: (f64, f64)) -> bool {
        p == anchor(r, side)
    }

    proptest! {
        #[test]
        fn paths_are_right_angled_and_join_the_chosen_sides(
            ax in -2000.0..2000.0f64, ay in -2000.0..2000.0f64,
            bx in -2000.0..2000.0f64, by in -2000.0..2000.0f64,
            aw in 10.0..200.0f64, ah in 10.0..200.0f64,
            bw in 10.0..200.0f64, bh in 10.0..200.0f64,
        ) {
            let (a, b) = (rect(ax, ay, aw, ah), rect(bx, by, bw, bh));
            let r = route(&a, &b);
            prop_assert_eq!((r.exit, r.entry), sides(&a, &b));
            prop_assert!(r.points.len() >= 2);
            prop_assert!(on_side(&a, r.exit, r.points[0]));
            prop_assert!(on_side(&b, r.entry, r.points[r.points.len() - 1]));
            for w in r.points.windows(2) {
                prop_assert!(w[0].0 == w[1].0 || w[0].1 == w[1].1, "{:?}", r.points);
            }
            prop_assert_eq!(route(&a, &b), r);
        }
    }
}
