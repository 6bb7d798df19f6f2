//! The per-frame pipeline a plan compiles to: crop the canvas, matte the subject, then run
//! the operations stage by stage. Pure Rust on owned buffers: the same inputs and seed give
//! the same bytes.

use recut_media::{Frame, FrameFormat};

use super::composite::{composite, grey_background, BackgroundBlur, Matte, Recolour, RegionGrade};
use super::faces::{Face, FaceDetector, FaceTrack};
use super::framing::CropPath;
use super::geometry::Geometry;
use super::mask::{upsample_mask, MaskTracker, Sample};
use super::ops::colour::{ColourCast, ColourTransform, HueSaturation, SelectiveColour, ToneKey};
use super::ops::style::{Cartoon, Halftone, OilPaint, PixelArt, Posterize, Sketch, Watercolour};
use super::ops::texture::{
    Blur, ChromaticAberration, Denoise, Flicker, GateWeave, Glitch, Glow, Grain, Letterbox,
    LightLeaks, Scratches, Sharpen, Vhs, Vignette,
};
use super::ops::{FrameInfo, FrameOp};
use super::person::{PersonMatte, PersonModels, PersonSegmenter};
use super::plan::{EditPlan, Operation, Painting, Stage};
use super::shots::{Matting, Shot};
use super::{clean_plate, CanvasPlate};

/// A subject-aware edit, ready to run.
pub enum SubjectEdit {
    Backdrop(Frame),
    /// The blur, and a moving camera's canvas-wide plate to cut each frame's plate from.
    BlurredBackdrop(Box<BackgroundBlur>, Option<CanvasPlate>),
    GreyBackground,
    Graded(Box<RegionGrade>),
    /// Per shot: a shot where the garment's colour was not found is left as it is.
    Recolour(Vec<Option<Recolour>>),
}

/// Subject matting for the main pass: each shot's own background model or the person model,
/// switched at its cut.
pub struct Subject {
    shots: Vec<ShotMatte>,
    /// The shot the last frame rendered belongs to.
    current: Option<usize>,
    /// One person model for every shot matted by it (its tensors take megabytes), its
    /// temporal state cleared at each cut.
    person: Option<PersonMatte>,
    /// The face detector and its track, when a recolour keeps to or off the heads.
    heads: Option<(FaceDetector, FaceTrack)>,
    /// The faces in the last frame.
    faces: Vec<Face>,
    edits: Vec<SubjectEdit>,
    /// A still camera's clean plate is cut per frame from the whole canvas's, as a moving
    /// camera's is: the crop window moves over it.
    plate_follows_crop: bool,
}

/// A frame's mask, where the frame sits on its background's canvas, its shot, the faces in
/// it, and the edits to apply.
type FrameMask<'a> = (
    &'a [u8],
    Option<&'a [u8]>,
    (f32, f32),
    usize,
    &'a [Face],
    &'a mut [SubjectEdit],
);

struct ShotMatte {
    start: u64,
    matting: ShotMatting,
}

enum ShotMatting {
    Background(Box<MaskTracker>),
    Person,
    /// A brief shot, left without the subject edits.
    None,
}

impl Subject {
    /// `people` must be given when a shot's matting is by person segmentation; `faces`
    /// only when a recolour keeps to or off the heads.
    pub fn new(
        shots: &[Shot],
        edits: Vec<SubjectEdit>,
        people: Option<&PersonModels>,
        faces: Option<FaceDetector>,
        geometry: &Geometry,
    ) -> Self {
        let heads = faces.map(|detector| (detector, FaceTrack::default()));
        let factor = geometry.analysis_factor;
        let grid = (
            (geometry.canvas_width / factor) as usize,
            (geometry.canvas_height / factor) as usize,
        );
        let person = people
            .filter(|_| {
                shots
                    .iter()
                    .any(|shot| matches!(shot.matting, Matting::Person))
            })
            .map(|people| PersonMatte::new(PersonSegmenter::new(people, grid.0, grid.1)));
        Self {
            shots: shots
                .iter()
                .map(|shot| ShotMatte {
                    start: shot.start,
                    matting: match &shot.matting {
                        Matting::Background(background) => {
                            ShotMatting::Background(Box::new(MaskTracker::new(background.clone())))
                        }
                        Matting::Person if person.is_some() => ShotMatting::Person,
                        Matting::Person | Matting::None => ShotMatting::None,
                    },
                })
                .collect(),
            current: None,
            person,
            heads,
            faces: Vec::new(),
            edits,
            plate_follows_crop: false,
        }
    }

