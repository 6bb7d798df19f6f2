//! The one way this crate runs ffmpeg and ffprobe.
//!
//! Every process gets piped stdio, `kill_on_drop`, a deadline, a cancellation token and a
//! permit from the media semaphore. A supervisor task owns the child: it drains stderr into a
//! small ring buffer (so a chatty ffmpeg can never block on a full stderr pipe), kills the
//! child when the deadline passes, the token fires or the [`Process`] handle is dropped, always
//! reaps it, and only then gives the permit back. Because the supervisor kills the child, a
//! caller blocked on stdin or stdout wakes up with EOF or EPIPE within milliseconds of a
//! cancellation; it then asks the handle why, and gets `Cancelled`, `Timeout` or the exit
//! status with the stderr tail, never a bare "broken pipe".
//!
//! Inputs are only ever opened through [`ProcessBuilder::input_file`] and
//! [`ProcessBuilder::input_stdin`], which pin ffmpeg's protocol whitelist so that a crafted
//! file (an HLS playlist, a concat list) cannot make it open a URL.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};
use tokio::sync::OwnedSemaphorePermit;
use tokio::task::JoinHandle;
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::error::{MediaError, ProcessFailure};

/// How much of stderr is kept for error reports. ffmpeg puts the reason for a failure last.
const STDERR_TAIL_BYTES: usize = 4096;

/// Upper bound for captured stdout (ffprobe JSON); anything larger is not a sane probe.
const STDOUT_CAPTURE_LIMIT: usize = 16 << 20;

/// How long a broken pipe waits for the process to exit before we stop waiting and kill it.
const EXIT_AFTER_PIPE_ERROR: Duration = Duration::from_secs(5);

/// Slot(s) of the media semaphore. Shared by the processes of one pipeline and released when
/// the last of them has been reaped.
pub(crate) type Permit = Arc<OwnedSemaphorePermit>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tool {
    Ffmpeg,
    Ffprobe,
}

impl Tool {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Tool::Ffmpeg => "ffmpeg",
            Tool::Ffprobe => "ffprobe",
        }
    }
}

pub(crate) struct ProcessBuilder {
    tool: Tool,
    program: PathBuf,
    args: Vec<OsString>,
    stdin: bool,
    stdout: bool,
    timeout: Duration,
}

impl ProcessBuilder {
    pub(crate) fn new(tool: Tool, program: &Path, timeout: Duration) -> Self {
        Self {
            tool,
            program: program.to_owned(),
            args: Vec::new(),
            stdin: false,
            stdout: false,
            timeout,
        }
    }

    pub(crate) fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub(crate) fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Opens a local file as the next input. The `file:` prefix stops a name such as
    /// `concat:a|b` or `http:x` from being read as a protocol.
    pub(crate) fn input_file(self, path: &Path) -> Self {
        let mut url = OsString::from("file:");
        url.push(path.as_os_str());
        self.args(["-protocol_whitelist", "file", "-i"]).arg(url)
    }

    /// Reads the next input from our end of the stdin pipe.
    pub(crate) fn input_stdin(mut self) -> Self {
        self.stdin = true;
        self.args(["-protocol_whitelist", "file,pipe", "-i", "pipe:0"])
    }

    pub(crate) fn piped_stdout(mut self) -> Self {
        self.stdout = true;
        self
    }

