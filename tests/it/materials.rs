//! Registration materials: real OFD documents, PDFs and images are accepted and described;
//! renamed, empty, oversized, vanished, duplicate and damaged files are refused with a reason.

use std::path::{Path, PathBuf};

use certdesk::i18n::Lang;
use certdesk::materials::{MAX_MATERIAL_BYTES, MaterialError, MaterialFormat, inspect, inspect_bytes, store_copy};

fn ofd(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ofd").join(name)
}

/// Reads the two-page PDF written by Ghostscript (`tests/fixtures/make_material_pdf.sh`).
fn fixture_pdf() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/material.pdf")).unwrap()
}

/// Renders a certificate copy with CertDesk's own exporter.
fn exported_pdf() -> Vec<u8> {
    let sample = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
    let issuer = certdesk::export::keys::IssuerKey::generate();
    let request = certdesk::export::ExportRequest {
        purpose: Some("材料测试".into()),
        recipient: None,
        full_id: false,
        exported_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    };
    let copy = certdesk::export::prepare(&sample.certificates[0], request, &issuer).unwrap();
    certdesk::export::CopyFormat::Pdf.render(&copy).unwrap()
}

#[test]
fn real_ofd_documents_are_described() {
    for (name, signed) in
        [("helloworld.ofd", false), ("chineseDir.ofd", false), ("DigitalSign.ofd", true), ("SESV4SignDoc.ofd", true)]
    {
        let (info, _) = inspect(&ofd(name), &[]).unwrap_or_else(|e| panic!("{name}: {}", e.message().render(Lang::En)));
        assert_eq!(info.format, MaterialFormat::Ofd, "{name}");
        assert_eq!(info.pages, Some(1), "{name}");
        assert_eq!(info.signed, signed, "{name}");
        assert_eq!(info.display_name, name);
    }
}

#[test]
fn damaged_ofd_is_refused() {
    let bytes = std::fs::read(ofd("DigitalSign.ofd")).unwrap();
    let damaged = &bytes[..bytes.len() / 2];

    let error = inspect_bytes(damaged, "损坏.ofd".into()).unwrap_err();

    assert!(matches!(error, MaterialError::Unreadable { format: MaterialFormat::Ofd, .. }), "{error:?}");
    assert!(error.message().render(Lang::ZhCn).contains("OFD 文件已损坏"));
}

#[test]
fn renamed_executable_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("劳动合同.pdf");
    std::fs::write(&fake, b"MZ\x90\x00\x03\x00\x00\x00this program cannot be run in DOS mode").unwrap();

    let error = inspect(&fake, &[]).unwrap_err();

    assert!(matches!(error, MaterialError::UnsupportedType { looks_like: Some("EXE") }), "{error:?}");
    assert!(error.message().render(Lang::ZhCn).contains("实际是 EXE 文件"));
}

#[test]
fn empty_and_oversized_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空.pdf");
    std::fs::write(&empty, b"").unwrap();
    let huge = dir.path().join("扫描件.pdf");
    std::fs::File::create(&huge).unwrap().set_len(300 * 1024 * 1024).unwrap();

    assert!(matches!(inspect(&empty, &[]), Err(MaterialError::Empty)));
    let error = inspect(&huge, &[]).unwrap_err();
    assert!(matches!(error, MaterialError::TooLarge { size } if size > MAX_MATERIAL_BYTES));
    assert!(error.message().render(Lang::ZhCn).contains("300.0 MB"));
}

#[test]
fn vanished_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();

    let error = inspect(&dir.path().join("已删除.pdf"), &[]).unwrap_err();

    assert!(matches!(error, MaterialError::Read(_)));
    assert!(error.message().render(Lang::ZhCn).contains("文件或文件夹不存在"));
}

#[test]
fn images_and_duplicates() {
    let sample = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("照片.png");
    std::fs::write(&photo, &sample.certificates[0].photo_png).unwrap();

    let (info, _) = inspect(&photo, &[]).unwrap();
    let again = inspect(&photo, &[(info.sha256.clone(), "身份证照片.png".to_owned())]).unwrap_err();

    assert_eq!(info.format, MaterialFormat::Png);
    assert_eq!(info.dimensions, Some((120, 160)));
    assert!(matches!(again, MaterialError::Duplicate { ref existing } if existing == "身份证照片.png"));
}

#[test]
fn pdf_pages_are_counted() {
    let exported = inspect_bytes(&exported_pdf(), "证书.pdf".into()).unwrap();
    let fixture = inspect_bytes(&fixture_pdf(), "申请表.pdf".into()).unwrap();

    assert_eq!(exported.format, MaterialFormat::Pdf);
    assert_eq!(exported.pages, Some(1));
    assert_eq!(fixture.format, MaterialFormat::Pdf);
    assert_eq!(fixture.pages, Some(2));
}

