//! Running `dubao` in a real terminal: a tmux server of its own per test (so tests run in
//! parallel), keys sent with `send-keys`, screens read with `capture-pane`, waiting by
//! polling for what should appear, never by sleeping alone. The server is killed when the
//! test ends, also when it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use dubao::tui::app::Pane;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// How long a screen may take to show what a test waits for. Generous: a debug build on a
/// loaded two-core machine opens the index and jieba slowly.
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(40);

pub fn available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// An archive imported from `assets/sample` by the `dubao` binary, once per test binary.
pub fn imported_sample() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let archive = dir.path().join("archive");
        import(&archive, &super::sample_dir());
        (dir, archive)
    })
    .1
}

/// `dubao --archive ARCHIVE import FROM`, which must succeed.
pub fn import(archive: &Path, from: &Path) {
    let out = super::dubao()
        .arg("--archive")
        .arg(archive)
        .arg("import")
        .arg(from)
        .output()
        .expect("run dubao import");
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One tmux server with one pane.
pub struct Tmux {
    socket: String,
    /// The socket file, removed when the server is killed (tmux leaves it behind).
    socket_path: Option<PathBuf>,
    /// Holds the data, config and state directories, the wrapper script and what it writes.
    pub dir: tempfile::TempDir,
    pub width: u16,
    pub height: u16,
}

impl Tmux {
    /// A server on a socket named after the test, running `dubao ARGS…` in a pane of
    /// `width` × `height`. The pane's shell script runs dubao, then writes `stty -a` to
    /// `stty.txt` and prints `dubao exited N`, and stays so the pane can still be read.
    /// dubao's pid is in `pid` (it is exec'd by the shell that wrote it).
    pub fn dubao(name: &str, width: u16, height: u16, args: &[&str]) -> Tmux {
        Tmux::dubao_with_state(name, width, height, args, None)
    }

    /// Like [`Tmux::dubao`], with the reading state kept in `state` (to outlive this
    /// session, as it does between two runs) instead of in the session's own folder.
    pub fn dubao_with_state(
        name: &str,
        width: u16,
        height: u16,
        args: &[&str],
        state: Option<&Path>,
    ) -> Tmux {
        Tmux::dubao_with_env(name, width, height, args, state, &[])
    }

    /// Like [`Tmux::dubao_with_state`], with more variables in dubao's environment.
    pub fn dubao_with_env(
        name: &str,
        width: u16,
        height: u16,
        args: &[&str],
        state: Option<&Path>,
        env: &[(&str, &str)],
    ) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let state = state.map_or_else(|| d.join("state"), Path::to_path_buf);
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let args: Vec<String> = args.iter().map(|a| quote(a)).collect();
        let extra: String = env
            .iter()
            .map(|(k, v)| format!("export {k}={}\n", quote(v)))
            .collect();
        let script = format!(
            "cd {root}\n\
             export DUBAO_DATA_DIR={data} DUBAO_CONFIG_DIR={config} DUBAO_STATE_DIR={state}\n\
             unset DUBAO_ARCHIVE NO_COLOR\n\
             {extra}\
             sh -c 'echo $$ > {pid}; exec \"$0\" \"$@\"' {bin} {args}\n\
             status=$?\n\
             stty -a > {stty}\n\
             echo \"dubao exited $status\"\n\
             exec sleep 600\n",
            root = quote(&super::root().display().to_string()),
            data = quote(&d.join("data").display().to_string()),
            config = quote(&d.join("config").display().to_string()),
            state = quote(&state.display().to_string()),
            pid = quote(&d.join("pid").display().to_string()),
            bin = quote(env!("CARGO_BIN_EXE_dubao")),
            args = args.join(" "),
            stty = quote(&d.join("stty.txt").display().to_string()),
        );
        std::fs::write(d.join("run.sh"), script).expect("write the pane's script");
        let command = format!("sh {}", quote(&d.join("run.sh").display().to_string()));
        Tmux::start(name, width, height, &command, dir)
    }

    /// A server running `command` (a shell command line) in its one pane.
    pub fn start(
        name: &str,
        width: u16,
        height: u16,
        command: &str,
        dir: tempfile::TempDir,
    ) -> Tmux {
        let socket = format!("dubao-test-{}-{name}", std::process::id());
        // No user configuration; no status bar, so the pane is the whole window; OSC 52
        // from a program would set a paste buffer (a test checks that none does).
        let conf = dir.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g set-clipboard on\nset -g escape-time 0\n",
        )
        .expect("write tmux.conf");
        let mut tmux = Tmux {
            socket,
            socket_path: None,
            dir,
            width,
            height,
        };
        let out = tmux
            .command()
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .output()
            .expect("run tmux");
        assert!(out.status.success(), "tmux new-session: {}", stderr(&out));
        tmux.socket_path = Some(PathBuf::from(tmux.display("#{socket_path}")));
        tmux
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        // -u: UTF-8, whatever the locale of the machine running the tests.
        c.args(["-u", "-L", &self.socket]);
        // The server takes its environment from the first client; no terminal type of
        // the machine running the tests should matter.
        c.env("TERM", "xterm-256color");
        // Tests run from inside a tmux session still start servers of their own.
        c.env_remove("TMUX");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self.command().args(args).output().expect("run tmux");
        assert!(out.status.success(), "tmux {args:?}: {}", stderr(&out));
        out
    }

    /// Keys by tmux name (`Enter`, `Escape`, `C-o`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Text typed as it is (UTF-8 included).
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    /// The screen, one line a row, trailing spaces kept.
    pub fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-N", "-t", "0"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format expanded for the pane (`#{alternate_on}`, `#{pane_title}`).
    pub fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "0", format]);
        String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
    }

    /// Waits until the screen shows `needle`; returns that screen. Fails with the last
    /// screen when it does not show in time.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{needle:?} on screen"), timeout, |s| {
            s.contains(needle)
        })
    }

    /// Waits until `ready` holds for the screen, and the screen stays the same for one
    /// more poll (a frame can be caught half written); returns that screen.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        loop {
            let screen = self.capture();
            if ready(&screen) && screen == last {
                return screen;
            }
            last = screen.clone();
            if Instant::now() > deadline {
                panic!("waited {timeout:?} for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until a tmux format expands to `expected`.
    pub fn wait_display(&self, format: &str, expected: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.display(format);
            if value == expected {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "waited {timeout:?} for {format} to be {expected:?}, it is {value:?}; the screen:\n{}",
                    self.capture()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// dubao's pid, once the pane's script has written it.
    pub fn pid(&self) -> u32 {
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        loop {
            if let Ok(text) = std::fs::read_to_string(self.path("pid")) {
                if let Ok(pid) = text.trim().parse() {
                    return pid;
                }
            }
            assert!(Instant::now() < deadline, "dubao never started");
            std::thread::sleep(POLL);
        }
    }

    /// The paste buffers tmux holds (an OSC 52 from the pane would add one).
    pub fn buffers(&self) -> String {
        let out = self.run(&["list-buffers"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A captured screen as a buffer, after checking it has `height` rows of `width` columns:
/// the checks of [`super::screen`] then apply to what a real terminal showed.
pub fn as_buffer(screen: &str, width: u16, height: u16) -> Buffer {
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), usize::from(height), "rows:\n{screen}");
    for (y, row) in rows.iter().enumerate() {
        assert_eq!(
            row.width(),
            usize::from(width),
            "row {y} is {} columns wide:\n{screen}",
            row.width()
        );
    }
    Buffer::with_lines(rows)
}

/// Rows of the right width, and the panes of the layout for `focus` whole (except under
/// the overlay titled `overlay`, itself whole).
pub fn assert_aligned(screen: &str, width: u16, height: u16, focus: Pane, overlay: Option<&str>) {
    let buffer = as_buffer(screen, width, height);
    let covered = overlay.map(|title| super::screen::find_box(&buffer, title));
    if let Some(rect) = covered {
        super::screen::assert_box(&buffer, rect, None);
    }
    super::screen::assert_layout(&buffer, focus, covered);
}
