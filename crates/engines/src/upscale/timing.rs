//! Frame-rate conversion: where each output frame falls on the source's timeline, and the
//! window of decoded source frames around that point.
//!
//! Everything is exact rational arithmetic on frame indices: output frame `i` is at
//! `i / target` seconds, which is source position `i * source / target` (the decoder emits
//! the source at a constant rate, frame `k` at `k / source`).

use std::collections::VecDeque;

use recut_media::{Frame, Rational};

#[derive(Debug, Clone, Copy)]
pub struct RateConversion {
    /// Source frames per output frame, as `numerator / denominator`.
    numerator: u128,
    denominator: u128,
}

/// An output frame's position between two source frames: `before + phase`, `0 <= phase < 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePosition {
    pub before: u64,
    phase_numerator: u128,
    phase_denominator: u128,
}

impl RateConversion {
    pub fn new(source: Rational, target: Rational) -> Self {
        Self {
            numerator: u128::from(source.num) * u128::from(target.den),
            denominator: u128::from(source.den) * u128::from(target.num),
        }
    }

    pub fn position(&self, output_index: u64) -> SourcePosition {
        let scaled = u128::from(output_index) * self.numerator;
        SourcePosition {
            before: u64::try_from(scaled / self.denominator).unwrap_or(u64::MAX),
            phase_numerator: scaled % self.denominator,
            phase_denominator: self.denominator,
        }
    }
}

impl SourcePosition {
    /// Whether the later source frame is strictly nearer; a tie goes to the earlier one.
    pub fn nearer_to_later(&self) -> bool {
        2 * self.phase_numerator > self.phase_denominator
    }

    /// How far past `before` the position is, in [0, 1).
    pub fn phase(&self) -> f32 {
        (self.phase_numerator as f64 / self.phase_denominator as f64) as f32
    }
}

/// Output frames for a clip: `round(duration * fps)`.
pub fn output_frame_count(duration_seconds: f64, target: Rational) -> u64 {
    (duration_seconds * target.as_f64()).round().max(0.0) as u64
}

/// The decoded source frames at `before` and `before + 1`, the one either side of them
/// (which tell how the motion between the two accelerates), and the one after that (so the
/// pair after next can be analysed while this one's frame is made). Holds at most five
/// frames, whatever the clip's length; advancing only ever reads forward.
#[derive(Default)]
pub struct SourceWindow {
    frames: VecDeque<Frame>,
    /// Source index of `frames[0]`.
    first: u64,
    ended: bool,
}

/// What the window holds around a position. `later` is `None` past the end of the source;
/// `earlier` is then the last frame there is. `previous` and `next` are the frames before
/// `earlier` and after `later`, and `after_next` the one after `next`, where the source has
/// them.
pub struct Neighbours<'a> {
    pub earlier: &'a Frame,
    pub later: Option<&'a Frame>,
    pub previous: Option<&'a Frame>,
    pub next: Option<&'a Frame>,
    pub after_next: Option<&'a Frame>,
}

