//! Registration materials (申请材料): checking a file a user attaches and keeping a copy.
//!
//! A file is accepted by its content, never by its name. It must be PDF, OFD, JPEG or PNG, not
//! empty and not over the size limit. It must also be readable (a PDF that opens, an OFD package
//! with its document, an image that decodes) and not a duplicate of a file already attached. Accepted files are copied into
//! the data folder under their SHA-256, so the original can move or vanish; the original name
//! is kept for display only and never chooses a path.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::i18n::{Key, Message};

/// 50 MiB: the largest material accepted. Scans for registration are a few MiB; a larger file is
/// almost always a mistake (a video, a whole archive) and the platform would refuse it too.
pub const MAX_MATERIAL_BYTES: u64 = 50 * 1024 * 1024;

/// The formats a material may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialFormat {
    /// PDF.
    Pdf,
    /// OFD (GB/T 33190), the format of Chinese e-licences.
    Ofd,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
}

impl MaterialFormat {
    /// Returns the name users know the format by.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Ofd => "OFD",
            Self::Jpeg => "JPG",
            Self::Png => "PNG",
        }
    }

    /// Parses a name written by [`MaterialFormat::label`].
    pub fn from_label(label: &str) -> Option<Self> {
        [Self::Pdf, Self::Ofd, Self::Jpeg, Self::Png].into_iter().find(|f| f.label() == label)
    }
}

/// Description of a checked file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialInfo {
    /// Format, decided by the content.
    pub format: MaterialFormat,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hexadecimal.
    pub sha256: String,
    /// Pages of a PDF or OFD document.
    pub pages: Option<usize>,
    /// Width and height of an image in pixels.
    pub dimensions: Option<(u32, u32)>,
    /// Whether an OFD document carries a signature or an electronic seal.
    pub signed: bool,
    /// The original file name, for display only.
    pub display_name: String,
}

/// Reason a file cannot be a material.
#[derive(Debug, thiserror::Error)]
pub enum MaterialError {
    /// The file could not be read (gone, no permission…).
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Over [`MAX_MATERIAL_BYTES`].
    #[error("the file has {size} bytes, over the limit")]
    TooLarge {
        /// Size in bytes.
        size: u64,
    },
    /// Not PDF, OFD, JPEG or PNG by content.
    #[error("the content is not PDF, OFD, JPG or PNG")]
    UnsupportedType {
        /// Type the content looks like, when recognisable (such as an executable).
        looks_like: Option<&'static str>,
    },
    /// The right kind of file, but broken.
    #[error("the {format:?} file cannot be opened: {detail}")]
    Unreadable {
        /// The format the content claims.
        format: MaterialFormat,
        /// What failed.
        detail: String,
    },
    /// The right kind of file, but its end is missing: cut off while downloading or copying.
    #[error("the {format:?} file is incomplete: {detail}")]
    Truncated {
        /// The format the content claims.
        format: MaterialFormat,
        /// The missing part, in the error's English `Display` text.
        detail: &'static str,
    },
    /// The same content is already attached.
    #[error("the same file is already attached")]
    Duplicate {
        /// Display name of the earlier file.
        existing: String,
    },
    /// Copying into the data folder failed; the draft is unchanged.
    #[error("cannot copy the file into the data folder: {0}")]
    Copy(std::io::Error),
}

impl MaterialError {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Read(e) => Message::new(Key::MaterialRead).io_arg("detail", e),
            Self::Empty => Message::new(Key::MaterialEmpty),
            Self::TooLarge { size } => Message::new(Key::MaterialTooLarge)
                .arg("size", format!("{:.1}", mebibytes(*size)))
                .arg("limit", format!("{:.0}", mebibytes(MAX_MATERIAL_BYTES))),
            Self::UnsupportedType { looks_like: Some(kind) } => Message::new(Key::MaterialLooksLike).arg("kind", kind),
            Self::UnsupportedType { looks_like: None } => Message::new(Key::MaterialUnsupported),
            Self::Unreadable { format, .. } => Message::new(Key::MaterialUnreadable).arg("format", format.label()),
            Self::Truncated { format, .. } => Message::new(Key::MaterialTruncated).arg("format", format.label()),
            Self::Duplicate { existing } => Message::new(Key::MaterialDuplicate).arg("name", existing),
            Self::Copy(e) => Message::new(Key::MaterialCopy).io_arg("detail", e),
        }
    }
}

