//! A clip's shots (its stretches between scene cuts), each with its own background model.
//!
//! Why: a background median only means something within one shot. Taken across a cut it
//! mixes two scenes, and every frame after the cut reads as mostly "subject": the composite
//! is garbage. The first pass sees every frame, so it finds the cuts exactly and samples each
//! shot on its own; the main pass switches model at each cut.
//!
//! A cut is where the typical pixel changes even after the camera's shift between the two
//! frames is taken out: the median absolute luma difference at the analysis size. Measured
//! on the shared clips: within shots it stays at or below 1 level on Megamind (animated,
//! panning) and 7 on tree.avi (real footage, leaves in the wind, everything moving); across
//! Megamind's four cuts in its first 10 s it is 11 to 21. Either chroma plane's median change
//! counts too ([`CHROMA_CUT_LEVEL`]): a cut between two scenes of the same brightness pattern
//! in different colours is no change of luma. A sudden change of light counts as
//! a cut too, rightly: the old background model is wrong after it either way. A dissolve
//! changes too little per frame to count; its frames get the blend of both scenes as their
//! background, as any slow change of light does.

use rayon::prelude::*;
use recut_media::Frame;

use super::align::{shift_between, typical_difference, Pyramid};
use super::even_spread;
use super::mask::{summarise, Background, MaskTracker, Sample, SubjectSummary, MAX_SAMPLES};
use super::ops::filters::downsample;
use super::person::{
    summarise_people, PersonMatte, PersonModels, PersonSegmenter, CHECKED_SAMPLES,
};

/// Median luma difference (levels) after alignment at or above which a new shot starts.
const CUT_LEVEL: f32 = 9.0;
/// The same for either chroma plane, for a cut to a scene of the same brightness pattern in
/// other colours. Within shots the median chroma change on the thumbnail is 0 on Megamind
/// and the walker clip and at most 1 on tree.avi; the test's hue-turned cut is 47.
const CHROMA_CUT_LEVEL: f32 = 6.0;
/// Cuts are looked for on a thumbnail about this wide: a cut changes the whole picture, and
/// aligning full analysis frames took a third of the first pass.
const CUT_WIDTH: usize = 128;
/// Samples held at once, over all shots, while the first pass runs.
const HELD: usize = 2 * MAX_SAMPLES;
/// A shot shorter than this (half a second at 24 fps) cannot show its background from
/// behind a moving subject. Its frames keep the plan's other edits but no subject-aware
/// one, and the result lists them.
const MIN_SHOT_FRAMES: u64 = 12;
/// Such brief shots may make up at most this share of the clip's frames; beyond it the job
/// fails instead of leaving so much of the clip without the edit asked for.
const MAX_BRIEF_SHARE: f64 = 0.1;

/// One shot's frames as the first pass sampled them.
#[derive(Debug)]
pub struct ShotSamples {
    /// Index of the shot's first frame.
    pub start: u64,
    pub frames: u64,
    /// Keeps every `stride`-th frame of the shot (from its first).
    stride: u64,
    pub samples: Vec<Sample>,
}

/// Splits the first pass's frames into shots and keeps an even spread of each shot's frames,
/// holding at most [`HELD`] samples at any time: when the store is full, the shot holding
/// the most drops every other sample and keeps only every second frame from then on. Short
/// shots so keep all their frames, long ones a spread.
#[derive(Default)]
pub struct ShotSampler {
    shots: Vec<ShotSamples>,
    previous: Option<Thumbnails>,
    luma: Vec<u8>,
    thumbnail: Vec<u8>,
    held: usize,
}

/// A frame reduced for the cut check: luma, and each chroma plane at the luma's size.
struct Thumbnails {
    luma: Pyramid,
    chroma: [Pyramid; 2],
}

