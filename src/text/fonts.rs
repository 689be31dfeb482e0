//! The font book: every face a layout's roles resolve to, loaded once (memory-mapped) and
//! shared by all documents of a process. Glyph lookup and advances come from skrifa.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::string::StringId;
use skrifa::{charmap::Charmap, FontRef, MetadataProvider};

use crate::diag::Diagnostic;
use crate::style::{Role, Style};

/// Index of a face in the [`FontBook`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// Where a face was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    FontDir,
    System,
    Bundled,
}

impl Origin {
    pub fn label(&self) -> &'static str {
        match self {
            Origin::FontDir => "--font-dir",
            Origin::System => "system",
            Origin::Bundled => "bundled",
        }
    }
}

/// One loaded font face. Advances are in em (font units / units per em).
pub struct Face {
    pub path: PathBuf,
    pub family: String,
    pub origin: Origin,
    data: &'static [u8],
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    /// Ascender and descender in em (descender negative), from the font's metrics.
    pub ascent: f32,
    pub descent: f32,
    /// The same font with the full-width closing marks on half-width advances, used where a
    /// mark is squeezed (see [`narrow_variant`]).
    pub narrow: Option<FontId>,
}

impl Face {
    fn open(path: &Path, origin: Origin) -> Result<Face, String> {
        Face::from_data(path, origin, map_file(path)?)
    }

    fn from_data(path: &Path, origin: Origin, data: &'static [u8]) -> Result<Face, String> {
        let font =
            FontRef::new(data).map_err(|e| format!("`{}` is not a font: {e}", path.display()))?;
        let m = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = m.units_per_em.max(1) as f32;
        let family = family_names(&font).into_iter().next().unwrap_or_default();
        Ok(Face {
            path: path.to_path_buf(),
            family,
            origin,
            data,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::new(1.0), LocationRef::default()),
            ascent: m.ascent / upem,
            descent: m.descent / upem,
            narrow: None,
        })
    }

    /// The font file's bytes (for embedding).
    pub fn data(&self) -> &'static [u8] {
        self.data
    }

    /// The glyph for a character, if the font has one.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        let gid = self.charmap.map(ch)?.to_u32();
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
        let Ok(font) = FontRef::new(self.data) else {
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
        self.metrics
            .advance_width(skrifa::GlyphId::new(gid as u32))
            .unwrap_or(1.0)
    }
}

/// Font mappings live for the whole process. They are kept in this registry, so that leak
/// checkers (the fuzzer's LeakSanitizer) see them as reachable, not lost.
static MAPPINGS: std::sync::Mutex<Vec<&'static memmap2::Mmap>> = std::sync::Mutex::new(Vec::new());

/// Keeps a mapping for the life of the process and returns its bytes.
fn keep(map: memmap2::Mmap) -> &'static [u8] {
    let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
    MAPPINGS.lock().unwrap_or_else(|e| e.into_inner()).push(map);
    map
}

/// Maps a file read-only and keeps it for the life of the process: fonts are loaded once per
/// process and shared by every document, so there is nothing to unmap.
fn map_file(path: &Path) -> Result<&'static [u8], String> {
    let file =
        File::open(path).map_err(|e| format!("cannot open font `{}`: {e}", path.display()))?;
    // SAFETY: the mapping is read-only; a font file changed underneath a running process
    // would corrupt glyphs, not memory safety of safe code reading bytes.
    let map = unsafe { memmap2::Mmap::map(&file) }
        .map_err(|e| format!("cannot map font `{}`: {e}", path.display()))?;
    Ok(keep(map))
}