#[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal needs no exactness")]
fn mebibytes(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Reads and checks a file. `attached` lists the SHA-256 and display name of the files already
/// attached to the same application.
pub fn inspect(path: &Path, attached: &[(String, String)]) -> Result<(MaterialInfo, Vec<u8>), MaterialError> {
    let size = std::fs::metadata(path).map_err(MaterialError::Read)?.len();
    if size == 0 {
        return Err(MaterialError::Empty);
    }
    if size > MAX_MATERIAL_BYTES {
        return Err(MaterialError::TooLarge { size });
    }
    let bytes = std::fs::read(path).map_err(MaterialError::Read)?;
    let display_name = display_name(path);
    let info = inspect_bytes(&bytes, display_name)?;
    if let Some((_, existing)) = attached.iter().find(|(sha, _)| *sha == info.sha256) {
        return Err(MaterialError::Duplicate { existing: existing.clone() });
    }
    Ok((info, bytes))
}

/// Checks file content already in memory.
pub fn inspect_bytes(bytes: &[u8], display_name: String) -> Result<MaterialInfo, MaterialError> {
    if bytes.is_empty() {
        return Err(MaterialError::Empty);
    }
    let format = sniff(bytes)?;
    let sha256 = crate::account::data_dir::hex(&Sha256::digest(bytes));
    let mut info = MaterialInfo {
        format,
        size: bytes.len() as u64,
        sha256,
        pages: None,
        dimensions: None,
        signed: false,
        display_name,
    };
    match format {
        MaterialFormat::Pdf => info.pages = Some(pdf_pages(bytes)?),
        MaterialFormat::Ofd => {
            let (pages, signed) = ofd_summary(bytes)?;
            info.pages = Some(pages);
            info.signed = signed;
        }
        MaterialFormat::Jpeg | MaterialFormat::Png => info.dimensions = Some(image_size(bytes, format)?),
    }
    Ok(info)
}

/// Decides the format from the first bytes, naming common wrong files.
fn sniff(bytes: &[u8]) -> Result<MaterialFormat, MaterialError> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(MaterialFormat::Pdf);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(MaterialFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(MaterialFormat::Png);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // OFD is the only ZIP-based format users attach here, so a package that does not open
        // is most likely a damaged OFD. One that opens without OFD.xml is some other archive.
        return match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            Err(e) => Err(MaterialError::Unreadable { format: MaterialFormat::Ofd, detail: e.to_string() }),
            Ok(archive) if archive.index_for_name("OFD.xml").is_some() => Ok(MaterialFormat::Ofd),
            Ok(_) => Err(MaterialError::UnsupportedType { looks_like: Some("ZIP") }),
        };
    }
    let looks_like = if bytes.starts_with(b"MZ") {
        Some("EXE")
    } else if bytes.starts_with(b"\x7fELF") {
        Some("ELF")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("DOC/XLS")
    } else if bytes.starts_with(b"GIF8") {
        Some("GIF")
    } else {
        None
    };
    Err(MaterialError::UnsupportedType { looks_like })
}

/// 1024 bytes: how far from the end Acrobat looks for `%%EOF` (PDF Reference 1.7, appendix H,
/// implementation note 18). Writers may add a line break or padding after the marker, so it need
/// not be the very last bytes.
const PDF_END_WINDOW_BYTES: usize = 1024;

/// Checks that a PDF ends as a whole file does, because lopdf 0.47 rebuilds the cross-reference
/// table of a file cut off in transfer and would open the first half of it. The end must contain
/// `startxref`, the byte offset of the last cross-reference section, and `%%EOF`. The offset
/// must lie inside the file, and the file must contain a cross-reference table (`xref`) or
/// stream (`/XRef`).
///
/// NOTE: an offset inside the file that points elsewhere is accepted, because lopdf rebuilds the
/// table then, so bytes lost in the middle of a file can pass. A file with incremental updates
/// cut within 1024 bytes after an earlier `%%EOF` passes too, because its first part is a
/// complete earlier revision.
fn pdf_end(bytes: &[u8]) -> Result<(), MaterialError> {
    let truncated = |detail| MaterialError::Truncated { format: MaterialFormat::Pdf, detail };
    let tail = &bytes[bytes.len().saturating_sub(PDF_END_WINDOW_BYTES)..];
    let eof = rfind(tail, b"%%EOF").ok_or(truncated("no %%EOF marker at the end"))?;
    let startxref = rfind(&tail[..eof], b"startxref").ok_or(truncated("no startxref before %%EOF"))?;
    let offset = std::str::from_utf8(&tail[startxref + b"startxref".len()..eof])
        .ok()
        .and_then(|text| text.trim().parse::<usize>().ok())
        .ok_or(truncated("startxref gives no offset"))?;
    let section = bytes.get(offset..).ok_or(truncated("startxref points past the end"))?;
    let points_at_section = section.starts_with(b"xref") || starts_with_object_header(section);
    if points_at_section || has_xref_table(bytes) || rfind(bytes, b"/XRef").is_some() {
        Ok(())
    } else {
        Err(truncated("no cross-reference section"))
    }
}