impl ShotSampler {
    /// Takes the clip's next frame in order; `factor` reduces it to the analysis grid. Every
    /// frame's luma is reduced for the cut check, only the frames kept get their chroma.
    pub fn push(&mut self, frame: &Frame, factor: usize) {
        let (width, height) = Sample::luma(frame, factor, &mut self.luma);
        // The cut check runs on every frame, in line with the decoder: on a thumbnail.
        let reduce = (width / CUT_WIDTH).max(1);
        let (w, h) = downsample(&self.luma, width, height, reduce, &mut self.thumbnail);
        let luma = Pyramid::new(&self.thumbnail, w, h);
        // Chroma is half the frame's size: the same thumbnail needs half the reduction.
        let format = frame.format();
        let (cw, ch) = (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        );
        let chroma_reduce = (factor * reduce / 2).max(1);
        let chroma = [frame.u(), frame.v()].map(|plane| {
            let (tw, th) = downsample(plane, cw, ch, chroma_reduce, &mut self.thumbnail);
            Pyramid::new(&self.thumbnail, tw, th)
        });
        let thumbnails = Thumbnails { luma, chroma };
        let cut = self
            .previous
            .as_ref()
            .is_none_or(|previous| is_cut(previous, &thumbnails));
        self.previous = Some(thumbnails);
        if cut {
            let start = self.shots.last().map_or(0, |shot| shot.start + shot.frames);
            self.shots.push(ShotSamples {
                start,
                frames: 0,
                stride: 1,
                samples: Vec::new(),
            });
        }
        let shot = self.shots.last_mut().expect("a shot was just opened");
        let keep = shot.frames.is_multiple_of(shot.stride);
        shot.frames += 1;
        if !keep {
            return;
        }
        let mut sample = Sample::with_luma(frame, factor, self.luma.clone(), (width, height));
        sample.index = shot.start + shot.frames - 1;
        shot.samples.push(sample);
        self.held += 1;
        if self.held > HELD {
            let fullest = self
                .shots
                .iter_mut()
                .max_by_key(|shot| shot.samples.len())
                .expect("samples are held");
            let before = fullest.samples.len();
            let mut position = 0usize;
            fullest.samples.retain(|_| {
                position += 1;
                position % 2 == 1
            });
            fullest.stride *= 2;
            self.held -= before - fullest.samples.len();
        }
    }

    /// The shots in order, each with at most [`MAX_SAMPLES`] samples spread over it.
    pub fn finish(self) -> Vec<ShotSamples> {
        self.shots
            .into_iter()
            .map(|shot| ShotSamples {
                samples: even_spread(shot.samples, MAX_SAMPLES),
                ..shot
            })
            .collect()
    }
}

fn is_cut(previous: &Thumbnails, current: &Thumbnails) -> bool {
    let (width, height) = current.luma.size();
    let radius = (width.max(height) / 8) as f32;
    let shift = shift_between(&previous.luma, &current.luma, (0.0, 0.0), radius)
        .map_or((0.0, 0.0), |(shift, _)| shift);
    if typical_difference(&previous.luma, &current.luma, shift)
        .is_some_and(|typical| typical >= CUT_LEVEL)
    {
        return true;
    }
    // The chroma thumbnails can be a pixel off the luma's size: the shift still holds.
    previous.chroma.iter().zip(&current.chroma).any(|(a, b)| {
        typical_difference(a, b, shift).is_some_and(|typical| typical >= CHROMA_CUT_LEVEL)
    })
}

/// How a shot's subject is told from its background.
#[derive(Debug, Clone)]
pub enum Matting {
    /// The background model, for a still or panning camera and a subject that moves.
    Background(Background),
    /// The person segmentation model, frame by frame (`person.rs`).
    Person,
    /// No subject-aware edit: a brief shot (or one without a separable subject, when the
    /// job may go on without one).
    None,
}

/// One shot of the clip, for the main pass.
#[derive(Debug, Clone)]
pub struct Shot {
    pub start: u64,
    pub frames: u64,
    pub matting: Matting,
    /// The shot's samples with their foreground masks, for colour keys (none for a shot
    /// without a subject model).
    pub samples: Vec<(Sample, Vec<u8>)>,
}

impl Shot {
    pub fn background(&self) -> Option<&Background> {
        match &self.matting {
            Matting::Background(background) => Some(background),
            _ => None,
        }
    }
}

/// What the first pass learned of the clip's shots.
pub struct ShotModels {
    pub shots: Vec<Shot>,
    /// Whether every shot that needs one has a separable subject, and what it covers.
    pub summary: Result<SubjectSummary, String>,
}