/// Squeezed punctuation (a mark at a line end, or the first of two adjacent marks) is drawn
/// on half its advance. PDF text extraction measures each glyph by the font's own advance, so
/// a full-width glyph squeezed into half a cell overlaps its neighbour and tools such as
/// pdftotext split the line there. The variant is the same font with the closing marks'
/// advances halved in `hmtx`: a private copy-on-write mapping, so only the touched pages are
/// copied. `None` when the font has none of those marks.
fn narrow_variant(face: &Face) -> Option<Face> {
    let file = File::open(&face.path).ok()?;
    // SAFETY: a private (copy-on-write) mapping; our writes never reach the file.
    let mut map = unsafe { memmap2::MmapOptions::new().map_copy(&file) }.ok()?;
    let font = FontRef::new(face.data).ok()?;
    let upem = font.head().ok()?.units_per_em();
    let n_metrics = font.hhea().ok()?.number_of_h_metrics() as u32;
    let hmtx = font
        .table_directory
        .table_records()
        .iter()
        .find(|r| r.tag() == skrifa::Tag::new(b"hmtx"))?;
    let base = hmtx.offset() as usize;
    let mut patched = false;
    for ch in crate::text::class::RIGHT_BLANK_MARKS.chars() {
        let Some(gid) = face.glyph(ch) else { continue };
        if (gid as u32) >= n_metrics {
            continue;
        }
        let at = base + 4 * gid as usize;
        let adv = u16::from_be_bytes([*map.get(at)?, *map.get(at + 1)?]);
        if adv > upem / 2 {
            map[at..at + 2].copy_from_slice(&(upem / 2).to_be_bytes());
            patched = true;
        }
    }
    if !patched {
        return None;
    }
    // krilla tells fonts apart by their metadata, checksum included: give the variant its own.
    let head = font
        .table_directory
        .table_records()
        .iter()
        .find(|r| r.tag() == skrifa::Tag::new(b"head"))?;
    let at = head.offset() as usize + 8;
    let sum = u32::from_be_bytes(map.get(at..at + 4)?.try_into().ok()?) ^ 0x4E41_5252;
    map[at..at + 4].copy_from_slice(&sum.to_be_bytes());
    let map = map.make_read_only().ok()?;
    let data = keep(map);
    let mut narrow = Face::from_data(&face.path, face.origin.clone(), data).ok()?;
    narrow.family = face.family.clone();
    Some(narrow)
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
}

/// How one candidate of a role was resolved (for `gongwen fonts`).
#[derive(Clone, Debug)]
pub struct Resolution {
    pub role: Role,
    pub candidate: String,
    pub found: Option<FontId>,
}

/// Every face the layout's roles resolved to, with the chain of faces per role.
pub struct FontBook {
    faces: Vec<Face>,
    chains: HashMap<Role, Vec<FontId>>,
    pub resolutions: Vec<Resolution>,
}

const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

impl FontBook {
    /// Resolves every role of `style`: family names in the font dirs and the system, file
    /// names in the font dirs and the bundled folder. A role with no face is an error.
    pub fn load(style: &Style, opts: &FontOptions) -> Result<FontBook, Vec<Diagnostic>> {
        let bundled = opts.bundled_dir.clone().or_else(find_bundled_dir);
        let mut index: Option<Vec<(String, PathBuf, Origin)>> = None;
        let mut faces: Vec<Face> = Vec::new();
        let mut by_path: HashMap<PathBuf, FontId> = HashMap::new();
        let mut chains = HashMap::new();
        let mut resolutions = Vec::new();
        let mut errors = Vec::new();
        for role in Role::ALL {
            let mut chain = Vec::new();
            for cand in style.candidates(role) {
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
                        .find(|(p, _)| p.is_file())
                } else {
                    let idx = index.get_or_insert_with(|| family_index(opts));
                    idx.iter()
                        .find(|(name, _, _)| name.eq_ignore_ascii_case(cand))
                        .map(|(_, p, o)| (p.clone(), o.clone()))
                };
                let id = match found {
                    Some((path, origin)) => match by_path.get(&path) {
                        Some(id) => Some(*id),
                        None => match Face::open(&path, origin) {
                            Ok(mut face) => {
                                let id = FontId(faces.len() as u16);
                                let narrow = narrow_variant(&face);
                                if narrow.is_some() {
                                    face.narrow = Some(FontId(id.0 + 1));
                                }
                                faces.push(face);
                                faces.extend(narrow);
                                by_path.insert(path, id);
                                Some(id)
                            }
                            Err(e) => {
                                errors.push(Diagnostic::error(None, e).with_rule("font"));
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
                let tried = style.candidates(role).join(", ");
                errors.push(
                    Diagnostic::error(
                        None,
                        format!(
                            "no font found for the `{}` role (tried: {tried})",
                            role.key()
                        ),
                    )
                    .with_rule("font")
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
        })
    }

    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize]
    }

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

/// Family names of every font in the font dirs (first) and the system folders.
fn family_index(opts: &FontOptions) -> Vec<(String, PathBuf, Origin)> {
    let mut out = Vec::new();
    let mut dirs: Vec<(PathBuf, Origin)> = opts
        .font_dirs
        .iter()
        .map(|d| (d.clone(), Origin::FontDir))
        .collect();
    if opts.system {
        for d in [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            "/Library/Fonts",
            "C:\\Windows\\Fonts",
        ] {
            dirs.push((PathBuf::from(d), Origin::System));
        }
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push((Path::new(&home).join(".fonts"), Origin::System));
            dirs.push((Path::new(&home).join(".local/share/fonts"), Origin::System));
        }
    }
    for (dir, origin) in dirs {
        let mut files = Vec::new();
        collect_font_files(&dir, 0, &mut files);
        files.sort();
        for path in files {
            let Ok(file) = File::open(&path) else {
                continue;
            };
            // SAFETY: read-only map, dropped at the end of this iteration.
            let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
                continue;
            };
            let Ok(font) = FontRef::new(&map) else {
                continue;
            };
            if font.head().is_err() {
                continue;
            }
            for name in family_names(&font) {
                out.push((name, path.clone(), origin.clone()));
            }
        }
    }
    out
}

fn collect_font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_font_files(&p, depth + 1, out);
        } else if is_file_name(&p.to_string_lossy()) {
            out.push(p);
        }
    }
}