    pub(crate) fn spawn(
        self,
        permit: Permit,
        cancel: &CancellationToken,
    ) -> Result<Process, MediaError> {
        let program = self.tool.name();
        tracing::debug!(program, args = ?self.args, "spawning");

        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(if self.stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(if self.stdout {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| MediaError::Spawn { program, source })?;

        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take().expect("stderr is piped");
        let tail = Arc::new(Mutex::new(StderrTail::default()));
        let stop = CancellationToken::new();
        let supervisor = tokio::spawn(supervise(Supervised {
            child,
            stderr,
            tail: tail.clone(),
            cancel: cancel.clone(),
            stop: stop.clone(),
            timeout: self.timeout,
            permit,
        }));

        Ok(Process {
            tool: self.tool,
            timeout: self.timeout,
            stdin,
            stdout,
            supervisor,
            exit: None,
            tail,
            cancel: cancel.clone(),
            stop: stop.clone(),
            _stop_on_drop: stop.drop_guard(),
        })
    }

    /// Runs to completion and returns everything written to stdout.
    pub(crate) async fn capture_stdout(
        self,
        permit: Permit,
        cancel: &CancellationToken,
    ) -> Result<Vec<u8>, MediaError> {
        let mut process = self.piped_stdout().spawn(permit, cancel)?;
        let stdout = process.stdout.take().expect("stdout is piped");
        let mut out = Vec::new();
        let read = stdout
            .take(STDOUT_CAPTURE_LIMIT as u64 + 1)
            .read_to_end(&mut out)
            .await;
        if let Err(err) = read {
            return Err(process.pipe_error(err).await);
        }
        if out.len() > STDOUT_CAPTURE_LIMIT {
            process.kill().await;
            return Err(MediaError::Io {
                program: process.tool.name(),
                source: std::io::Error::other("output exceeds the capture limit"),
            });
        }
        process.wait().await?;
        Ok(out)
    }
}

/// Handle to a running process. Dropping it kills and reaps the process (in the background);
/// [`Process::kill`] does the same and waits for it.
pub(crate) struct Process {
    tool: Tool,
    timeout: Duration,
    stdin: Option<ChildStdin>,
    stdout: Option<ChildStdout>,
    supervisor: JoinHandle<Exit>,
    exit: Option<Exit>,
    tail: Arc<Mutex<StderrTail>>,
    cancel: CancellationToken,
    stop: CancellationToken,
    _stop_on_drop: DropGuard,
}

impl Process {
    pub(crate) fn program(&self) -> &'static str {
        self.tool.name()
    }

    pub(crate) fn take_stdin(&mut self) -> Option<ChildStdin> {
        self.stdin.take()
    }

    pub(crate) fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.stdout.take()
    }

    /// Fails fast once the token fired, before data still buffered in a pipe is used.
    pub(crate) async fn ensure_not_cancelled(&mut self) -> Result<(), MediaError> {
        if self.cancel.is_cancelled() {
            self.kill().await;
            return Err(MediaError::Cancelled);
        }
        Ok(())
    }

    /// Waits for the process to exit on its own and turns anything but success into an error.
    pub(crate) async fn wait(&mut self) -> Result<(), MediaError> {
        self.stdin = None;
        let exit = self.exit().await;
        self.check(&exit)
    }

    /// Kills the process (if still running) and waits until it has been reaped.
    pub(crate) async fn kill(&mut self) {
        self.stdin = None;
        self.stdout = None;
        self.stop.cancel();
        self.exit().await;
    }

    /// Explains a failed read or write on one of the pipes. A pipe breaks because the process
    /// died (or is dying): its exit says why much better than EPIPE does.
    pub(crate) async fn pipe_error(&mut self, err: std::io::Error) -> MediaError {
        let exit = match tokio::time::timeout(EXIT_AFTER_PIPE_ERROR, self.exit()).await {
            Ok(exit) => exit,
            Err(_) => {
                self.kill().await;
                Exit::Stopped
            }
        };
        match self.check(&exit) {
            Err(reason) => reason,
            Ok(()) => MediaError::Io {
                program: self.program(),
                source: err,
            },
        }
    }

    /// Cancel-safe: the supervisor handle is awaited by reference, so giving up half way (as
    /// `pipe_error` does) loses nothing.
    async fn exit(&mut self) -> Exit {
        if let Some(exit) = &self.exit {
            return exit.clone();
        }
        let exit = (&mut self.supervisor)
            .await
            .unwrap_or_else(|join| Exit::WaitFailed(join.to_string()));
        self.exit = Some(exit.clone());
        exit
    }

    fn check(&self, exit: &Exit) -> Result<(), MediaError> {
        let program = self.program();
        match exit {
            Exit::Exited(status) if status.success() => Ok(()),
            Exit::Exited(status) => {
                use std::os::unix::process::ExitStatusExt;
                Err(MediaError::ProcessFailed(ProcessFailure {
                    program,
                    exit_code: status.code(),
                    signal: status.signal(),
                    stderr_tail: self.stderr_tail(),
                }))
            }
            Exit::Cancelled => Err(MediaError::Cancelled),
            Exit::TimedOut => Err(MediaError::Timeout {
                program,
                timeout: self.timeout,
            }),
            // Only we stop a process early, and only when its output no longer matters.
            Exit::Stopped => Ok(()),
            Exit::WaitFailed(reason) => Err(MediaError::Io {
                program,
                source: std::io::Error::other(reason.clone()),
            }),
        }
    }

    pub(crate) fn stderr_tail(&self) -> String {
        self.tail
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .text()
    }
}

#[derive(Debug, Clone)]
enum Exit {
    Exited(ExitStatus),
    Cancelled,
    TimedOut,
    Stopped,
    WaitFailed(String),
}

