//! Frame-rate conversion and enhancement, frame by frame, synchronous: the CPU half of the
//! upscale pipeline (and what the benchmark drives directly).
//!
//! Output frame `i` sits at `i / target` seconds, between source frames `before` and
//! `before + 1` at some phase. Converting up, a phase clearly between the two is synthesised
//! by motion-compensated interpolation, unless the pair is a scene cut; converting down (or
//! at a phase within [`SNAP`] of a source frame) the nearest source frame is taken as it is,
//! which is the correct pick: nothing is blended, so no motion blur or ghosting is invented.

use std::collections::VecDeque;

use recut_media::{Frame, FramePool, Rational};

use super::interpolate::{synthesize, PairMotion};
use super::mask::SubjectMask;
use super::profiles::{AutoChoice, EnhanceModel, Profile, SubjectDetection};
use super::timing::{RateConversion, SourceWindow};

/// Phases this close to a source frame show that frame: a 5% timing error is invisible, a
/// blend of two frames would not be.
const SNAP: f32 = 0.05;

pub struct Converter {
    conversion: RateConversion,
    /// The target is faster than the source, so in-between frames are synthesised.
    interpolate: bool,
    requested: EnhanceModel,
    subject: SubjectDetection,
    /// Resolved on the first frame (`auto` measures it).
    profile: Option<Profile>,
    /// Whether the enhancement runs on source frames as they arrive rather than on every
    /// output frame: decided with the profile (see [`Converter::resolve`]).
    enhance_sources: bool,
    /// The first source frame, pulled early to resolve the profile.
    first: Option<Frame>,
    auto_choice: Option<AutoChoice>,
    window: SourceWindow,
    /// Motion of the current pair and of those either side of it (whose flows give the
    /// current motion's acceleration), keyed by the index of each pair's earlier frame.
    motions: VecDeque<(u64, PairMotion)>,
    /// The pair whose scene cut, if any, was last counted.
    counted_pair: Option<u64>,
    /// The mask of the last frame that had motion, for frames past the last pair.
    last_mask: Option<SubjectMask>,
    interpolated: u64,
    scene_cuts: u64,
    /// Where output frames come from; whoever consumes them may hand them back.
    pool: FramePool,
}

/// Spare output frames kept for reuse: enough for the frames in flight between the stages.
const SPARE_FRAMES: usize = 12;

/// Counts for the job result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConversionStats {
    pub interpolated_frames: u64,
    pub scene_cuts: u64,
}

impl Converter {
    pub fn new(
        source: Rational,
        target: Rational,
        model: EnhanceModel,
        subject: SubjectDetection,
    ) -> Self {
        let interpolate = u64::from(target.num) * u64::from(source.den)
            > u64::from(source.num) * u64::from(target.den);
        Self {
            conversion: RateConversion::new(source, target),
            interpolate,
            requested: model,
            subject,
            profile: None,
            enhance_sources: false,
            first: None,
            auto_choice: None,
            window: SourceWindow::default(),
            motions: VecDeque::new(),
            counted_pair: None,
            last_mask: None,
            interpolated: 0,
            scene_cuts: 0,
            pool: FramePool::new(SPARE_FRAMES),
        }
    }

    /// The pool output frames are taken from: give written frames back to it (and take
    /// source frames from it) to spare an allocation per frame.
    pub fn pool(&self) -> FramePool {
        self.pool.clone()
    }

    /// The profile in use, once the first frame has been made.
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    pub fn auto_choice(&self) -> Option<&AutoChoice> {
        self.auto_choice.as_ref()
    }

    pub fn stats(&self) -> ConversionStats {
        ConversionStats {
            interpolated_frames: self.interpolated,
            scene_cuts: self.scene_cuts,
        }
    }

    /// Picks the profile from the first source frame. When up-converting with an unmasked
    /// enhancement, the enhancement runs once per source frame, before motion analysis,
    /// instead of once per output frame: at 2x up-conversion that halves its cost, and the
    /// in-between frames are made from enhanced frames just as the others are shown. (A
    /// masked enhancement needs each output frame's motion mask, so it stays per output.)
    fn resolve(&mut self, first: &Frame) -> Profile {
        let profile = if self.requested == EnhanceModel::Auto {
            let (profile, choice) = Profile::auto(first, self.subject);
            self.auto_choice = Some(choice);
            profile
        } else {
            Profile::fixed(self.requested, self.subject)
        };
        self.enhance_sources =
            self.interpolate && !profile.enhancement.is_none() && !profile.needs_mask();
        self.profile = Some(profile);
        profile
    }

