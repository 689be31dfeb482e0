//! The font book: every face a layout's roles resolve to, loaded once and shared by all
//! documents of a process. Glyph lookup and advances come from skrifa.
//!
//! The faces used are read into memory, not mapped: a font file truncated or rewritten while
//! a batch runs (a sync tool, `cp` over it) would otherwise end the process with SIGBUS. Each
//! face is checked when the book is made ([`validate`]); a face that would make the font or
//! PDF libraries panic is skipped with a warning naming the file.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::narrow::{has_variant, patch_variant, variant_bytes, STEPS};

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::string::StringId;
use skrifa::{charmap::Charmap, FontRef, MetadataProvider};

use super::role::{candidates, Role};
use crate::diag::{Diagnostic, Rule};
use crate::world::World;

/// Index of a face in the [`FontBook`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// Where a face was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A folder given with `--font-dir`.
    FontDir,
    /// The system's font folders.
    System,
    /// The fonts bundled in `fonts/`.
    Bundled,
}

impl Origin {
    /// How `gongwen fonts` names the origin.
    pub fn label(&self) -> &'static str {
        match self {
            Origin::FontDir => "--font-dir",
            Origin::System => "system",
            Origin::Bundled => "bundled",
        }
    }
}

/// One font face. Advances are in em (font units / units per em).
///
/// A face is checked when the book is made (the file mapped briefly), but its bytes are read
/// into memory only when a glyph is first looked up: a DOCX needs none, and a PDF only the
/// faces its characters come from (reading all bundled faces up front cost a fresh process
/// 30 ms and 35 MB).
pub struct Face {
    /// The font file.
    pub path: PathBuf,
    /// The family name from the font's name table.
    pub family: String,
    /// Where it was found.
    pub origin: Origin,
    /// Ascender and descender in em (descender negative), from the font's metrics.
    pub ascent: f32,
    /// Descender in em, negative below the baseline.
    pub descent: f32,
    /// The same font with the full-width closing marks on half-width advances, used where a
    /// mark is squeezed (the variant for step −2, see `narrow.rs`).
    pub narrow: Option<FontId>,
    /// The advance variants of this face, one per step of `narrow::STEPS` (quarter ems), used
    /// so that text extraction reads glyphs as contiguous (`layout::inline::contiguous`).
    pub steps: [Option<FontId>; STEPS.len()],
    /// For a variant: the face it is a variant of, and its step.
    pub variant_of: Option<(FontId, i8)>,
    /// Where the bytes come from: the file, or (a variant) a patched copy of another face's
    /// bytes.
    base: Option<Arc<OnceLock<Option<Loaded>>>>,
    loaded: Arc<OnceLock<Option<Loaded>>>,
    /// The file is mapped, not read ([`FontOptions::map`]).
    map: bool,
}

/// A face's bytes and the tables glyph lookups use. `None` in the cell when the file could
/// not be read again or no longer passes [`validate`] (it changed since the book was made):
/// its characters are then missing, drawn as boxes and warned about, never a crash.
struct Loaded {
    data: &'static [u8],
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
}

impl Loaded {
    fn new(data: &'static [u8]) -> Option<Loaded> {
        let font = FontRef::new(data).ok()?;
        validate(&font).ok()?;
        Some(Loaded {
            data,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
        })
    }

    fn read(path: &Path, map: bool) -> Option<Loaded> {
        let data = if map {
            map_font(path).ok()?
        } else {
            read_font(path).ok()?
        };
        Loaded::new(data)
    }
}