/// A PDF cut off in transfer: the first half of a real file, and a file missing only its last
/// line (`%%EOF`). Both are rejected with a reason that calls the file incomplete.
#[test]
fn truncated_pdf_is_refused() {
    for (name, bytes) in [("Ghostscript", fixture_pdf()), ("CertDesk", exported_pdf())] {
        let half = &bytes[..bytes.len() / 2];
        let end = bytes.windows(5).rposition(|w| w == b"%%EOF").unwrap();
        let without_eof = &bytes[..end];

        for cut in [half, without_eof] {
            let error = inspect_bytes(cut, "申请表.pdf".into()).expect_err(name);
            let message = error.message().render(Lang::ZhCn);
            assert!(matches!(error, MaterialError::Truncated { format: MaterialFormat::Pdf, .. }), "{name}: {error:?}");
            assert!(message.contains("不完整"), "{name}: {message}");
        }
    }
}

/// What PDF writers and transfers add after `%%EOF` (a line break, padding) is not a cut.
#[test]
fn pdf_with_trailing_bytes_is_accepted() {
    let mut padded = fixture_pdf();
    padded.extend_from_slice(b"\r\n\0\0\0\n");

    let info = inspect_bytes(&padded, "申请表.pdf".into()).unwrap();

    assert_eq!(info.pages, Some(2));
}

/// Replaces the end of a PDF from its last `startxref` (or appends one) with a `startxref` of
/// `offset` and `%%EOF`.
fn with_startxref(bytes: &[u8], offset: usize) -> Vec<u8> {
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap_or(bytes.len());
    let mut changed = bytes[..at].to_vec();
    changed.extend_from_slice(format!("startxref\n{offset}\n%%EOF\n").as_bytes());
    changed
}

/// A `startxref` offset past the end means bytes are missing, and a file with an end but no
/// cross-reference table is the first half of one. Both are rejected like a cut file. A wrong
/// offset inside a whole file is accepted, because readers rebuild the table.
#[test]
fn pdf_startxref_offset_is_checked() {
    let bytes = fixture_pdf();

    let past_end = inspect_bytes(&with_startxref(&bytes, bytes.len() * 2), "申请表.pdf".into()).unwrap_err();
    let half_with_end = inspect_bytes(&with_startxref(&bytes[..bytes.len() / 2], 17), "申请表.pdf".into());
    let inside = inspect_bytes(&with_startxref(&bytes, 17), "申请表.pdf".into()).unwrap();

    assert!(matches!(past_end, MaterialError::Truncated { format: MaterialFormat::Pdf, .. }), "{past_end:?}");
    let half_with_end = half_with_end.unwrap_err();
    assert!(matches!(half_with_end, MaterialError::Truncated { .. }), "{half_with_end:?}");
    assert_eq!(inside.pages, Some(2));
}

#[test]
fn copy_is_named_by_content_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(ofd("helloworld.ofd")).unwrap();
    let info = inspect_bytes(&bytes, "../../etc/passwd".into()).unwrap();

    let stored = store_copy(&dir.path().join("materials"), &info, &bytes).unwrap();
    let again = store_copy(&dir.path().join("materials"), &info, &bytes).unwrap();

    assert_eq!(stored, again);
    assert_eq!(stored.file_name().unwrap().to_str().unwrap(), info.sha256);
    assert_eq!(std::fs::read(&stored).unwrap(), bytes);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("materials")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, b"x").unwrap();
    let error = store_copy(&blocked, &info, &bytes).unwrap_err();
    assert!(matches!(error, MaterialError::Copy(_)));
}

/// A full disk while copying: the temporary file is `/dev/full`, where every write fails with
/// "no space left on device". The copy is refused with that reason and leaves no file behind.
#[cfg(target_os = "linux")]
#[test]
fn full_disk_while_copying_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("materials");
    std::fs::create_dir_all(&folder).unwrap();
    let bytes = std::fs::read(ofd("helloworld.ofd")).unwrap();
    let info = inspect_bytes(&bytes, "申请表.ofd".into()).unwrap();
    std::os::unix::fs::symlink("/dev/full", folder.join(format!("{}.partial", info.sha256))).unwrap();

    let error = store_copy(&folder, &info, &bytes).unwrap_err();

    assert!(matches!(&error, MaterialError::Copy(e) if e.kind() == std::io::ErrorKind::StorageFull), "{error:?}");
    assert!(
        error.message().render(certdesk::i18n::Lang::ZhCn).contains("磁盘"),
        "{}",
        error.message().render(certdesk::i18n::Lang::ZhCn)
    );
    assert!(!folder.join(&info.sha256).exists(), "no copy under the final name");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "the temporary file is removed");
}
