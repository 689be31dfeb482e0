//! The ZIP container of a DOCX package: each part deflated with libdeflate, a fixed
//! 1980-01-01 timestamp, no directory entries, no extra fields, so the same parts give the same
//! bytes. (The zip crate builds a new zlib-rs stream per entry; zeroing its tables for the 18
//! parts of a draft cost a fifth of the draft's CPU.)
//!
//! Only what a package needs is written: no ZIP64 (a part or a package past 4 GiB is an error),
//! no encryption, ASCII part names.

use std::cell::RefCell;

/// MS-DOS date of 1980-01-01 (the earliest a ZIP can say), time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// The ZIP version a reader needs for deflate: 2.0.
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;

/// A ZIP archive of `(name, data)` parts, in the order given.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    thread_local! {
        static COMPRESSOR: RefCell<libdeflater::Compressor> = RefCell::new(
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(6).expect("a level")),
        );
    }
    let total: usize = parts.iter().map(|(n, d)| n.len() + d.len() / 4 + 80).sum();
    let mut out = Vec::with_capacity(total);
    let mut central = Vec::new();
    for (name, data) in parts {
        if !name.is_ascii() || name.len() > u16::MAX as usize {
            return Err(format!("bad part name `{name}`"));
        }
        let packed = COMPRESSOR.with(|c| {
            let mut c = c.borrow_mut();
            let mut buf = vec![0; c.deflate_compress_bound(data.len())];
            let n = c
                .deflate_compress(data, &mut buf)
                .map_err(|e| format!("deflate: {e:?}"))?;
            buf.truncate(n);
            Ok::<_, String>(buf)
        })?;
        let crc = libdeflater::crc32(data);
        let (size, packed_size, offset) =
            (u32le(data.len())?, u32le(packed.len())?, u32le(out.len())?);
        // Local file header (APPNOTE 4.3.7).
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, VERSION);
        put16(&mut out, 0); // flags
        put16(&mut out, DEFLATE);
        put16(&mut out, 0); // time
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, packed_size);
        put32(&mut out, size);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        // Central directory header (APPNOTE 4.3.12).
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, VERSION); // made by: MS-DOS attributes, 2.0
        put16(&mut central, VERSION);
        put16(&mut central, 0);
        put16(&mut central, DEFLATE);
        put16(&mut central, 0);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, packed_size);
        put32(&mut central, size);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let entries = u16::try_from(parts.len()).map_err(|_| "too many parts".to_string())?;
    let (cd_size, cd_offset) = (u32le(central.len())?, u32le(out.len())?);
    out.extend_from_slice(&central);
    // End of central directory record (APPNOTE 4.3.16).
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries);
    put16(&mut out, entries);
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

fn u32le(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| "the package is larger than 4 GiB".to_string())
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_every_part_unchanged() {
        let parts = vec![
            ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
            (
                "word/document.xml".to_string(),
                "<w:t>政府信息公开</w:t>".repeat(500).into_bytes(),
            ),
            ("word/empty.xml".to_string(), Vec::new()),
        ];
        let bytes = zip(&parts).unwrap();
        let mut a = ::zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(a.len(), 3);
        for (i, (name, data)) in parts.iter().enumerate() {
            let mut f = a.by_index(i).unwrap();
            assert_eq!(f.name(), name);
            assert_eq!(f.compression(), ::zip::CompressionMethod::Deflated);
            let mut back = Vec::new();
            f.read_to_end(&mut back).unwrap();
            assert_eq!(&back, data, "{name}");
        }
        assert!(bytes.len() < 1000, "compressed: {} bytes", bytes.len());
        assert_eq!(zip(&parts).unwrap(), bytes, "byte-stable");
    }

    #[test]
    fn a_non_ascii_part_name_is_an_error() {
        assert!(zip(&[("文档.xml".to_string(), Vec::new())]).is_err());
    }
}
