use std::path::Path;
use std::time::Duration;

/// Everything that can go wrong in the media layer.
///
/// The split that matters to callers is [`MediaError::is_client_error`]: when the input itself
/// is the problem (ffprobe or ffmpeg cannot read it, no video stream, zero length) the job is
/// failed for good and the user is told what is wrong; everything else is our fault and may be
/// retried. Messages are written for the end user; ones about the input never contain the
/// server-side path of the file.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// ffprobe could not open or parse the input.
    #[error("the input could not be read as audio, video or an image: {detail}")]
    Unreadable { detail: String },

    /// ffmpeg opened the input but failed while decoding it.
    #[error("the input video could not be decoded: {detail}")]
    Undecodable { detail: String },

    #[error("the input has no video stream")]
    NoVideoStream,

    #[error("the input has zero duration")]
    ZeroDuration,

    /// Readable, but outside what the pipeline handles (no frame rate, zero-sized frames).
    #[error("unsupported input: {0}")]
    Unsupported(String),

    #[error("{0}")]
    ProcessFailed(ProcessFailure),

    #[error("{program} did not finish within {} s and was killed", timeout.as_secs_f64())]
    Timeout {
        program: &'static str,
        timeout: Duration,
    },

    #[error("could not start {program}: {source}")]
    Spawn {
        program: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error("i/o error on the {program} pipe: {source}")]
    Io {
        program: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error("cancelled")]
    Cancelled,

    #[error("ffprobe output could not be understood: {0}")]
    ProbeOutput(String),

    /// The file ffmpeg produced is missing, empty or not what was asked for.
    #[error("output check failed: {0}")]
    BadOutput(String),
}

impl MediaError {
    /// True when the input is at fault, so retrying cannot help and the user should be told.
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Self::Unreadable { .. }
                | Self::Undecodable { .. }
                | Self::NoVideoStream
                | Self::ZeroDuration
                | Self::Unsupported(_)
        )
    }

    /// Stable identifier for logs, metrics and API error bodies.
    pub fn error_code(&self) -> &'static str {
        match self {
            Self::Unreadable { .. } => "media_unreadable",
            Self::Undecodable { .. } => "media_undecodable",
            Self::NoVideoStream => "media_no_video_stream",
            Self::ZeroDuration => "media_zero_duration",
            Self::Unsupported(_) => "media_unsupported",
            Self::ProcessFailed(_) => "media_process_failed",
            Self::Timeout { .. } => "media_process_timeout",
            Self::Spawn { .. } => "media_process_spawn_failed",
            Self::Io { .. } => "media_pipe_error",
            Self::Cancelled => "media_cancelled",
            Self::ProbeOutput(_) => "media_probe_output_invalid",
            Self::BadOutput(_) => "media_bad_output",
        }
    }

    /// Re-labels a process failure as the input's fault, keeping ffmpeg's own explanation but
    /// not the path the file has on this server. Killed-by-signal exits stay ours: that is the
    /// OOM killer or an operator, not a bad file.
    pub(crate) fn blame_input(self, input: &Path, label: fn(String) -> MediaError) -> MediaError {
        match self {
            Self::ProcessFailed(failure) if failure.exit_code.is_some() => {
                label(redact_path(&failure.to_string(), input))
            }
            other => other,
        }
    }
}

/// A process that exited unsuccessfully, with the end of what it wrote to stderr.
#[derive(Debug, Clone)]
pub struct ProcessFailure {
    pub program: &'static str,
    /// `Some(code)` for a normal exit, `None` when killed by a signal.
    pub exit_code: Option<i32>,
    pub signal: Option<i32>,
    /// The last few KiB of stderr, trimmed.
    pub stderr_tail: String,
}

impl std::fmt::Display for ProcessFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.exit_code, self.signal) {
            (Some(code), _) => write!(f, "{} exited with status {code}", self.program)?,
            (None, Some(signal)) => write!(f, "{} was killed by signal {signal}", self.program)?,
            (None, None) => write!(f, "{} exited unsuccessfully", self.program)?,
        }
        if !self.stderr_tail.is_empty() {
            write!(f, ": {}", self.stderr_tail)?;
        }
        Ok(())
    }
}

/// ffmpeg names the file in most of its errors; users should see "input", not our disk layout.
fn redact_path(text: &str, path: &Path) -> String {
    let path = path.to_string_lossy();
    if path.is_empty() {
        return text.to_owned();
    }
    text.replace(&format!("file:{path}"), "input")
        .replace(path.as_ref(), "input")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(exit_code: Option<i32>, signal: Option<i32>, tail: &str) -> MediaError {
        MediaError::ProcessFailed(ProcessFailure {
            program: "ffmpeg",
            exit_code,
            signal,
            stderr_tail: tail.to_owned(),
        })
    }

    #[test]
    fn process_failure_message_carries_status_and_stderr() {
        let err = failure(Some(1), None, "moov atom not found");
        assert_eq!(
            err.to_string(),
            "ffmpeg exited with status 1: moov atom not found"
        );
        assert!(!err.is_client_error());
        assert_eq!(
            failure(None, Some(9), "").to_string(),
            "ffmpeg was killed by signal 9"
        );
    }

    #[test]
    fn blaming_the_input_hides_the_server_path() {
        let path = Path::new("/var/lib/recut/jobs/42/input.mp4");
        let err = failure(
            Some(1),
            None,
            "file:/var/lib/recut/jobs/42/input.mp4: Invalid data found when processing input",
        )
        .blame_input(path, |detail| MediaError::Undecodable { detail });
        assert!(err.is_client_error());
        assert_eq!(err.error_code(), "media_undecodable");
        let message = err.to_string();
        assert!(!message.contains("/var/lib"), "{message}");
        assert!(message.contains("input: Invalid data found"), "{message}");
    }

    #[test]
    fn signals_and_timeouts_are_not_blamed_on_the_input() {
        let path = Path::new("/tmp/x.mp4");
        let killed = failure(None, Some(9), "")
            .blame_input(path, |detail| MediaError::Undecodable { detail });
        assert!(!killed.is_client_error());
        let timeout = MediaError::Timeout {
            program: "ffmpeg",
            timeout: Duration::from_secs(3),
        }
        .blame_input(path, |detail| MediaError::Undecodable { detail });
        assert!(!timeout.is_client_error());
        assert_eq!(
            timeout.to_string(),
            "ffmpeg did not finish within 3 s and was killed"
        );
    }

    #[test]
    fn client_errors_are_exactly_the_input_problems() {
        assert!(MediaError::NoVideoStream.is_client_error());
        assert!(MediaError::ZeroDuration.is_client_error());
        assert!(MediaError::Unsupported("x".into()).is_client_error());
        assert!(!MediaError::Cancelled.is_client_error());
        assert!(!MediaError::BadOutput("x".into()).is_client_error());
        let spawn = MediaError::Spawn {
            program: "ffprobe",
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert!(!spawn.is_client_error());
        assert_eq!(spawn.error_code(), "media_process_spawn_failed");
    }
}