/// Returns the position of the last occurrence of `needle` in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}

/// Tells whether a cross-reference table starts somewhere: the keyword `xref` at the start of a
/// line, which leaves out the `xref` inside `startxref`.
fn has_xref_table(bytes: &[u8]) -> bool {
    bytes.windows(5).any(|window| matches!(window[0], b'\n' | b'\r') && &window[1..] == b"xref")
}

/// Tells whether the bytes start with an indirect object's header, such as `12 0 obj`.
fn starts_with_object_header(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(32)];
    let text = String::from_utf8_lossy(head);
    let mut words = text.split_ascii_whitespace();
    let number = words.next().is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    let generation = words.next().is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    number && generation && words.next().is_some_and(|w| w.starts_with("obj"))
}

fn pdf_pages(bytes: &[u8]) -> Result<usize, MaterialError> {
    pdf_end(bytes)?;
    let document = lopdf::Document::load_mem(bytes)
        .map_err(|e| MaterialError::Unreadable { format: MaterialFormat::Pdf, detail: e.to_string() })?;
    let pages = document.get_pages().len();
    if pages == 0 {
        return Err(MaterialError::Unreadable { format: MaterialFormat::Pdf, detail: "no pages".to_owned() });
    }
    Ok(pages)
}

/// Reads an OFD package: the pages its document lists and whether it carries signatures.
fn ofd_summary(bytes: &[u8]) -> Result<(usize, bool), MaterialError> {
    let unreadable = |detail: String| MaterialError::Unreadable { format: MaterialFormat::Ofd, detail };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let root = read_entry(&mut archive, "OFD.xml").map_err(&unreadable)?;
    let document_path = xml_text(&root, "DocRoot").ok_or_else(|| unreadable("OFD.xml names no DocRoot".to_owned()))?;
    let document = read_entry(&mut archive, document_path.trim_start_matches('/')).map_err(&unreadable)?;
    let pages = document.matches(":Page ").count() + document.matches("<Page ").count();
    if pages == 0 {
        return Err(unreadable("the document lists no pages".to_owned()));
    }
    let folder = document_path.trim_start_matches('/').rsplit_once('/').map_or("", |(folder, _)| folder);
    let signed = (0..archive.len()).any(|i| {
        archive.by_index(i).is_ok_and(|entry| {
            let name = entry.name();
            let file = Path::new(name);
            let signed_value = file.file_name().is_some_and(|f| f.eq_ignore_ascii_case("SignedValue.dat"));
            let seal = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("esl"));
            name.starts_with(folder) && (signed_value || seal)
        })
    });
    Ok((pages, signed))
}

fn read_entry(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<String, String> {
    let mut entry = archive.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut text = String::new();
    entry.read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
    Ok(text)
}

/// Returns the text of the first element whose local name is `name`, ignoring namespaces.
fn xml_text(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!(":{name}>")).or_else(|| xml.find(&format!("<{name}>")))?;
    let after = &xml[start..];
    let open_end = after.find('>')? + 1;
    let close = after[open_end..].find("</")?;
    Some(after[open_end..open_end + close].trim().to_owned())
}

fn image_size(bytes: &[u8], format: MaterialFormat) -> Result<(u32, u32), MaterialError> {
    let image_format = if format == MaterialFormat::Png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
    let decoded = image::load_from_memory_with_format(bytes, image_format)
        .map_err(|e| MaterialError::Unreadable { format, detail: e.to_string() })?;
    Ok((decoded.width(), decoded.height()))
}

/// Returns the file name for display, without any folder, or a placeholder.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| "未命名文件".to_owned(), |name| name.to_string_lossy().into_owned())
}

/// Copies accepted content into `folder` under its SHA-256, through a temporary file and a
/// rename, so a crash or a full disk never leaves half a file under the final name. Copying the
/// same content again is a no-op.
pub fn store_copy(folder: &Path, info: &MaterialInfo, bytes: &[u8]) -> Result<PathBuf, MaterialError> {
    std::fs::create_dir_all(folder).map_err(MaterialError::Copy)?;
    let target = folder.join(&info.sha256);
    if target.exists() {
        return Ok(target);
    }
    let temporary = folder.join(format!("{}.partial", info.sha256));
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, &target)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(MaterialError::Copy(e));
    }
    Ok(target)
}
