//! Exported copies: a PDF per sample certificate is read back with lopdf and verified. One-byte
//! changes fail with the right reason, and the QR code read back from a rendered page verifies.

use certdesk::domain::Certificate;
use certdesk::export::keys::{IssuerKey, TrustedKeys};
use certdesk::export::payload::SignedPayload;
use certdesk::export::verify::{Verdict, VerifyContext, verify_bytes, verify_text};
use certdesk::export::{ExportRequest, PreparedCopy, pdf, prepare};
use certdesk::sandbox::sample::{DEFAULT_SEED, generate};
use chrono::NaiveDate;

fn export_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn request(purpose: &str) -> ExportRequest {
    ExportRequest {
        purpose: Some(purpose.to_owned()),
        recipient: Some("某某市公共资源交易中心".to_owned()),
        full_id: false,
        exported_on: export_day(),
    }
}

/// Verifies with the issuer's key trusted, on the export day, with `latest` as the newest
/// cached version.
fn check(bytes: &[u8], issuer: &IssuerKey, latest: Option<u32>) -> Verdict {
    let trusted =
        TrustedKeys::new(vec![certdesk::export::keys::TrustedKey::from_hex(&issuer.public_key_hex(), "test").unwrap()]);
    let latest_version = move |_: &str| latest;
    let context = VerifyContext { trusted: &trusted, today: export_day(), latest_version: &latest_version };
    verify_bytes(bytes, &context).unwrap().verdict
}

fn page_text(bytes: &[u8]) -> String {
    let document = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document.extract_text(&pages).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
}

fn current_certificates() -> Vec<Certificate> {
    generate(DEFAULT_SEED).certificates
}

#[test]
fn pdf_per_sample_certificate_verifies() {
    let issuer = IssuerKey::generate();
    let certificates = current_certificates();
    let latest = |id: &str| certificates.iter().filter(|c| c.certificate_id == id).map(|c| c.version).max();
    let mut rare_names = 0;
    let mut genuine = 0;
    for certificate in &certificates {
        let copy = prepare(certificate, request("仅用于某某项目投标"), &issuer).unwrap();
        let bytes = pdf::render(&copy).unwrap();
        let text = page_text(&bytes);
        let name = &certificate.holder_name;

        assert!(text.contains(name.as_str()), "name {name} missing from the text layer");
        assert!(text.contains(&certificate.registration_number), "registration number of {name} missing");
        for specialty in &certificate.specialties {
            assert!(text.contains(&specialty.name), "specialty {} of {name} missing", specialty.name);
        }
        let watermark: String = copy.watermark.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&watermark), "watermark of {name} missing");
        assert!(!text.contains(&certificate.id_number), "full ID number of {name} printed without being asked");
        let newest = latest(&certificate.certificate_id).unwrap();
        let expected = if newest > certificate.version {
            Verdict::Superseded { newer_version: newest }
        } else if copy.usage.usable_until < export_day() {
            Verdict::PastUsagePeriod
        } else {
            genuine += 1;
            Verdict::Genuine
        };
        assert_eq!(check(&bytes, &issuer, Some(newest)), expected, "{name} v{}", certificate.version);
        if name.chars().any(|c| "喆堃玥赟珺翀镕彧垚𬘓".contains(c)) {
            rare_names += 1;
        }
    }
    assert!(rare_names > 0, "the sample roster should have names with rare characters");
    assert!(genuine > 0, "no copy of the {} sample certificates is genuine", certificates.len());
}

#[test]
fn pdf_embeds_the_font_subset() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let bytes = pdf::render(&prepare(certificate, request("仅用于测试"), &issuer).unwrap()).unwrap();
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let embedded_font = document
        .objects
        .values()
        .any(|object| object.as_dict().is_ok_and(|dict| dict.has(b"FontFile2") || dict.has(b"FontFile3")));
    assert!(embedded_font, "no embedded font program found");
    assert!(bytes.len() < 400_000, "PDF is {} bytes; the font should be a subset", bytes.len());
}

#[test]
fn full_id_is_printed_only_when_asked() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let mut asked = request("仅用于入职");
    asked.full_id = true;
    let bytes = pdf::render(&prepare(certificate, asked, &issuer).unwrap()).unwrap();
    assert!(page_text(&bytes).contains(&certificate.id_number));
}

