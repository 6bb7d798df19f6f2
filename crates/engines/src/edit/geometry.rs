//! Output size, the decode canvas and the crop for `aspect_ratio`.

use serde::Serialize;

/// The short side for `resolution`.
pub fn short_side(resolution: &str) -> Option<u32> {
    match resolution {
        "720p" => Some(720),
        "1080p" => Some(1080),
        _ => None,
    }
}

/// `aspect_ratio` as width:height; `None` for `auto` (keep the source's).
pub fn aspect(value: &str) -> Option<Option<(u32, u32)>> {
    match value {
        "auto" => Some(None),
        "16:9" => Some(Some((16, 9))),
        "9:16" => Some(Some((9, 16))),
        "1:1" => Some(Some((1, 1))),
        "4:3" => Some(Some((4, 3))),
        "3:4" => Some(Some((3, 4))),
        _ => None,
    }
}

/// A frame shape the prompt can ask for: `aspect_ratio`'s shapes and Instagram's 4:5
/// portrait (and 5:4), which the request's field does not list.
pub fn prompt_aspect(value: &str) -> Option<(u32, u32)> {
    match value {
        "4:5" => Some((4, 5)),
        "5:4" => Some((5, 4)),
        other => aspect(other).flatten(),
    }
}

/// Sizes for one run. The decoder scales the source to the canvas (covering the output);
/// the crop window of output size is then taken from it at `crop_x`/`crop_y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Geometry {
    pub width: u32,
    pub height: u32,
    pub canvas_width: u32,
    pub canvas_height: u32,
    pub crop_x: u32,
    pub crop_y: u32,
    /// Canvas pixels per analysis pixel (even).
    #[serde(skip)]
    pub analysis_factor: u32,
}

fn even(value: f64) -> u32 {
    ((value / 2.0).round() as u32).max(1) * 2
}

impl Geometry {
    /// The frames the encoder takes.
    pub fn output_format(&self) -> recut_media::FrameFormat {
        recut_media::FrameFormat::new(self.width, self.height)
    }

    pub fn new(
        source_width: u32,
        source_height: u32,
        short: u32,
        aspect: Option<(u32, u32)>,
    ) -> Self {
        let ratio = match aspect {
            Some((w, h)) => f64::from(w) / f64::from(h),
            None => f64::from(source_width) / f64::from(source_height),
        };
        let (width, height) = if ratio >= 1.0 {
            (even(f64::from(short) * ratio), short)
        } else {
            (short, even(f64::from(short) / ratio))
        };
        let scale = (f64::from(width) / f64::from(source_width))
            .max(f64::from(height) / f64::from(source_height));
        let canvas_width = even(f64::from(source_width) * scale).max(width);
        let canvas_height = even(f64::from(source_height) * scale).max(height);
        let long = canvas_width.max(canvas_height);
        let analysis_factor = 2 * ((f64::from(long) / 800.0).round() as u32).max(1);
        Self {
            width,
            height,
            canvas_width,
            canvas_height,
            crop_x: (canvas_width - width) / 2 / 2 * 2,
            crop_y: (canvas_height - height) / 2 / 2 * 2,
            analysis_factor,
        }
    }

    pub fn crops(&self) -> bool {
        (self.canvas_width, self.canvas_height) != (self.width, self.height)
    }

    /// Places the window so the subject (bounds on the analysis grid, exclusive ends) is as
    /// centred as the canvas allows. Offsets stay multiples of the analysis factor, so the
    /// masks line up with the crop exactly.
    pub fn centre_on(&mut self, bounds: (usize, usize, usize, usize)) {
        let f = self.analysis_factor;
        let centre_x = (bounds.0 + bounds.2) as u32 * f / 2;
        let centre_y = (bounds.1 + bounds.3) as u32 * f / 2;
        let place = |centre: u32, window: u32, canvas: u32| {
            let max = canvas - window;
            let offset = centre.saturating_sub(window / 2).min(max);
            offset / f * f
        };
        self.crop_x = place(centre_x, self.width, self.canvas_width);
        self.crop_y = place(centre_y, self.height, self.canvas_height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_keeps_the_source_aspect_at_the_short_side() {
        let g = Geometry::new(320, 240, 720, None);
        assert_eq!(
            (g.width, g.height, g.canvas_width, g.canvas_height),
            (960, 720, 960, 720)
        );
        assert!(!g.crops());
        let portrait = Geometry::new(1080, 1920, 720, None);
        assert_eq!((portrait.width, portrait.height), (720, 1280));
    }

    #[test]
    fn aspect_crop_covers_the_window_and_follows_the_subject() {
        let mut g = Geometry::new(1920, 1080, 720, Some((9, 16)));
        assert_eq!((g.width, g.height), (720, 1280));
        assert_eq!((g.canvas_width, g.canvas_height), (2276, 1280));
        assert_eq!(g.crop_x, 778);
        g.centre_on((0, 0, 20, 20));
        assert_eq!(g.crop_x, 0);
        let f = g.analysis_factor as usize;
        g.centre_on((2276 / f - 10, 0, 2276 / f, 10));
        assert_eq!(g.crop_x % g.analysis_factor, 0);
        assert!(g.crop_x + g.width <= g.canvas_width && g.crop_x > 1400);
    }
}