/// Builds each shot's background model and checks its subject; where the background model
/// cannot separate one, or sees only part of a person, the person model (when there is one)
/// takes the shot. `fps` only words the errors.
pub fn model_shots(shots: Vec<ShotSamples>, fps: f64, people: Option<&PersonModels>) -> ShotModels {
    let total: u64 = shots.iter().map(|shot| shot.frames).sum();
    let several = shots.len() > 1;
    let seconds = |frame: u64| frame as f64 / fps.max(1.0);
    let frames: Vec<(u64, u64)> = shots.iter().map(|shot| (shot.start, shot.frames)).collect();
    // Shots are independent: both cores model them.
    let outcomes: Vec<Outcome> = shots
        .into_par_iter()
        .map(|shot| {
            if several && shot.frames < MIN_SHOT_FRAMES {
                Outcome::Brief
            } else {
                model_shot(shot.samples, people)
            }
        })
        .collect();
    let mut models = Vec::with_capacity(outcomes.len());
    let mut failure: Option<String> = None;
    let mut summaries: Vec<(SubjectSummary, u64)> = Vec::new();
    let mut brief = Vec::new();
    for (number, (outcome, &(start, frames))) in outcomes.into_iter().zip(&frames).enumerate() {
        let (matting, samples) = match outcome {
            Outcome::Brief => {
                brief.push((start, frames));
                (Matting::None, Vec::new())
            }
            Outcome::Modelled {
                matting,
                summary,
                samples,
            } => {
                summaries.push((summary, frames));
                (matting, samples)
            }
            Outcome::Failed(reason) => {
                if failure.is_none() {
                    failure = Some(if several {
                        format!(
                            "shot {} ({:.1}-{:.1} s) has {reason}",
                            number + 1,
                            seconds(start),
                            seconds(start + frames)
                        )
                    } else {
                        reason
                    });
                }
                (Matting::None, Vec::new())
            }
        };
        models.push(Shot {
            start,
            frames,
            matting,
            samples,
        });
    }
    let brief_frames: u64 = brief.iter().map(|(_, frames)| frames).sum();
    if failure.is_none() && brief_frames as f64 > MAX_BRIEF_SHARE * total as f64 {
        failure = Some(format!(
            "no separable subject: {} of the clip's {} shots are shorter than {MIN_SHOT_FRAMES} frames and together make up {:.0}% of it; a shot needs about half a second for its background to show from behind the subject",
            brief.len(),
            models.len(),
            100.0 * brief_frames as f64 / total.max(1) as f64
        ));
    }
    let summary = match failure {
        Some(reason) => Err(reason),
        None => combine(summaries),
    };
    ShotModels {
        shots: models,
        summary,
    }
}

/// What became of one shot.
enum Outcome {
    /// Too short to model.
    Brief,
    Modelled {
        matting: Matting,
        summary: SubjectSummary,
        /// Its samples with their masks, for colour keys.
        samples: Vec<(Sample, Vec<u8>)>,
    },
    /// No separable subject, and why.
    Failed(String),
}

/// The background model first; the person model where that fails or sees only part of a
/// person.
fn model_shot(mut samples: Vec<Sample>, people: Option<&PersonModels>) -> Outcome {
    let background = Background::from_samples(&mut samples);
    let mut tracker = MaskTracker::new(background);
    let classical = summarise(&mut tracker, &samples);
    let person = people.map(|people| find_people(people, &samples));
    let partial = match (&classical, &person) {
        (Ok((_, masks)), Some(Ok(found))) => sees_part_of_a_person(masks, found),
        _ => false,
    };
    match (classical, person) {
        (Ok((summary, masks)), _) if !partial => Outcome::Modelled {
            matting: Matting::Background(tracker.into_background()),
            summary,
            samples: samples.into_iter().zip(masks).collect(),
        },
        (_, Some(Ok(found))) => Outcome::Modelled {
            matting: Matting::Person,
            summary: found.summary,
            // The same spread `find_people` looked at.
            samples: even_spread(samples, CHECKED_SAMPLES)
                .into_iter()
                .zip(found.masks)
                .collect(),
        },
        (Err(reason), Some(Err(why))) => Outcome::Failed(format!("{reason}; {why}")),
        (Err(reason), _) => Outcome::Failed(reason),
        (Ok(_), _) => unreachable!("a partial mask needs a person found"),
    }
}

/// What the person model found in a spread of a shot's samples.
struct PeopleFound {
    summary: SubjectSummary,
    /// Which samples were looked at, and their person masks.
    checked: Vec<usize>,
    masks: Vec<Vec<u8>>,
}

fn find_people(people: &PersonModels, samples: &[Sample]) -> Result<PeopleFound, String> {
    let checked: Vec<usize> = even_spread((0..samples.len()).collect(), CHECKED_SAMPLES);
    let picked: Vec<&Sample> = checked.iter().map(|&i| &samples[i]).collect();
    let mut matte = PersonMatte::new(PersonSegmenter::new(
        people,
        picked[0].width,
        picked[0].height,
    ));
    let (summary, masks) = summarise_people(&mut matte, &picked)?;
    Ok(PeopleFound {
        summary,
        checked,
        masks,
    })
}

/// Whether the background model's masks are mostly inside the person the person model found,
/// and much smaller: it then sees only the parts of the person that move (a gesturing
/// speaker), and the person model is the better matte. A walker the background model
/// separates whole is as large as the person found, so keeps the background model, which
/// also separates what a person carries.
fn sees_part_of_a_person(masks: &[Vec<u8>], found: &PeopleFound) -> bool {
    let (mut background, mut person, mut both) = (0usize, 0usize, 0usize);
    for (&i, person_mask) in found.checked.iter().zip(&found.masks) {
        for (&b, &p) in masks[i].iter().zip(person_mask) {
            background += usize::from(b != 0);
            person += usize::from(p != 0);
            both += usize::from(b != 0 && p != 0);
        }
    }
    background > 0 && both * 10 >= background * 7 && background * 10 < person * 6
}

