//! Atomic output: write a temporary file in the target folder, fsync it, rename it over the
//! target. A failed or interrupted run never leaves a truncated file and never replaces a good
//! file with a broken one.
//!
//! The temporary is created with `O_EXCL` under a random name (the `tempfile` crate), so a
//! link planted in the output folder is never followed. It is named
//! `.<target>.gongwen.<pid>.<random>.tmp`: SIGINT and SIGTERM remove the temporaries in flight
//! ([`remove_temporaries_on_signals`]), and the first write into a folder removes those a
//! killed run (SIGKILL, a crash) left behind, recognised by a process id that no longer runs.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporaries being written, removed by the signal thread.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Folders already swept for stale temporaries in this process.
static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

const MARK: &str = ".gongwen.";

/// Writes `bytes` to `path` atomically. A file being replaced keeps its permissions; a new one
/// gets the usual `0666` less the umask.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output path has no file name",
        )
    })?;
    sweep_once(dir);
    let old_mode = fs::metadata(path).ok().map(|m| m.permissions());
    let prefix = format!(".{}{MARK}{}.", name.to_string_lossy(), std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = {
        // Created and registered under one lock: the signal thread sees every temporary.
        let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        let tmp = builder.tempfile_in(dir)?;
        live.push(tmp.path().to_path_buf());
        tmp
    };
    let tmp_path = tmp.path().to_path_buf();
    let result = (|| {
        if let Some(p) = old_mode {
            tmp.as_file().set_permissions(p)?;
        }
        tmp.as_file_mut().write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    // On an error the temporary was dropped, and so removed, inside the closure.
    LIVE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| *p != tmp_path);
    result
}

/// From now on SIGINT and SIGTERM remove the temporaries being written, then end the process
/// with the usual status (130, 143). For the command line; a library caller keeps its own
/// signal handling.
pub fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Holding the lock: no new temporary is created after this.
                let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
                for p in live.iter() {
                    let _ = fs::remove_file(p);
                }
                std::process::exit(128 + sig);
            }
        });
}

/// The process id in a temporary's name, if it is one of ours.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(MARK)?;
    let (pid, random) = tail.split_once('.')?;
    (random.len() == 8 && !random.contains('.')).then_some(())?;
    pid.parse().ok()
}

fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        // Without /proc we cannot tell: keep the file.
        true
    }
}

/// Removes the temporaries of our naming in `dir` whose process is gone, once per folder.
fn sweep_once(dir: &Path) {
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if !swept
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        // A link or a file; never a folder (remove_file does not follow links).
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir && !process_runs(pid) {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let p = dir.join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir).unwrap().count(), 1);
        let bad = dir.join("missing-folder").join("b.pdf");
        assert!(write_atomic(&bad, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_not_followed_and_the_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let victim = dir.join("victim");
        fs::write(&victim, "precious").unwrap();
        // The old predictable names, and a few guesses at the new ones.
        let pid = std::process::id();
        for name in [
            format!(".r.pdf.{pid}.tmp"),
            format!(".r.pdf{MARK}{pid}.tmp"),
        ] {
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
        let out = dir.join("r.pdf");
        fs::write(&out, "old").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&out, b"%PDF").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read(&out).unwrap(), b"%PDF");
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn stale_temporaries_of_a_dead_process_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        // Process ids above the kernel's maximum (4194304) never run.
        let stale = dir.join(format!(".r.pdf{MARK}99999999.abcdefgh.tmp"));
        let ours = dir.join(format!(".r.pdf{MARK}{}.abcdefgh.tmp", std::process::id()));
        let foreign = dir.join(".r.pdf.1234.tmp");
        for p in [&stale, &ours, &foreign] {
            fs::write(p, "x").unwrap();
        }
        write_atomic(&dir.join("r.pdf"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(ours.exists() && foreign.exists());
        assert_eq!(temporary_pid(".a.b.pdf.gongwen.42.AbCdEfGh.tmp"), Some(42));
        assert_eq!(temporary_pid("a.pdf"), None);
    }
}
