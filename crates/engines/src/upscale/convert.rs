//! Frame-rate conversion and enhancement, frame by frame, synchronous: the CPU half of the
//! upscale pipeline (and what the benchmark drives directly).
//!
//! Output frame `i` sits at `i / target` seconds, between source frames `before` and
//! `before + 1` at some phase. Converting up, a phase clearly between the two is synthesised
//! by motion-compensated interpolation, unless the pair is a scene cut; converting down (or
//! at a phase within [`SNAP`] of a source frame) the nearest source frame is taken as it is,
//! which is the correct pick: nothing is blended, so no motion blur or ghosting is invented.

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
    /// Motion of the current pair, keyed by the index of its earlier frame.
    pair: Option<(u64, PairMotion)>,
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
            pair: None,
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
        let motion = match b {
            Some(b) if between || profile.needs_mask() => {
                if self.pair.as_ref().map(|(first, _)| *first) != Some(position.before) {
                    let motion = PairMotion::analyse(a, b, &profile.motion);
                    if motion.is_scene_cut() {
                        self.scene_cuts += 1;
                    }
                    self.pair = Some((position.before, motion));
                }
                self.pair.as_ref().map(|(_, motion)| motion)
            }
            _ => None,
        };

        let (mut out, field) = match (motion, b) {
            (Some(motion), Some(b)) if between && !motion.is_scene_cut() => {
                let field = motion.flow_at(phase);
                let mut out = self.pool.take(a.format());
                synthesize(motion, &field, a, b, phase, &mut out);
                self.interpolated += 1;
                (out, Some(field))
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