/// One summary for the clip: the shots' coverages weighted by their lengths, the union of
/// their subjects' bounds.
fn combine(summaries: Vec<(SubjectSummary, u64)>) -> Result<SubjectSummary, String> {
    let mut shots = summaries.into_iter();
    let (first, frames) = shots
        .next()
        .ok_or_else(|| "no separable subject: every shot is too brief to model".to_string())?;
    let mut weighted = f64::from(first.coverage) * frames as f64;
    let mut weight = frames as f64;
    let mut bounds = first.bounds;
    for (summary, frames) in shots {
        weighted += f64::from(summary.coverage) * frames as f64;
        weight += frames as f64;
        bounds = (
            bounds.0.min(summary.bounds.0),
            bounds.1.min(summary.bounds.1),
            bounds.2.max(summary.bounds.2),
            bounds.3.max(summary.bounds.3),
        );
    }
    Ok(SubjectSummary {
        coverage: (weighted / weight.max(1.0)) as f32,
        bounds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame of a plain picture with a bright square at `x`, on a background of `level`,
    /// each analysis pixel (at factor 2) a 2x2 block.
    fn picture(level: u8, x: usize) -> Frame {
        let (width, height) = (64, 48);
        let mut y = vec![level; width * height];
        for row in 10..30 {
            for column in x..x + 12 {
                y[row * width + column] = 235;
            }
        }
        // A texture, so the alignment has something to hold on to.
        for (i, value) in y.iter_mut().enumerate() {
            *value = value.saturating_add(((i * 7919) % 13) as u8);
        }
        let mut frame = Frame::new(recut_media::FrameFormat::new(
            2 * width as u32,
            2 * height as u32,
        ));
        let (py, pu, pv) = frame.planes_mut();
        for (i, p) in py.iter_mut().enumerate() {
            let (fx, fy) = (i % (2 * width), i / (2 * width));
            *p = y[(fy / 2) * width + fx / 2];
        }
        pu.fill(128);
        pv.fill(128);
        frame
    }

    #[test]
    fn shots_split_at_cuts_and_every_shot_keeps_a_spread() {
        let mut sampler = ShotSampler::default();
        // A long shot, a cut to a much darker scene, a 5-frame shot, a cut back.
        for frame in 0..300 {
            sampler.push(&picture(120, 4 + (frame % 40)), 2);
        }
        for frame in 0..5 {
            sampler.push(&picture(40, 4 + frame), 2);
        }
        for frame in 0..100 {
            sampler.push(&picture(200, 4 + (frame % 30)), 2);
        }
        let shots = sampler.finish();
        let found: Vec<(u64, u64)> = shots.iter().map(|s| (s.start, s.frames)).collect();
        assert_eq!(found, vec![(0, 300), (300, 5), (305, 100)]);
        assert_eq!(shots[1].samples.len(), 5, "a brief shot keeps every frame");
        for shot in &shots {
            assert!(shot.samples.len() <= MAX_SAMPLES);
        }
        assert!(shots[0].samples.len() >= MAX_SAMPLES / 2);
        assert!(shots[2].samples.len() >= MAX_SAMPLES / 2);
    }

    #[test]
    fn a_mask_of_the_moving_parts_of_a_person_gives_way_to_the_person() {
        let (w, h) = (40, 30);
        let rect = |x0: usize, y0: usize, x1: usize, y1: usize| -> Vec<u8> {
            (0..w * h)
                .map(|i| u8::from((x0..x1).contains(&(i % w)) && (y0..y1).contains(&(i / w))))
                .collect()
        };
        let found = |person: Vec<u8>| PeopleFound {
            summary: SubjectSummary {
                coverage: 0.3,
                bounds: (0, 0, w, h),
            },
            checked: vec![0, 2],
            masks: vec![person.clone(), person],
        };
        let person = found(rect(10, 5, 30, 30));
        // A hand and a mouth that move: small and inside the person.
        let slivers = vec![rect(12, 10, 16, 14); 3];
        assert!(sees_part_of_a_person(&slivers, &person));
        // A walker separated whole, a little larger than the person model's outline.
        let whole = vec![rect(9, 4, 31, 30); 3];
        assert!(!sees_part_of_a_person(&whole, &person));
        // Something else that moves, beside a person standing still.
        let beside = vec![rect(32, 5, 39, 15); 3];
        assert!(!sees_part_of_a_person(&beside, &person));
    }

    #[test]
    fn motion_within_a_shot_is_not_a_cut() {
        let mut sampler = ShotSampler::default();
        for frame in 0..60 {
            sampler.push(&picture(120, 4 + frame % 48), 2);
        }
        assert_eq!(sampler.finish().len(), 1);
    }
}