    /// Makes output frame `index` (indices must not go backwards), reading source frames from
    /// `pull` as needed. `Ok(None)` when the source has no frames at all.
    pub fn frame<E>(
        &mut self,
        index: u64,
        pull: &mut impl FnMut() -> Result<Option<Frame>, E>,
    ) -> Result<Option<Frame>, E> {
        let position = self.conversion.position(index);
        let profile = match self.profile {
            Some(profile) => profile,
            None => {
                let Some(first) = pull()? else {
                    return Ok(None);
                };
                let profile = self.resolve(&first);
                self.first = Some(first);
                profile
            }
        };
        let on_sources = self.enhance_sources.then_some(profile.enhancement);
        let mut first = self.first.take();
        let mut source = || -> Result<Option<Frame>, E> {
            let frame = match first.take() {
                Some(frame) => Some(frame),
                None => pull()?,
            };
            Ok(frame.map(|mut frame| {
                if let Some(enhancement) = &on_sources {
                    enhancement.apply(&mut frame, None);
                }
                frame
            }))
        };
        let Some(neighbours) = self.window.around(position.before, &mut source)? else {
            return Ok(None);
        };
        let (a, b) = (neighbours.earlier, neighbours.later);

        let phase = position.phase();
        let between = self.interpolate && phase > SNAP && phase < 1.0 - SNAP;
        let pair = position.before;
        if let Some(b) = b.filter(|_| between || profile.needs_mask()) {
            // Pairs behind the one before this one are never needed again.
            self.motions.retain(|(first, _)| first + 1 >= pair);
            let motions = &mut self.motions;
            analyse_once(motions, pair, a, b, &profile);
            let cut = motion_of(motions, pair).is_some_and(PairMotion::is_scene_cut);
            if between && !cut {
                if let Some(previous) = neighbours.previous {
                    analyse_once(motions, pair - 1, previous, a, &profile);
                }
                if let Some(next) = neighbours.next {
                    analyse_once(motions, pair + 1, b, next, &profile);
                }
            }
            if self.counted_pair != Some(pair) {
                self.counted_pair = Some(pair);
                self.scene_cuts += u64::from(cut);
            }
        }
        let motion = b.and(motion_of(&self.motions, pair));

        let (mut out, field) = match (motion, b) {
            (Some(motion), Some(b)) if between && !motion.is_scene_cut() => {
                let next = motion_of(&self.motions, pair + 1);
                // The pair after next is analysed while this frame is made: the two halves
                // keep both cores busy where each alone leaves one idle part of the time
                // (the analysis's two flow directions, the warp's rows).
                let ahead = match (next, neighbours.after_next) {
                    (Some(next), Some(after_next))
                        if motion_of(&self.motions, pair + 2).is_none() =>
                    {
                        Some((next, after_next))
                    }
                    _ => None,
                };
                let mut out = self.pool.take(a.format());
                let (at, ahead) = rayon::join(
                    || {
                        let at = motion.motion_at(
                            phase,
                            pair.checked_sub(1)
                                .and_then(|previous| motion_of(&self.motions, previous)),
                            next,
                        );
                        synthesize(&at, a, b, phase, &mut out);
                        at
                    },
                    || {
                        ahead.map(|(next, after_next)| {
                            PairMotion::analyse_after(next, after_next, &profile.motion)
                        })
                    },
                );
                if let Some(ahead) = ahead {
                    self.motions.push_back((pair + 2, ahead));
                }
                self.interpolated += 1;
                (out, Some(at.pair_motion()))
            }
            _ => {
                let nearest = match b {
                    Some(b) if position.nearer_to_later() => b,
                    _ => a,
                };
                (
                    self.pool.copy_of(nearest),
                    motion.map(|motion| motion.forward().clone()),
                )
            }
        };

        let mask = if profile.needs_mask() {
            if let Some(field) = &field {
                let mask = SubjectMask::from_motion(field);
                self.last_mask = Some(match profile.subject {
                    SubjectDetection::Background => mask.inverted(),
                    _ => mask,
                });
            }
            self.last_mask.as_ref()
        } else {
            None
        };
        let skip = self.enhance_sources
            || (profile.needs_mask()
                && mask.is_none()
                && profile.subject == SubjectDetection::Foreground);
        if !skip {
            profile.enhancement.apply(&mut out, mask);
        }
        Ok(Some(out))
    }
}

/// The motion of pair `first` (source frames `first` and `first + 1`), if analysed.
fn motion_of(motions: &VecDeque<(u64, PairMotion)>, first: u64) -> Option<&PairMotion> {
    motions
        .iter()
        .find(|(index, _)| *index == first)
        .map(|(_, motion)| motion)
}

/// Analyses pair `first` from its frames `a` and `b`, unless that was done already.
fn analyse_once(
    motions: &mut VecDeque<(u64, PairMotion)>,
    first: u64,
    a: &Frame,
    b: &Frame,
    profile: &Profile,
) {
    if motion_of(motions, first).is_none() {
        // Pairs are mostly analysed in order: the one before shares `a` and its pyramid.
        let motion = match first
            .checked_sub(1)
            .and_then(|before| motion_of(motions, before))
        {
            Some(before) => PairMotion::analyse_after(before, b, &profile.motion),
            None => PairMotion::analyse(a, b, &profile.motion),
        };
        motions.push_back((first, motion));
    }
}