impl Face {
    /// Checks a font file and reads what the book needs now (names and metrics); the other
    /// faces are its advance variants, with their steps (`narrow::STEPS`).
    fn open(
        path: &Path,
        origin: Origin,
        map_file: bool,
    ) -> Result<(Face, Vec<(i8, Face)>), String> {
        let (f, _) = crate::world::read::open_regular(path).map_err(|e| describe(path, e))?;
        // SAFETY: read-only map, used only inside this function (the bytes the book keeps are
        // read, not mapped, when the face is first used).
        let map = unsafe { memmap2::Mmap::map(&f) }
            .map_err(|e| format!("cannot read font `{}`: {e}", path.display()))?;
        if map.len() > MAX_FONT_BYTES {
            return Err(describe(
                path,
                crate::world::read::ReadError::TooLarge {
                    size: map.len() as u64,
                    limit: MAX_FONT_BYTES,
                },
            ));
        }
        let font =
            FontRef::new(&map).map_err(|e| format!("`{}` is not a font: {e}", path.display()))?;
        validate(&font)
            .map_err(|why| format!("the font `{}` is damaged: {why}", path.display()))?;
        let m = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = m.units_per_em.max(1) as f32;
        let family = family_names(&font).into_iter().next().unwrap_or_default();
        let loaded = Arc::new(OnceLock::new());
        let face = Face {
            path: path.to_path_buf(),
            family,
            origin,
            ascent: m.ascent / upem,
            descent: m.descent / upem,
            narrow: None,
            steps: [None; STEPS.len()],
            variant_of: None,
            base: None,
            loaded: loaded.clone(),
            map: map_file,
        };
        let variants = STEPS
            .iter()
            .filter(|&&k| has_variant(&map, k))
            .map(|&k| {
                let v = Face {
                    path: face.path.clone(),
                    family: face.family.clone(),
                    origin: face.origin.clone(),
                    ascent: face.ascent,
                    descent: face.descent,
                    narrow: None,
                    steps: [None; STEPS.len()],
                    // The id is set when the book numbers the faces.
                    variant_of: Some((FontId(0), k)),
                    base: Some(loaded.clone()),
                    loaded: Arc::new(OnceLock::new()),
                    map: map_file,
                };
                (k, v)
            })
            .collect();
        Ok((face, variants))
    }

    fn loaded(&self) -> Option<&Loaded> {
        self.loaded
            .get_or_init(|| match &self.base {
                None => Loaded::read(&self.path, self.map),
                Some(base) => {
                    let base = base
                        .get_or_init(|| Loaded::read(&self.path, self.map))
                        .as_ref()?;
                    let step = self.variant_of?.1;
                    Loaded::new(variant_data(base.data, step)?)
                }
            })
            .as_ref()
    }

    /// The font file's bytes (for embedding); empty when the file became unreadable.
    pub fn data(&self) -> &'static [u8] {
        self.loaded().map_or(&[], |l| l.data)
    }

    /// The glyph for a character, if the font has one.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        let gid = self.loaded()?.charmap.map(ch)?.to_u32();
        (gid != 0).then_some(gid as u16)
    }

    /// The horizontal extents of a glyph's separate pieces of ink, in em, left to right
    /// (overlapping contours merged): the three dots of 「…」.
    pub fn ink_islands(&self, gid: u16) -> Vec<(f32, f32)> {
        use skrifa::outline::{DrawSettings, OutlinePen};
        /// Collects the x extent of each contour.
        struct Extents(Vec<(f32, f32)>);
        impl Extents {
            fn point(&mut self, x: f32) {
                if let Some(e) = self.0.last_mut() {
                    *e = (e.0.min(x), e.1.max(x));
                }
            }
        }
        impl OutlinePen for Extents {
            fn move_to(&mut self, x: f32, _: f32) {
                self.0.push((x, x));
            }
            fn line_to(&mut self, x: f32, _: f32) {
                self.point(x);
            }
            fn quad_to(&mut self, cx: f32, _: f32, x: f32, _: f32) {
                self.point(cx);
                self.point(x);
            }
            fn curve_to(&mut self, cx0: f32, _: f32, cx1: f32, _: f32, x: f32, _: f32) {
                self.point(cx0);
                self.point(cx1);
                self.point(x);
            }
            fn close(&mut self) {}
        }
        let Ok(font) = FontRef::new(self.data()) else {
            return Vec::new();
        };
        let upem = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em
            .max(1) as f32;
        let Some(glyph) = font.outline_glyphs().get(skrifa::GlyphId::new(gid as u32)) else {
            return Vec::new();
        };
        let mut pen = Extents(Vec::new());
        let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
        if glyph.draw(settings, &mut pen).is_err() {
            return Vec::new();
        }
        let mut parts = pen.0;
        parts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out: Vec<(f32, f32)> = Vec::new();
        for (a, b) in parts {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        out.into_iter().map(|(a, b)| (a / upem, b / upem)).collect()
    }

    /// Horizontal advance of a glyph in em.
    pub fn advance(&self, gid: u16) -> f32 {
        self.loaded()
            .and_then(|l| l.metrics.advance_width(skrifa::GlyphId::new(gid as u32)))
            .unwrap_or(1.0)
    }
}