impl SourceWindow {
    /// Moves the window to `before`, taking frames from `pull` (`None` once the source has
    /// ended). `Ok(None)` when the source had no frames at all.
    pub fn around<E>(
        &mut self,
        before: u64,
        pull: &mut impl FnMut() -> Result<Option<Frame>, E>,
    ) -> Result<Option<Neighbours<'_>>, E> {
        let keep_from = before.saturating_sub(1);
        loop {
            // Frames before `before - 1` are never needed again; the last one read stays,
            // as the frame shown past the end of the source.
            while self.frames.len() > 1 && self.first < keep_from {
                self.frames.pop_front();
                self.first += 1;
            }
            let end = self.first + self.frames.len() as u64;
            if self.ended || (!self.frames.is_empty() && end > before + 3) {
                break;
            }
            match pull()? {
                Some(frame) => self.frames.push_back(frame),
                None => self.ended = true,
            }
        }
        let Some(last_frame) = self.frames.back() else {
            return Ok(None);
        };
        let last = self.first + self.frames.len() as u64 - 1;
        let at = |index: u64| {
            (self.first..=last)
                .contains(&index)
                .then(|| &self.frames[(index - self.first) as usize])
        };
        Ok(Some(if last > before {
            Neighbours {
                earlier: &self.frames[(before - self.first) as usize],
                later: at(before + 1),
                previous: before.checked_sub(1).and_then(at),
                next: at(before + 2),
                after_next: at(before + 3),
            }
        } else {
            Neighbours {
                earlier: last_frame,
                later: None,
                previous: None,
                next: None,
                after_next: None,
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nearest(conversion: RateConversion, outputs: u64) -> Vec<u64> {
        (0..outputs)
            .map(|i| {
                let position = conversion.position(i);
                position.before + u64::from(position.nearer_to_later())
            })
            .collect()
    }

    #[test]
    fn upsampling_repeats_the_nearest_frame() {
        // 15 -> 60: each source frame covers four outputs; at phase 1/2 the earlier one wins.
        let conversion = RateConversion::new(Rational::integer(15), Rational::integer(60));
        assert_eq!(nearest(conversion, 9), [0, 0, 0, 1, 1, 1, 1, 2, 2]);
        // 25 -> 30: output 3 is at source 2.5, a tie.
        let conversion = RateConversion::new(Rational::integer(25), Rational::integer(30));
        assert_eq!(nearest(conversion, 7), [0, 1, 2, 2, 3, 4, 5]);
    }

    #[test]
    fn downsampling_skips_frames() {
        let conversion = RateConversion::new(Rational::new(30000, 1001), Rational::integer(24));
        let picks = nearest(conversion, 48);
        assert_eq!(&picks[..6], &[0, 1, 2, 4, 5, 6]);
        assert_eq!(*picks.last().unwrap(), 59);
        assert!(picks.windows(2).all(|pair| pair[1] > pair[0]));
    }

    #[test]
    fn positions_are_exact() {
        let conversion = RateConversion::new(Rational::integer(24), Rational::integer(60));
        // Output 5 is source 2 exactly; output 3 is source 1.2 (6/5).
        let position = conversion.position(5);
        assert_eq!((position.before, position.phase_numerator), (2, 0));
        let position = conversion.position(3);
        assert_eq!(position.before, 1);
        assert_eq!(position.phase_numerator * 5, position.phase_denominator);
    }

    #[test]
    fn the_window_holds_the_pair_one_frame_before_and_two_after() {
        use recut_media::FrameFormat;
        // Five source frames, each marked with its index in its first luma byte.
        let mut source = (0u8..5).map(|index| {
            let mut frame = Frame::new(FrameFormat::new(16, 16));
            frame.planes_mut().0[0] = index;
            frame
        });
        let mut pulled = 0;
        let mut pull = || {
            pulled += 1;
            Ok::<_, std::convert::Infallible>(source.next())
        };
        let mut window = SourceWindow::default();
        let index = |frame: Option<&Frame>| frame.map(|frame| frame.y()[0]);
        let mut seen = Vec::new();
        for before in [0, 1, 1, 3, 4, 6] {
            let n = window.around(before, &mut pull).unwrap().unwrap();
            seen.push([
                index(n.previous),
                Some(n.earlier.y()[0]),
                index(n.later),
                index(n.next),
                index(n.after_next),
            ]);
            assert!(window.frames.len() <= 5);
        }
        assert_eq!(
            seen,
            [
                [None, Some(0), Some(1), Some(2), Some(3)],
                [Some(0), Some(1), Some(2), Some(3), Some(4)],
                [Some(0), Some(1), Some(2), Some(3), Some(4)],
                [Some(2), Some(3), Some(4), None, None],
                // Past the end: the last frame, alone.
                [None, Some(4), None, None, None],
                [None, Some(4), None, None, None],
            ]
        );
        // Five frames and the one pull that found the end.
        assert_eq!(pulled, 6);
    }

    #[test]
    fn frame_counts_round_the_duration() {
        assert_eq!(output_frame_count(2.0, Rational::integer(30)), 60);
        assert_eq!(output_frame_count(2.002, Rational::integer(24)), 48);
        assert_eq!(output_frame_count(1.99, Rational::integer(60)), 119);
        assert_eq!(output_frame_count(0.001, Rational::integer(24)), 0);
    }
}