    /// Per recolour, per shot: the colour it keys on (sRGB), `None` where the shot is left
    /// as it is.
    pub fn recolour_keys(&self) -> Vec<Vec<Option<[u8; 3]>>> {
        self.edits
            .iter()
            .filter_map(|edit| match edit {
                SubjectEdit::Recolour(per_shot) => Some(
                    per_shot
                        .iter()
                        .map(|recolour| recolour.as_ref().map(|r| r.key().rgb()))
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    /// The mask of frame `index` (its `sample`), where the frame sits on its background's
    /// canvas, and the edits; `None` in a brief shot. Crossing a cut starts the next shot's
    /// matting afresh and puts that shot's clean plate under a blur (none for person
    /// segmentation: the blur then fills in behind the subject from around it).
    fn mask(&mut self, index: u64, sample: &Sample, geometry: &Geometry) -> Option<FrameMask<'_>> {
        let shot = self
            .shots
            .iter()
            .rposition(|shot| shot.start <= index)
            .unwrap_or(0);
        if self.current != Some(shot) {
            self.current = Some(shot);
            let background = match &self.shots.get(shot)?.matting {
                ShotMatting::Background(tracker) => Some(tracker.background()),
                ShotMatting::Person => None,
                ShotMatting::None => return None,
            };
            if let (None, Some(person)) = (background, &mut self.person) {
                person.reset();
            }
            if let Some((_, track)) = &mut self.heads {
                track.reset();
                self.faces.clear();
            }
            for edit in &mut self.edits {
                if let SubjectEdit::BlurredBackdrop(blur, canvas) = edit {
                    *canvas = None;
                    match background {
                        Some(background) if background.moving || self.plate_follows_crop => {
                            *canvas = Some(CanvasPlate::new(background, geometry));
                        }
                        Some(background) => {
                            *blur.plate_mut() = clean_plate(background, geometry);
                        }
                        None => blur.without_plate(),
                    }
                }
            }
        }
        let Self {
            shots,
            person,
            heads,
            faces,
            edits,
            ..
        } = self;
        let (mask, soft, offset) = match &mut shots.get_mut(shot)?.matting {
            ShotMatting::Background(tracker) => {
                tracker.next(sample);
                let offset = tracker.offset();
                (tracker.mask(), None, offset)
            }
            ShotMatting::Person => {
                let person = person.as_mut()?;
                person.next(sample);
                let person: &PersonMatte = person;
                (person.mask(), Some(person.soft()), (0.0, 0.0))
            }
            ShotMatting::None => return None,
        };
        // Heads move little in a frame: every other frame's detection, held in between,
        // halves the detector's cost (about 5 ms a frame).
        if let Some((detector, track)) = heads {
            if index.is_multiple_of(2) {
                *faces = track.update(&detector.detect(sample, mask));
            }
        }
        Some((mask, soft, offset, shot, faces, edits))
    }
}

enum Step {
    Colour(Box<ColourTransform>),
    Op(Box<dyn FrameOp>),
}

pub struct Renderer {
    geometry: Geometry,
    /// Where the crop window sits in each frame, when it follows the subject.
    path: Option<CropPath>,
    seed: u64,
    scale: f32,
    subject: Option<Subject>,
    matte: Matte,
    /// The matte of a recoloured item's part of the subject (off or on the heads).
    garment: Matte,
    steps: Vec<Step>,
}

impl Renderer {
    /// `subject` must be given when the plan has subject-aware operations; its edits are
    /// built by the engine (they need the reference image and what the first pass measured).
    /// `cast` is the clip's colour cast, measured on the first pass for a white balance, and
    /// `tone_key` its mid-tone, measured there for a change of contrast.
    pub fn new(
        plan: &EditPlan,
        geometry: Geometry,
        seed: u64,
        subject: Option<Subject>,
        cast: Option<&ColourCast>,
        tone_key: ToneKey,
    ) -> Self {
        let mut steps = Vec::new();
        let colour_ops: Vec<&Operation> = plan
            .operations()
            .filter(|operation| operation.stage() == Stage::Colour)
            .collect();
        // Grain on a picture without colour is silver grain, without colour speckles:
        // "black and white with heavy grain" must stay black and white.
        let colourless = plan.operations().any(|operation| {
            matches!(
                operation,
                Operation::Monochrome { .. }
                    | Operation::Duotone { .. }
                    | Operation::Halftone { .. }
                    | Operation::Sketch { colour: false, .. }
            )
        });
        let mut colour_added = false;
        for (index, operation) in plan.operations().enumerate() {
            let key = index as u64;
            let op: Box<dyn FrameOp> = match operation {
                Operation::ReplaceBackground { .. }
                | Operation::Recolour { .. }
                | Operation::GradeSubject { .. } => continue,
                operation if operation.stage() == Stage::Colour => {
                    if !colour_added {
                        colour_added = true;
                        if let Some(transform) =
                            ColourTransform::measured(colour_ops.iter().copied(), cast, &tone_key)
                        {
                            steps.push(Step::Colour(Box::new(transform)));
                        }
                    }
                    continue;
                }
                Operation::Denoise { strength } => Box::new(Denoise::new(*strength)),
                Operation::Cartoon { strength, comic } => Box::new(Cartoon::new(*strength, *comic)),
                Operation::Sketch { strength, colour } => {
                    Box::new(Sketch::new(key, *strength, *colour))
                }
                Operation::Painting {
                    style: Painting::OilPaint,
                    strength,
                } => Box::new(OilPaint::new(*strength)),
                Operation::Painting {
                    style: Painting::Watercolour,
                    strength,
                } => Box::new(Watercolour::new(key, *strength)),
                Operation::Posterize { levels } => Box::new(Posterize::new(*levels)),
                Operation::PixelArt { pixel_size } => Box::new(PixelArt::new(*pixel_size)),
                Operation::Halftone { dot_size } => Box::new(Halftone::new(*dot_size)),
                Operation::SelectiveColour { keep } => Box::new(SelectiveColour::new(keep)),
                Operation::HueSaturation { colour, amount } => {
                    Box::new(HueSaturation::new(colour, *amount))
                }
                Operation::Sharpen { strength } => Box::new(Sharpen::new(*strength)),
                Operation::Blur { strength } => Box::new(Blur::new(*strength)),
                Operation::Vhs { strength } => Box::new(Vhs::new(key, *strength)),
                Operation::Glitch { strength } => Box::new(Glitch::new(key, *strength)),
                Operation::GateWeave { strength } => Box::new(GateWeave::new(key, *strength)),
                Operation::Flicker { strength } => Box::new(Flicker::new(key, *strength)),
                Operation::LightLeaks { strength } => Box::new(LightLeaks::new(key, *strength)),
                Operation::DustAndScratches { strength } => {
                    Box::new(Scratches::new(key, *strength))
                }
                Operation::Grain { strength, size } => {
                    Box::new(Grain::new(key, *strength, *size).without_colour(colourless))
                }
                Operation::Vignette { strength } => Box::new(Vignette::new(*strength)),
                Operation::Glow { strength } => Box::new(Glow::new(*strength)),
                Operation::ChromaticAberration { strength } => {
                    Box::new(ChromaticAberration::new(*strength))
                }
                Operation::Letterbox { ratio } => Box::new(Letterbox::new(*ratio)),
                Operation::Look { .. }
                | Operation::Monochrome { .. }
                | Operation::Exposure { .. }
                | Operation::Contrast { .. }
                | Operation::Saturation { .. }
                | Operation::Tint { .. }
                | Operation::CounterTint { .. }
                | Operation::SplitTone { .. }
                | Operation::Duotone { .. }
                | Operation::Fade { .. }
                | Operation::Shadows { .. }
                | Operation::Highlights { .. }
                | Operation::Midtones { .. }
                | Operation::ToneSaturation { .. }
                | Operation::WhiteBalance { .. }
                | Operation::KeepSkinTones { .. }
                | Operation::Invert => {
                    unreachable!("colour operations are fused above")
                }
            };
            steps.push(Step::Op(op));
        }
        Self {
            geometry,
            path: None,
            seed,
            scale: geometry.width.min(geometry.height) as f32 / 720.0,
            subject,
            matte: Matte::default(),
            garment: Matte::default(),
            steps,
        }
    }

    /// Moves the crop window along `path` (from the first pass) instead of keeping it where
    /// the geometry has it.
    pub fn following(mut self, path: CropPath) -> Self {
        if path.moves() {
            if let Some(subject) = &mut self.subject {
                subject.plate_follows_crop = true;
            }
            self.path = Some(path);
        }
        self
    }

    pub fn output_format(&self) -> FrameFormat {
        self.geometry.output_format()
    }

    /// Renders output frame `index` from a decoded canvas frame.
    pub fn render(&mut self, canvas: &Frame, out: &mut Frame, index: u64) {
        let geometry = match &self.path {
            Some(path) => {
                let (crop_x, crop_y) = path.at(index);
                Geometry {
                    crop_x,
                    crop_y,
                    ..self.geometry
                }
            }
            None => self.geometry,
        };
        crop(canvas, out, &geometry);
        let info = FrameInfo {
            index,
            seed: self.seed,
            scale: self.scale,
        };
        if let Some(subject) = &mut self.subject {
            let factor = geometry.analysis_factor as usize;
            let sample = Sample::from_frame(canvas, factor);
            // A brief shot gets the plan's other edits only.
            if let Some((mask, soft, offset, shot, faces, edits)) =
                subject.mask(index, &sample, &geometry)
            {
                let (mw, mh) = (sample.width, sample.height);
                let format = out.format();
                let g = &geometry;
                match soft {
                    Some(soft) => {
                        fill_matte(&mut self.matte, soft, 255, (mw, mh), factor, g, format)
                    }
                    None => fill_matte(&mut self.matte, mask, 1, (mw, mh), factor, g, format),
                }
                for edit in edits {
                    match edit {
                        SubjectEdit::Backdrop(backdrop) => composite(out, backdrop, &self.matte),
                        SubjectEdit::BlurredBackdrop(blur, canvas) => {
                            // The clean plate behind this frame is where it sits on the canvas.
                            if let Some(canvas) = canvas {
                                canvas.cut(&geometry, offset, blur.plate_mut());
                            }
                            blur.apply(out, &self.matte)
                        }
                        SubjectEdit::GreyBackground => grey_background(out, &self.matte),
                        SubjectEdit::Graded(graded) => graded.apply(out, &self.matte),
                        SubjectEdit::Recolour(per_shot) => {
                            let Some(recolour) = per_shot.get_mut(shot).and_then(Option::as_mut)
                            else {
                                continue;
                            };
                            match recolour.region().weights(faces, mw, mh) {
                                // The item's part of the subject: its own, narrower matte.
                                Some(weights) => {
                                    let kept: Vec<u8> = mask
                                        .iter()
                                        .zip(&weights)
                                        .map(|(&m, &w)| if m != 0 { w } else { 0 })
                                        .collect();
                                    fill_matte(
                                        &mut self.garment,
                                        &kept,
                                        255,
                                        (mw, mh),
                                        factor,
                                        g,
                                        format,
                                    );
                                    recolour.apply(out, &self.garment)
                                }
                                None => recolour.apply(out, &self.matte),
                            }
                        }
                    }
                }
            }
        }
        for step in &mut self.steps {
            match step {
                Step::Colour(transform) => transform.apply(out),
                Step::Op(op) => op.apply(out, &info),
            }
        }
    }
}

/// The output's matte at luma and chroma resolution from an analysis-grid mask whose value
/// `full` means "all subject".
fn fill_matte(
    matte: &mut Matte,
    mask: &[u8],
    full: u8,
    size: (usize, usize),
    factor: usize,
    g: &Geometry,
    format: FrameFormat,
) {
    matte.luma.resize(format.luma_len(), 0);
    matte.chroma.resize(format.chroma_len(), 0);
    upsample_mask(
        mask,
        full,
        size,
        factor as f32,
        (g.crop_x as f32, g.crop_y as f32),
        &mut matte.luma,
        (format.width as usize, format.height as usize),
    );
    upsample_mask(
        mask,
        full,
        size,
        factor as f32 / 2.0,
        ((g.crop_x / 2) as f32, (g.crop_y / 2) as f32),
        &mut matte.chroma,
        (
            format.chroma_width() as usize,
            format.chroma_height() as usize,
        ),
    );
}

/// Copies the output window out of the canvas.
fn crop(canvas: &Frame, out: &mut Frame, geometry: &Geometry) {
    let format = FrameFormat::new(geometry.width, geometry.height);
    if out.format() != format {
        out.reshape(format);
    }
    if canvas.format() == format {
        out.as_bytes_mut().copy_from_slice(canvas.as_bytes());
        return;
    }
    copy_window(
        canvas,
        out,
        geometry.crop_x as usize,
        geometry.crop_y as usize,
    );
}

/// Copies the window of `src` whose top-left is at (`x`, `y`) (both even) into `out`, which
/// sets the window's size.
pub(super) fn copy_window(src: &Frame, out: &mut Frame, x: usize, y: usize) {
    let (source, format) = (src.format(), out.format());
    let copy = |src: &[u8], dst: &mut [u8], src_width: usize, width: usize, x: usize, y: usize| {
        for (row, out_row) in dst.chunks_mut(width).enumerate() {
            let start = (y + row) * src_width + x;
            out_row.copy_from_slice(&src[start..start + width]);
        }
    };
    let (py, pu, pv) = out.planes_mut();
    copy(
        src.y(),
        py,
        source.width as usize,
        format.width as usize,
        x,
        y,
    );
    let (cw, scw) = (
        format.chroma_width() as usize,
        source.chroma_width() as usize,
    );
    copy(src.u(), pu, scw, cw, x / 2, y / 2);
    copy(src.v(), pv, scw, cw, x / 2, y / 2);
}