fn genuine_copy<'a>(certificate: &'a Certificate, issuer: &IssuerKey) -> PreparedCopy<'a> {
    prepare(certificate, request("仅用于某某项目投标"), issuer).unwrap()
}

#[test]
fn changed_payload_byte_is_altered() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let copy = genuine_copy(certificate, &issuer);
    let text = copy.signed.to_text();
    let trusted =
        TrustedKeys::new(vec![certdesk::export::keys::TrustedKey::from_hex(&issuer.public_key_hex(), "test").unwrap()]);
    let latest = |_: &str| None;
    let context = VerifyContext { trusted: &trusted, today: export_day(), latest_version: &latest };
    assert_eq!(verify_text(&text, &context).unwrap().verdict, Verdict::Genuine);

    // Change one character of the usage-period end: 2027-06-02 becomes 2027-06-03.
    let until = copy.signed.payload.usable_until.format("%Y%m%d").to_string();
    let later = (copy.signed.payload.usable_until + chrono::Days::new(1)).format("%Y%m%d").to_string();
    let tampered = text.replacen(&until, &later, 1);
    assert_ne!(tampered, text);
    assert_eq!(verify_text(&tampered, &context).unwrap().verdict, Verdict::Altered);
}

#[test]
fn changed_version_is_altered() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let mut copy = genuine_copy(certificate, &issuer);
    copy.signed.payload.version += 1;
    copy.signed.signed_text = copy.signed.payload.signed_text().unwrap();
    let bytes = pdf::render(&copy).unwrap();
    assert_eq!(check(&bytes, &issuer, None), Verdict::Altered);
}

#[test]
fn changed_watermark_is_altered() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let mut copy = genuine_copy(certificate, &issuer);
    copy.watermark = copy.watermark.replace("某某项目", "其他项目");
    let bytes = pdf::render(&copy).unwrap();
    assert_eq!(check(&bytes, &issuer, None), Verdict::Altered);
}

#[test]
fn other_key_is_untrusted() {
    let issuer = IssuerKey::generate();
    let stranger = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let bytes = pdf::render(&genuine_copy(certificate, &stranger)).unwrap();
    assert_eq!(check(&bytes, &issuer, None), Verdict::UntrustedKey);
}

#[test]
fn newer_cached_version_supersedes() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let bytes = pdf::render(&genuine_copy(certificate, &issuer)).unwrap();
    let newer = certificate.version + 1;
    assert_eq!(check(&bytes, &issuer, Some(newer)), Verdict::Superseded { newer_version: newer });
}

#[test]
fn copy_lapses_after_usage_period() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let copy = genuine_copy(certificate, &issuer);
    let trusted =
        TrustedKeys::new(vec![certdesk::export::keys::TrustedKey::from_hex(&issuer.public_key_hex(), "test").unwrap()]);
    let latest = |_: &str| None;
    let day_after = copy.usage.usable_until + chrono::Days::new(1);
    let context = VerifyContext { trusted: &trusted, today: day_after, latest_version: &latest };
    let text = copy.signed.to_text();
    assert_eq!(verify_text(&text, &context).unwrap().verdict, Verdict::PastUsagePeriod);
    let on_last_day = VerifyContext { today: copy.usage.usable_until, ..context };
    assert_eq!(verify_text(&text, &on_last_day).unwrap().verdict, Verdict::Genuine);
}

#[test]
fn missing_glyph_stops_before_writing() {
    let issuer = IssuerKey::generate();
    let mut certificate = current_certificates()[0].clone();
    certificate.holder_name = "张\u{2EBF0}".to_owned();
    let copy = prepare(&certificate, request("仅用于测试"), &issuer).unwrap();
    let error = pdf::render(&copy).unwrap_err();
    assert!(matches!(error, certdesk::export::ExportError::MissingGlyph { character: '\u{2EBF0}', .. }), "{error:?}");
}

#[test]
fn empty_purpose_needs_explicit_choice() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let error = prepare(certificate, request("  "), &issuer).unwrap_err();
    assert!(matches!(error, certdesk::export::ExportError::PurposeMissing), "{error:?}");
    let mut without = request("");
    without.purpose = None;
    let copy = prepare(certificate, without, &issuer).unwrap();
    assert!(copy.watermark.contains("未注明用途"), "{}", copy.watermark);
}

