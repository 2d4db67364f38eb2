//! Child processes that cannot outlive the test binary.
//!
//! The demo server and chromedriver live in `static`s (one per test binary), and Rust never drops
//! a `static`, so nothing in the test process can kill them at exit. Instead each one runs under a
//! tiny `sh` watchdog in its own process group that holds the read end of a pipe whose write end
//! is ours: when the test binary exits — normally, by panic or by abort — the pipe closes, and
//! the watchdog sends SIGTERM to the whole group (chromedriver's Chromium processes included) and
//! removes the scratch directory. No `unsafe` (`prctl`) needed.
//!
//! [`Guarded::stop`] returns only once the program has exited (SIGKILL after 10 s), so a second
//! server can start on the same data directory without two processes sharing the database; a
//! directory shared by two servers is not a scratch directory of either (see [`ScratchDir`]).

use crate::error::{HarnessError, HarnessResult};
use std::fs::File;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// `sh -c WATCHDOG sh SCRATCH PROGRAM ARGS…`: runs PROGRAM in the background and waits for it;
/// a second background job waits for end-of-file on the original stdin, then kills the group.
/// The main shell traps SIGTERM to wait for PROGRAM's own (graceful) exit, so whoever waits for
/// the shell waits for PROGRAM; one that outlives 10 s is killed.
const WATCHDOG: &str = r#"
scratch="$1"; shift
exec 3<&0
"$@" </dev/null &
pid=$!
trap 'wait "$pid"; exit 0' TERM
{
  trap '' TERM
  read _ <&3
  kill -TERM -$$ 2>/dev/null
  n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.2; n=$((n+1)); done
  kill -KILL "$pid" 2>/dev/null
  [ -n "$scratch" ] && rm -rf "$scratch"
} &
wait "$pid"
"#;

/// A program running under the watchdog, its output in a log file.
#[derive(Debug)]
pub struct Guarded {
    name: String,
    child: Child,
    lifeline: Option<ChildStdin>,
    log: PathBuf,
}

impl Guarded {
    /// Start `program args…` with stdout and stderr appended to `log` (a restart on the same
    /// directory keeps the earlier run's lines); `scratch` (if any) is deleted by the watchdog
    /// once the program is gone.
    pub fn spawn(
        name: &str,
        program: &Path,
        args: &[String],
        log: &Path,
        scratch: Option<&Path>,
    ) -> HarnessResult<Self> {
        let out = File::options()
            .create(true)
            .append(true)
            .open(log)
            .map_err(HarnessError::io(format!("{name}: cannot create log {}", log.display())))?;
        let err = out.try_clone().map_err(HarnessError::io(format!("{name}: log")))?;
        let scratch = scratch.map(|p| p.display().to_string()).unwrap_or_default();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg("sh")
            .arg(scratch)
            .arg(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(HarnessError::io(format!("{name}: cannot start {}", program.display())))?;
        let lifeline = child.stdin.take();
        Ok(Self { name: name.to_owned(), child, lifeline, log: log.to_owned() })
    }

    /// `Some(description)` once the program has exited (it should not, before [`Self::stop`]).
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(format!("{} exited ({status})", self.name)),
            Ok(None) => None,
            Err(e) => Some(format!("{}: {e}", self.name)),
        }
    }

    /// The last `lines` lines of the program's output, for failure messages.
    pub fn log_tail(&self, lines: usize) -> String {
        let mut text = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let all: Vec<&str> = text.lines().collect();
        let tail = all[all.len().saturating_sub(lines)..].join("\n");
        format!("--- last {lines} lines of {} ({}) ---\n{tail}", self.name, self.log.display())
    }

    /// Stop now: close the lifeline (the watchdog kills the group) and reap the watchdog.
    pub fn stop(&mut self) {
        self.lifeline.take();
        let _ = self.child.wait();
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> HarnessResult<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(HarnessError::io("no free port"))?;
    l.local_addr().map(|a| a.port()).map_err(HarnessError::io("no free port"))
}

/// A scratch directory owned by a test (not by a server): removed when dropped. Declare it before
/// the servers that use it, so they stop (and release the database) before it goes.
#[derive(Debug)]
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    /// A fresh, empty directory under the system temp dir, named after `prefix`.
    pub fn new(prefix: &str) -> HarnessResult<Self> {
        scratch_dir(prefix).map(Self)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh, empty directory under the system temp dir.
pub fn scratch_dir(prefix: &str) -> HarnessResult<PathBuf> {
    scratch_dir_in(&std::env::temp_dir(), prefix)
}

/// A fresh, empty directory in `parent`.
pub fn scratch_dir_in(parent: &Path, prefix: &str) -> HarnessResult<PathBuf> {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let dir = parent.join(format!("{prefix}-{}-{n}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(HarnessError::io(format!("cannot create {}", dir.display())))?;
    Ok(dir)
}

/// Plain blocking `GET path` on 127.0.0.1:`port` (HTTP/1.1; chromedriver refuses HTTP/1.0 and
/// keeps connections open, so the body is read by its length); the status code and body.
pub fn http_get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    use std::io::{BufRead, BufReader, Write};
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")?;
    let mut r = BufReader::new(s);
    let mut status = String::new();
    r.read_line(&mut status)?;
    let code = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (mut length, mut chunked) = (None, false);
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk)?;
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        r.read_exact(&mut body)?;
    } else {
        r.read_to_end(&mut body)?;
    }
    Ok((code, String::from_utf8_lossy(&body).into_owned()))
}

/// Poll `GET path` until it answers 200 (returning the body), the process dies, or `timeout`.
pub fn wait_ready(proc: &mut Guarded, port: u16, path: &str, timeout: Duration) -> HarnessResult<String> {
    let start = Instant::now();
    loop {
        if let Some(why) = proc.exited() {
            return Err(HarnessError::NotReady {
                what: format!("{why} before answering {path}"),
                log: proc.log_tail(40),
            });
        }
        let last = match http_get(port, path) {
            Ok((200, body)) => return Ok(body),
            Ok((code, body)) => format!("HTTP {code}: {}", body.chars().take(200).collect::<String>()),
            Err(e) => e.to_string(),
        };
        if start.elapsed() > timeout {
            return Err(HarnessError::NotReady {
                what: format!("{path} on port {port} not ready after {}s (last: {last})", timeout.as_secs()),
                log: proc.log_tail(40),
            });
        }
        // Polling a port that is not yet open: there is no event to wait on.
        std::thread::sleep(Duration::from_millis(100));
    }
}