/// Font bytes live for the whole process. They are kept in this registry, so that leak
/// checkers (the fuzzer's LeakSanitizer) see them as reachable, not lost.
static FONT_DATA: std::sync::Mutex<Vec<&'static [u8]>> = std::sync::Mutex::new(Vec::new());

/// Keeps font bytes for the life of the process: fonts are loaded once per process and shared
/// by every document, so there is nothing to free.
fn keep(bytes: Vec<u8>) -> &'static [u8] {
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    FONT_DATA
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(bytes);
    bytes
}

/// The largest font file read (a full CJK collection is 20–60 MB).
const MAX_FONT_BYTES: usize = 256 << 20;

/// Maps a font file for the rest of the process (regular files only, bounded); see
/// [`FontOptions::map`].
fn map_font(path: &Path) -> Result<&'static [u8], String> {
    let (f, meta) = crate::world::read::open_regular(path).map_err(|e| describe(path, e))?;
    if meta.len() > MAX_FONT_BYTES as u64 {
        return Err(describe(
            path,
            crate::world::read::ReadError::TooLarge {
                size: meta.len(),
                limit: MAX_FONT_BYTES,
            },
        ));
    }
    // SAFETY: read-only map of a regular file, kept for the process's life; the file changing
    // under it is the documented risk of `FontOptions::map` (batches read instead).
    let m = unsafe { memmap2::Mmap::map(&f) }
        .map_err(|e| format!("cannot read font `{}`: {e}", path.display()))?;
    let data = shared::keep(m);
    shared::register(data, f);
    Ok(data)
}

/// Reads a font file into memory, once per process (regular files only, bounded).
fn read_font(path: &Path) -> Result<&'static [u8], String> {
    #[cfg(target_os = "linux")]
    if let Some(data) = shared::read(path) {
        return Ok(data);
    }
    crate::world::read::read_bytes(path, MAX_FONT_BYTES)
        .map(keep)
        .map_err(|e| describe(path, e))
}