struct Supervised {
    child: Child,
    stderr: ChildStderr,
    tail: Arc<Mutex<StderrTail>>,
    cancel: CancellationToken,
    stop: CancellationToken,
    timeout: Duration,
    permit: Permit,
}

async fn supervise(job: Supervised) -> Exit {
    let Supervised {
        mut child,
        stderr,
        tail,
        cancel,
        stop,
        timeout,
        permit,
    } = job;

    let drain = drain_stderr(stderr, tail);
    tokio::pin!(drain);
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    let mut drained = false;

    let exit = loop {
        tokio::select! {
            status = child.wait() => break match status {
                Ok(status) => Exit::Exited(status),
                Err(err) => Exit::WaitFailed(err.to_string()),
            },
            () = &mut drain, if !drained => drained = true,
            () = cancel.cancelled() => break kill(&mut child, Exit::Cancelled).await,
            () = stop.cancelled() => break kill(&mut child, Exit::Stopped).await,
            () = &mut deadline => break kill(&mut child, Exit::TimedOut).await,
        }
    };
    // The write end of stderr closed with the process; this only guards against a grandchild
    // that inherited it.
    if !drained {
        let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
    }
    drop(permit);
    exit
}

async fn kill(child: &mut Child, reason: Exit) -> Exit {
    // Fails only if the child already exited, which the wait below then reaps.
    let _ = child.start_kill();
    match child.wait().await {
        Ok(_) => reason,
        Err(err) => Exit::WaitFailed(err.to_string()),
    }
}

async fn drain_stderr(mut stderr: ChildStderr, tail: Arc<Mutex<StderrTail>>) {
    let mut buf = [0u8; 2048];
    loop {
        match stderr.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => tail
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(&buf[..n]),
        }
    }
}

/// The last [`STDERR_TAIL_BYTES`] bytes a process wrote to stderr.
#[derive(Default)]
struct StderrTail {
    bytes: VecDeque<u8>,
    truncated: bool,
}

impl StderrTail {
    fn push(&mut self, chunk: &[u8]) {
        self.bytes.extend(chunk);
        let excess = self.bytes.len().saturating_sub(STDERR_TAIL_BYTES);
        if excess > 0 {
            self.bytes.drain(..excess);
            self.truncated = true;
        }
    }

    /// Whole lines only: a line cut in half by the ring buffer is dropped.
    fn text(&self) -> String {
        let (front, back) = self.bytes.as_slices();
        let bytes = [front, back].concat();
        let text = String::from_utf8_lossy(&bytes);
        let text = match (self.truncated, text.find('\n')) {
            (true, Some(newline)) => &text[newline + 1..],
            _ => &text[..],
        };
        text.trim().to_owned()
    }
}

/// Asks the kernel for a bigger pipe so ffmpeg and Rust can run further apart without one
/// waiting on the other at every 64 KiB. Failure is harmless (the default size still works),
/// so it is ignored; unprivileged processes are capped at `/proc/sys/fs/pipe-max-size`.
pub(crate) fn enlarge_pipe(pipe: &impl std::os::fd::AsRawFd, wanted: usize) {
    #[cfg(target_os = "linux")]
    {
        let fd = pipe.as_raw_fd();
        for size in [wanted.clamp(64 << 10, 4 << 20), 1 << 20] {
            let size = libc::c_int::try_from(size).unwrap_or(libc::c_int::MAX);
            // SAFETY: F_SETPIPE_SZ on an fd we own only changes the pipe's kernel buffer.
            if unsafe { libc::fcntl(fd, libc::F_SETPIPE_SZ, size) } >= 0 {
                return;
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (pipe, wanted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_tail_keeps_the_last_whole_lines() {
        let mut tail = StderrTail::default();
        tail.push(b"first line\n");
        assert_eq!(tail.text(), "first line");

        for i in 0..1000 {
            tail.push(format!("line {i}\n").as_bytes());
        }
        let text = tail.text();
        assert!(text.len() <= STDERR_TAIL_BYTES);
        assert!(text.ends_with("line 999"));
        assert!(
            text.starts_with("line "),
            "partial first line must be dropped: {text:?}"
        );
        assert!(!text.contains("first line"));
    }

    #[test]
    fn stderr_tail_survives_invalid_utf8() {
        let mut tail = StderrTail::default();
        tail.push(b"bad \xff byte\n");
        assert_eq!(tail.text(), "bad \u{fffd} byte");
    }
}
