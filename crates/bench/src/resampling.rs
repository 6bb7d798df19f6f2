//! The resampling protocol: downscale by 2 (area), upscale back to the original size, and
//! compare with the original. Every method starts from the same low-resolution frames.
//! Besides PSNR-Y it reports sharpness (gradient energy, relative to the original's) and
//! ringing (mean overshoot beyond each pixel's 3x3 range in the original).

use std::path::Path;

use recut_engines::upscale::{EnhanceModel, Profile, SubjectDetection};
use recut_media::{Frame, FrameFormat, Media, Rational};

use crate::clips::{decode, write_lossless};
use crate::metrics::{gradient_energy, overshoot, psnr_y};

const RATE: Rational = Rational::integer(24);

#[derive(Debug, Clone)]
pub struct Score {
    pub method: String,
    pub psnr_y: f64,
    /// Gradient energy of the result over that of the original.
    pub sharpness: f64,
    pub overshoot: f64,
}

pub async fn run(media: &Media, originals: &[Frame], scratch: &Path) -> anyhow::Result<Vec<Score>> {
    let format = originals[0].format();
    let (w, h) = (format.width, format.height);
    let low_format = FrameFormat::new(w / 2, h / 2);
    let original_path = scratch.join("resample-original.mp4");
    write_lossless(media, &original_path, originals, RATE, None).await?;
    let (low, _) = decode(
        media,
        &original_path,
        Some(format!(
            "scale={}:{}:flags=area",
            low_format.width, low_format.height
        )),
        RATE,
        low_format,
        usize::MAX,
    )
    .await?;

    let low_path = scratch.join("resample-low.mp4");
    write_lossless(media, &low_path, &low, RATE, None).await?;

    let engine_filter = media.scale_filter(w, h).await?;
    let mut methods: Vec<(String, Option<EnhanceModel>, String)> = vec![
        (
            "ffmpeg bicubic".into(),
            None,
            format!("scale={w}:{h}:flags=bicubic"),
        ),
        (
            "ffmpeg lanczos".into(),
            None,
            format!("scale={w}:{h}:flags=lanczos"),
        ),
        (
            "zscale spline36".into(),
            None,
            format!("zscale=w={w}:h={h}:filter=spline36"),
        ),
        (
            "zscale lanczos".into(),
            None,
            format!("zscale=w={w}:h={h}:filter=lanczos"),
        ),
    ];
    for model in [
        EnhanceModel::Fidelity,
        EnhanceModel::Detail,
        EnhanceModel::Rhea,
        EnhanceModel::Iris,
    ] {
        methods.push((
            format!("Recut {}", model.name()),
            Some(model),
            engine_filter.clone(),
        ));
    }

    let mut scores = Vec::new();
    for (method, model, filter) in methods {
        let input = match model {
            Some(model) => {
                let profile = Profile::fixed(model, SubjectDetection::All);
                let enhanced: Vec<Frame> = low
                    .iter()
                    .map(|frame| {
                        let mut frame = frame.clone();
                        profile.enhancement.apply(&mut frame, None);
                        frame
                    })
                    .collect();
                let path = scratch.join("resample-enhanced.mp4");
                write_lossless(media, &path, &enhanced, RATE, None).await?;
                path
            }
            None => low_path.clone(),
        };
        let (up, _) = decode(media, &input, Some(filter), RATE, format, usize::MAX).await?;
        anyhow::ensure!(
            up.len() == originals.len(),
            "{method}: {} frames back",
            up.len()
        );
        let (ww, hh) = (w as usize, h as usize);
        let (mut psnr, mut energy, mut original_energy, mut ring) = (0.0, 0.0, 0.0, 0.0);
        for (out, original) in up.iter().zip(originals) {
            psnr += psnr_y(original.y(), out.y());
            energy += gradient_energy(out.y(), ww, hh);
            original_energy += gradient_energy(original.y(), ww, hh);
            ring += overshoot(out.y(), original.y(), ww, hh);
        }
        let n = up.len() as f64;
        scores.push(Score {
            method,
            psnr_y: psnr / n,
            sharpness: energy / original_energy,
            overshoot: ring / n,
        });
    }
    Ok(scores)
}
