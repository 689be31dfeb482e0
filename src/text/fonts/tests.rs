//! Unit tests of the font book: loading, validation, lazy reading, the advance variants.

use super::*;

mod unit {
    use super::*;
    // Tests only: the built-in layout as the source of candidates.
    use crate::style::Style;

    fn book() -> FontBook {
        FontBook::load(&Style::gbt9704().fonts, &FontOptions::default()).unwrap()
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
        let src = World::default()
            .bundled_font_dir()
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
        let b = FontBook::load(&style.fonts, &opts).unwrap();
        let f = b.face(b.primary(Role::Body));
        assert_eq!(f.origin, Origin::FontDir);
        assert_eq!(f.family, "FandolKai");
        std::fs::remove_dir_all(&dir).ok();
    }
}
mod lazy_tests {
    use super::*;

    /// A face is read on first use; one truncated before that has no glyphs (drawn as boxes
    /// with a warning), and nothing panics or raises SIGBUS.
    #[test]
    fn a_face_truncated_before_its_first_use_has_no_glyphs() {
        let dir = tempfile::tempdir().unwrap();
        let src = World::default()
            .bundled_font_dir()
            .unwrap()
            .join("FandolFang-Regular-GBsub.ttf");
        let path = dir.path().join("fang.ttf");
        std::fs::copy(src, &path).unwrap();
        let (face, variants) = Face::open(&path, Origin::FontDir, false).unwrap();
        let narrow = variants.into_iter().find(|(k, _)| *k == -2).map(|(_, v)| v);
        assert!(narrow.is_some());
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(1000)
            .unwrap();
        assert_eq!(face.glyph('国'), None);
        assert!(face.data().is_empty());
        assert_eq!(face.advance(5), 1.0);
        assert_eq!(narrow.unwrap().glyph('，'), None);
    }
}

mod narrow_tests {
    use super::*;
    // Tests only: the built-in layout as the source of candidates.
    use crate::style::Style;

    #[test]
    fn cjk_faces_get_a_half_width_punctuation_variant() {
        let b = FontBook::load(&Style::gbt9704().fonts, &FontOptions::default()).unwrap();
        let body = b.face(b.primary(Role::Body));
        let n = body.narrow.expect("FandolFang has closing marks");
        let g = body.glyph('，').unwrap();
        assert!((body.advance(g) - 1.0).abs() < 0.001);
        assert!((b.face(n).advance(g) - 0.5).abs() < 0.001);
        assert!(b.face(b.primary(Role::Latin)).narrow.is_none());
        // A quarter em wider, every glyph.
        let w = body.steps[2].expect("a +1 step variant");
        let h = body.glyph('国').unwrap();
        assert!((b.face(w).advance(h) - body.advance(h) - 0.25).abs() < 0.001);
        assert_eq!(b.face(w).variant_of, Some((b.primary(Role::Body), 1)));
    }
}