#[test]
fn payload_text_parses_from_pdf_attachment() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let copy = genuine_copy(certificate, &issuer);
    let bytes = pdf::render(&copy).unwrap();
    let needle = copy.signed.to_text();
    let found = bytes.windows(needle.len()).any(|window| window == needle.as_bytes());
    assert!(found, "payload not attached uncompressed");
    assert_eq!(SignedPayload::parse(&needle).unwrap(), copy.signed);
}

/// Renders page 1 of a PDF to PNG with poppler's `pdftoppm` at 150 dpi.
fn render_page_png(pdf_bytes: &[u8], dir: &std::path::Path) -> Vec<u8> {
    let pdf_path = dir.join("copy.pdf");
    std::fs::write(&pdf_path, pdf_bytes).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile"])
        .arg(&pdf_path)
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm from poppler-utils must be installed (apt-get install -y poppler-utils)");
    assert!(status.success(), "pdftoppm failed");
    std::fs::read(dir.join("page.png")).unwrap()
}

#[test]
fn qr_from_rendered_page_verifies() {
    let issuer = IssuerKey::generate();
    let certificates = current_certificates();
    let certificate = certificates.iter().find(|c| c.holder_name.contains('𬘓')).unwrap_or(&certificates[0]);
    let copy = genuine_copy(certificate, &issuer);
    let dir = tempfile::tempdir().unwrap();
    let page = render_page_png(&pdf::render(&copy).unwrap(), dir.path());

    let text = certdesk::export::verify::read_qr_from_image(&page).expect("QR code found on the rendered page");
    assert_eq!(text, copy.signed.to_text());
    let expected = if copy.usage.usable_until < export_day() { Verdict::PastUsagePeriod } else { Verdict::Genuine };
    assert_eq!(check(&page, &issuer, None), expected);
}

#[test]
fn png_face_verifies_through_qr() {
    let issuer = IssuerKey::generate();
    let certificates = current_certificates();
    let certificate = certificates.iter().find(|c| c.holder_name.contains('𬘓')).unwrap_or(&certificates[0]);
    let copy = genuine_copy(certificate, &issuer);
    let png = certdesk::export::png::render(&copy).unwrap();
    if let Ok(folder) = std::env::var("CERTDESK_KEEP_EXPORT_PNG") {
        std::fs::write(std::path::Path::new(&folder).join("face.png"), &png).unwrap();
    }

    let text = certdesk::export::verify::read_qr_from_image(&png).expect("QR code found in the PNG face");
    assert_eq!(text, copy.signed.to_text());
    let expected = if copy.usage.usable_until < export_day() { Verdict::PastUsagePeriod } else { Verdict::Genuine };
    assert_eq!(check(&png, &issuer, None), expected);
}

#[test]
fn purpose_with_watermark_label_is_rejected() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let error = prepare(certificate, request("仅用于投标 使用期限至：2099年"), &issuer).unwrap_err();
    assert!(matches!(error, certdesk::export::ExportError::ReservedText { .. }), "{error:?}");
}

/// Replaces the first occurrence of `from` in the PDF's bytes with `to` of the same length, so
/// the cross-reference offsets stay valid and only the content changes.
fn patch_bytes(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = bytes.windows(from.len()).position(|window| window == from.as_bytes()).expect("text to patch");
    let mut patched = bytes.to_vec();
    patched[at..at + to.len()].copy_from_slice(to.as_bytes());
    patched
}

#[test]
fn one_byte_in_attached_payload_is_altered() {
    let issuer = IssuerKey::generate();
    let certificate = &current_certificates()[0];
    let copy = genuine_copy(certificate, &issuer);
    let bytes = pdf::render(&copy).unwrap();
    let text = copy.signed.to_text();

    let version_field = format!("|{}|{}|", copy.signed.payload.version, copy.signed.payload.registration_number);
    let newer_field = format!("|{}|{}|", copy.signed.payload.version + 1, copy.signed.payload.registration_number);
    let version_changed = patch_bytes(&bytes, &text, &text.replacen(&version_field, &newer_field, 1));
    assert_eq!(check(&version_changed, &issuer, None), Verdict::Altered);

    // The last character of the signature, changed to another base64url character.
    let last = text.chars().last().unwrap();
    let other = if last == 'A' { 'B' } else { 'A' };
    let signature_changed = patch_bytes(&bytes, &text, &format!("{}{other}", &text[..text.len() - 1]));
    assert_eq!(check(&signature_changed, &issuer, None), Verdict::Altered);
}