/// The advance variant of a face's bytes for `step` (`narrow.rs`): a copy-on-write mapping
/// of the face's memory file when it has one (Linux), so the variant costs the few pages
/// its patch writes; otherwise a patched copy.
fn variant_data(base: &'static [u8], step: i8) -> Option<&'static [u8]> {
    if let Some(data) = shared::variant(base, step) {
        return Some(data);
    }
    Some(keep(variant_bytes(base, step)?))
}

mod shared;

fn describe(path: &Path, e: crate::world::read::ReadError) -> String {
    match e {
        crate::world::read::ReadError::Io(e) => format!(
            "cannot read font `{}`: {}",
            path.display(),
            crate::world::read::io_reason(&e)
        ),
        crate::world::read::ReadError::NotAFile(kind) => {
            format!("cannot read font `{}`: it is {kind}", path.display())
        }
        crate::world::read::ReadError::TooLarge { size, limit } => format!(
            "the font `{}` is {size} bytes, more than the limit of {limit} bytes",
            path.display()
        ),
        crate::world::read::ReadError::NotUtf8 { .. } => unreachable!("bytes are not decoded"),
    }
}

/// Checks what the font, subsetting and PDF libraries rely on without checking it themselves:
/// `unitsPerEm` in 16–16384 (0 divides by zero), the tables a face needs, a glyph count that
/// fits the metrics, and a complete `post` table (a cut-down version 2 panics while glyph
/// names are read).
pub fn validate(font: &FontRef) -> Result<(), String> {
    let has = |tag: &[u8; 4]| {
        font.table_directory
            .table_records()
            .iter()
            .any(|r| r.tag() == skrifa::Tag::new(tag))
    };
    for tag in [b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"post"] {
        if !has(tag) {
            return Err(format!(
                "the `{}` table is missing",
                String::from_utf8_lossy(tag)
            ));
        }
    }
    let outlines = (has(b"glyf") && has(b"loca")) || has(b"CFF ") || has(b"CFF2");
    if !outlines {
        return Err("it has no outlines (`glyf` and `loca`, or `CFF`)".into());
    }
    let bad = |t: &str, e: skrifa::raw::ReadError| format!("the `{t}` table is unreadable ({e})");
    let upem = font.head().map_err(|e| bad("head", e))?.units_per_em();
    if !(16..=16384).contains(&upem) {
        return Err(format!("unitsPerEm is {upem}, outside 16–16384"));
    }
    let glyphs = font.maxp().map_err(|e| bad("maxp", e))?.num_glyphs();
    if glyphs == 0 {
        return Err("it has no glyphs".into());
    }
    let metrics = font
        .hhea()
        .map_err(|e| bad("hhea", e))?
        .number_of_h_metrics();
    if metrics == 0 || metrics > glyphs {
        return Err(format!("numberOfHMetrics is {metrics} for {glyphs} glyphs"));
    }
    let hmtx = font
        .table_directory
        .table_records()
        .iter()
        .find(|r| r.tag() == skrifa::Tag::new(b"hmtx"))
        .map_or(0, |r| r.length() as usize);
    let need = 4 * metrics as usize + 2 * (glyphs - metrics) as usize;
    if hmtx < need || font.hmtx().is_err() {
        return Err(format!(
            "the `hmtx` table has {hmtx} bytes, {need} needed for {glyphs} glyphs"
        ));
    }
    let post = font.post().map_err(|e| bad("post", e))?;
    if post.version() == skrifa::raw::types::Version16Dot16::VERSION_2_0
        && (post.num_glyphs().is_none()
            || post.glyph_name_index().is_none()
            || post.string_data().is_none())
    {
        return Err("the `post` table is cut short".into());
    }
    font.cmap().map_err(|e| bad("cmap", e))?;
    Ok(())
}

/// All family names of a font (name IDs 1 and 16, every language).
fn family_names(font: &FontRef) -> Vec<String> {
    let mut out = Vec::new();
    for id in [
        StringId::TYPOGRAPHIC_FAMILY_NAME,
        StringId::FAMILY_NAME,
        StringId::FULL_NAME,
    ] {
        for s in font.localized_strings(id) {
            let name: String = s.chars().collect();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Where to look for fonts.
#[derive(Clone, Debug, Default)]
pub struct FontOptions {
    /// `--font-dir` folders, searched first for family names and file names.
    pub font_dirs: Vec<PathBuf>,
    /// The bundled `fonts/` folder; found automatically when `None`.
    pub bundled_dir: Option<PathBuf>,
    /// Whether to search the system's font folders for family names.
    pub system: bool,
    /// Map font files instead of reading them into memory: for a process that renders a few
    /// reports and ends (`render`), where reading 20 MB of CJK faces costs more than the
    /// render (14 → 35 ms). A mapped file truncated or rewritten while the process uses it
    /// ends the process (SIGBUS), so batches, which run for minutes, read (`false`).
    pub map: bool,
}

/// How one candidate of a role was resolved (for `gongwen fonts`).
#[derive(Clone, Debug)]
pub struct Resolution {
    /// The font role.
    pub role: Role,
    /// The candidate as the layout names it (a family or a file name).
    pub candidate: String,
    /// The face it resolved to, `None` when nothing matched.
    pub found: Option<FontId>,
}

/// Every face the layout's roles resolved to, with the chain of faces per role.
pub struct FontBook {
    faces: Vec<Face>,
    chains: HashMap<Role, Vec<FontId>>,
    /// Every candidate of every role, in the layout's order, resolved or not.
    pub resolutions: Vec<Resolution>,
    /// Damaged fonts skipped and `--font-dir` folders that do not exist.
    pub warnings: Vec<Diagnostic>,
}

const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

impl FontBook {
    /// Resolves every role of a layout's `fonts` (candidates per role, [`candidates`]): family names in the font dirs and the system, file
    /// names in the font dirs and the bundled folder. A role with no face is an error.
    pub fn load(
        fonts: &[(Role, Vec<String>)],
        opts: &FontOptions,
    ) -> Result<FontBook, Vec<Diagnostic>> {
        let bundled = opts
            .bundled_dir
            .clone()
            .or_else(|| World::default().bundled_font_dir());
        let mut index: Option<Vec<(String, PathBuf, Origin)>> = None;
        let mut faces: Vec<Face> = Vec::new();
        let mut by_path: HashMap<PathBuf, FontId> = HashMap::new();
        let mut chains = HashMap::new();
        let mut resolutions = Vec::new();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for d in &opts.font_dirs {
            if !d.is_dir() {
                warnings.push(
                    Diagnostic::warning(
                        None,
                        format!("the font folder `{}` does not exist", d.display()),
                    )
                    .with_rule(Rule::Font)
                    .with_hint("check the --font-dir path"),
                );
            }
        }
        let mut skipped: Vec<PathBuf> = Vec::new();
        for role in Role::ALL {
            let mut chain = Vec::new();
            for cand in candidates(fonts, role) {
                let found = if is_file_name(cand) {
                    let mut dirs: Vec<(PathBuf, Origin)> = opts
                        .font_dirs
                        .iter()
                        .map(|d| (d.clone(), Origin::FontDir))
                        .collect();
                    if let Some(b) = &bundled {
                        dirs.push((b.clone(), Origin::Bundled));
                    }
                    dirs.into_iter()
                        .map(|(d, o)| (d.join(cand), o))
                        .find(|(p, _)| p.is_file() && !skipped.contains(p))
                } else {
                    let idx = index.get_or_insert_with(|| family_index(opts, &mut warnings));
                    idx.iter()
                        .find(|(name, _, _)| name.eq_ignore_ascii_case(cand))
                        .map(|(_, p, o)| (p.clone(), o.clone()))
                };
                let id = match found {
                    Some((path, origin)) => match by_path.get(&path) {
                        Some(id) => Some(*id),
                        None => match Face::open(&path, origin, opts.map) {
                            Ok((mut face, variants)) => {
                                let id = FontId(faces.len() as u16);
                                for (n, (k, _)) in variants.iter().enumerate() {
                                    let vid = FontId(id.0 + 1 + n as u16);
                                    let slot = STEPS.iter().position(|s| s == k);
                                    face.steps[slot.expect("a step of STEPS")] = Some(vid);
                                }
                                face.narrow = face.steps[0];
                                faces.push(face);
                                faces.extend(variants.into_iter().map(|(k, mut v)| {
                                    v.variant_of = Some((id, k));
                                    v
                                }));
                                by_path.insert(path, id);
                                Some(id)
                            }
                            Err(e) => {
                                // Skipped: the next candidate of the role may do.
                                warnings.push(Diagnostic::warning(None, e).with_rule(Rule::Font));
                                skipped.push(path);
                                None
                            }
                        },
                    },
                    None => None,
                };
                if let Some(id) = id {
                    if !chain.contains(&id) {
                        chain.push(id);
                    }
                }
                resolutions.push(Resolution {
                    role,
                    candidate: cand.clone(),
                    found: id,
                });
            }
            let optional = matches!(role, Role::Latin | Role::Fallback);
            if chain.is_empty() && !optional {
                let tried = candidates(fonts, role).join(", ");
                errors.push(
                    Diagnostic::error(
                        None,
                        format!(
                            "no font found for the `{}` role (tried: {tried})",
                            role.key()
                        ),
                    )
                    .with_rule(Rule::Font)
                    .with_hint(match &bundled {
                        Some(b) => format!("the bundled fonts are looked up in {}", b.display()),
                        None => "the bundled fonts/ folder was not found: pass --font-dir".into(),
                    }),
                );
            }
            chains.insert(role, chain);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(FontBook {
            faces,
            chains,
            resolutions,
            warnings,
        })
    }

    /// The face a variant is made from (`Face::variant_of`); a face that is no variant is
    /// its own base.
    pub fn base(&self, id: FontId) -> FontId {
        self.face(id).variant_of.map_or(id, |v| v.0)
    }

    /// The face `id`. Panics if `id` is not from this book.
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize]
    }

    /// Every face with its id, in id order (variants included).
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }

    /// The faces of a role, best first.
    pub fn chain(&self, role: Role) -> &[FontId] {
        self.chains.get(&role).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The primary face of a role.
    pub fn primary(&self, role: Role) -> FontId {
        self.chain(role)
            .first()
            .or_else(|| self.chain(Role::Body).first())
            .copied()
            .unwrap_or(FontId(0))
    }

    /// The first face of the role's chain, then of the fallback chain, that has `ch`.
    pub fn pick(&self, role: Role, ch: char) -> Option<(FontId, u16)> {
        self.chain(role)
            .iter()
            .chain(self.chain(Role::Fallback))
            .find_map(|&id| self.face(id).glyph(ch).map(|g| (id, g)))
    }
}

fn is_file_name(cand: &str) -> bool {
    Path::new(cand)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Family names of every font in the font dirs (first) and the system folders. Damaged fonts
/// are left out, with a warning for those of a `--font-dir`.
fn family_index(
    opts: &FontOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, Origin)> {
    let mut out = Vec::new();
    let mut dirs: Vec<(PathBuf, Origin)> = opts
        .font_dirs
        .iter()
        .map(|d| (d.clone(), Origin::FontDir))
        .collect();
    if opts.system {
        for d in World::default().system_font_dirs() {
            dirs.push((d, Origin::System));
        }
    }
    for (dir, origin) in dirs {
        let mut files = crate::world::read::walk_files(&dir, FONT_DIR_DEPTH, &|p: &Path| {
            is_file_name(&p.to_string_lossy())
        });
        files.sort();
        for path in files {
            let Ok(file) = File::open(&path) else {
                continue;
            };
            // SAFETY: read-only map, read once here and dropped at the end of this iteration
            // (the faces used are read into memory by `Face::open`).
            let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
                continue;
            };
            let checked = FontRef::new(&map)
                .map_err(|e| format!("it is not a font ({e})"))
                .and_then(|f| validate(&f).map(|()| f));
            let font = match checked {
                Ok(f) => f,
                Err(why) => {
                    if origin == Origin::FontDir {
                        warnings.push(
                            Diagnostic::warning(
                                None,
                                format!("skipped the font `{}`: {why}", path.display()),
                            )
                            .with_rule(Rule::Font),
                        );
                    }
                    continue;
                }
            };
            for name in family_names(&font) {
                out.push((name, path.clone(), origin.clone()));
            }
        }
    }
    out
}

/// How deep font folders are searched.
const FONT_DIR_DEPTH: usize = 8;

#[cfg(test)]
mod tests;
