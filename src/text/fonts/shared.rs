//! Font bytes that come from a file mapping: the font file itself (`FontOptions::map`), or on
//! Linux a memory file (`memfd`) the font was read into, so that the advance variants of a
//! face are private copy-on-write mappings of the same pages. A full copy per variant
//! (6 MB for a CJK face, up to four variants) cost a cold render more page faults than all
//! its other work. A memory file is the process's own: no other process can truncate it
//! under the mapping (which is why batches read font files rather than map them).

use std::fs::File;
use std::sync::Mutex;

/// The memory files, by the address of their shared mapping.
static FILES: Mutex<Vec<(usize, File)>> = Mutex::new(Vec::new());
/// The mappings, reachable for the process's life (as the read fonts are).
static MAPS: Mutex<Vec<&'static memmap2::Mmap>> = Mutex::new(Vec::new());

pub(super) fn keep(m: memmap2::Mmap) -> &'static [u8] {
    let m: &'static memmap2::Mmap = Box::leak(Box::new(m));
    MAPS.lock().unwrap_or_else(|e| e.into_inner()).push(m);
    &m[..]
}

/// Remembers the file `data` is a shared mapping of, for [`variant`].
pub(super) fn register(data: &'static [u8], file: File) {
    FILES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((data.as_ptr() as usize, file));
}

/// The file's bytes in a memory file; `None` on any failure (the caller reads the file
/// the ordinary way, which also reports the errors).
#[cfg(target_os = "linux")]
pub(super) fn read(path: &std::path::Path) -> Option<&'static [u8]> {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (f, meta) = crate::world::read::open_regular(path).ok()?;
    if meta.len() == 0 || meta.len() > super::MAX_FONT_BYTES as u64 {
        return None;
    }
    // SAFETY: a plain syscall; the descriptor is owned by the `File` made from it.
    let fd = unsafe { libc::memfd_create(c"gongwen-font".as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` is a fresh descriptor owned by nobody else.
    let mut mem = unsafe { File::from_raw_fd(fd) };
    let n = std::io::copy(&mut f.take(super::MAX_FONT_BYTES as u64), &mut mem).ok()?;
    if n != meta.len() {
        return None;
    }
    // SAFETY: the memory file is written only above, before the mapping; nothing else
    // can reach it.
    let m = unsafe { memmap2::Mmap::map(&mem) }.ok()?;
    let data = keep(m);
    register(data, mem);
    Some(data)
}

/// The variant for `step` as a private mapping of `base`'s file, patched; `None` when
/// `base` is no mapping or has nothing to patch.
pub(super) fn variant(base: &'static [u8], step: i8) -> Option<&'static [u8]> {
    let files = FILES.lock().unwrap_or_else(|e| e.into_inner());
    let (_, file) = files.iter().find(|(p, _)| *p == base.as_ptr() as usize)?;
    // SAFETY: a memory file never changes after `read` writes it; a font file changing
    // under its mapping is the documented risk of `FontOptions::map`, as for the base.
    let mut m = unsafe { memmap2::MmapOptions::new().map_copy(file) }.ok()?;
    drop(files);
    super::patch_variant(&mut m[..], step)?;
    Some(keep(m.make_read_only().ok()?))
}