/// The bundled `fonts/` folder: next to the executable or one of its ancestors (a checkout's
/// `target/release/gongwen`), else the source folder the binary was built from (`cargo install
/// --path .`), else `./fonts`.
pub fn find_bundled_dir() -> Option<PathBuf> {
    const MARKER: &str = "FandolFang-Regular-GBsub.ttf";
    if let Some(dir) = std::env::var_os("GONGWEN_FONTS") {
        return Some(PathBuf::from(dir));
    }
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        for a in exe.ancestors().skip(1).take(5) {
            candidates.push(a.join("fonts"));
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    candidates.push(PathBuf::from("fonts"));
    candidates.into_iter().find(|d| d.join(MARKER).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> FontBook {
        FontBook::load(&Style::gbt9704(), &FontOptions::default()).unwrap()
    }

    #[test]
    fn bundled_fonts_resolve_for_every_role() {
        let b = book();
        assert_eq!(b.face(b.primary(Role::Body)).family, "FandolFang");
        assert!(b
            .face(b.primary(Role::Title))
            .family
            .starts_with("Noto Serif CJK SC"));
        assert_eq!(b.face(b.primary(Role::Latin)).family, "Liberation Serif");
        // body, heading3, heading4 and table share one face
        assert_eq!(b.primary(Role::Body), b.primary(Role::Table));
    }

    #[test]
    fn characters_missing_from_fandol_fall_back_to_noto() {
        let b = book();
        let body = b.primary(Role::Body);
        let (id, _) = b.pick(Role::Body, '国').unwrap();
        assert_eq!(id, body);
        for ch in ['啰', '瞭', '镕'] {
            let (id, _) = b.pick(Role::Body, ch).unwrap();
            assert_ne!(id, body, "{ch}");
            assert!(b.face(id).family.starts_with("Noto"), "{ch}");
        }
        assert!(b.pick(Role::Body, '\u{E000}').is_none());
    }

    #[test]
    fn a_font_dir_family_wins_over_the_bundled_file() {
        let dir = std::env::temp_dir().join(format!("gongwen-fontdir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A renamed copy: its family is still FandolKai, so name the role after it.
        let src = find_bundled_dir()
            .unwrap()
            .join("FandolKai-Regular-GBsub.ttf");
        std::fs::copy(&src, dir.join("kai.ttf")).unwrap();
        let mut style = Style::gbt9704();
        for (role, list) in &mut style.fonts {
            if *role == Role::Body {
                list.insert(0, "FandolKai".into());
            }
        }
        let opts = FontOptions {
            font_dirs: vec![dir.clone()],
            ..FontOptions::default()
        };
        let b = FontBook::load(&style, &opts).unwrap();
        let f = b.face(b.primary(Role::Body));
        assert_eq!(f.origin, Origin::FontDir);
        assert_eq!(f.family, "FandolKai");
        std::fs::remove_dir_all(&dir).ok();
    }
}
#[cfg(test)]
mod narrow_tests {
    use super::*;

    #[test]
    fn cjk_faces_get_a_half_width_punctuation_variant() {
        let b = FontBook::load(&Style::gbt9704(), &FontOptions::default()).unwrap();
        let body = b.face(b.primary(Role::Body));
        let n = body.narrow.expect("FandolFang has closing marks");
        let g = body.glyph('，').unwrap();
        assert!((body.advance(g) - 1.0).abs() < 0.001);
        assert!((b.face(n).advance(g) - 0.5).abs() < 0.001);
        assert!(b.face(b.primary(Role::Latin)).narrow.is_none());
    }
}
