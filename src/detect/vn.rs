//! Vietnam's numbering plan, as far as click-to-call needs it.
//!
//! The ranges follow libphonenumber's metadata for VN (a subset of it, so that every
//! number accepted here is valid there too, which `tests/differential.js` checks), plus
//! the mobile prefixes retired in the 2018 renumbering and the area codes retired in the 2017
//! landline renumbering, which agents still find in old CRM records and which we dial in their
//! new form.

/// What kind of Vietnamese number a national significant number (NSN, no trunk `0`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VnKind {
    Mobile,
    FixedLine,
    /// `1800…` toll free and `1900…` premium: dialled without a trunk `0`.
    Service,
    /// `69…`: the network of the armed forces and the police, dialled with a trunk `0`.
    Network69,
}

/// A Vietnamese national significant number, normalised to the current numbering plan.
/// Plain bytes, no heap: the scanner builds many of these and keeps few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VnNumber {
    digits: [u8; 10],
    len: u8,
    pub kind: VnKind,
}

impl VnNumber {
    fn new(nsn: &[u8], kind: VnKind) -> Option<VnNumber> {
        let mut digits = [0u8; 10];
        digits.get_mut(..nsn.len())?.copy_from_slice(nsn);
        Some(VnNumber {
            digits,
            len: nsn.len() as u8,
            kind,
        })
    }

    /// The national significant number: ASCII digits, no trunk `0`. Its E.164 form and dial
    /// string are `detect::Valid`'s to make (one place for the dial-string contract).
    pub fn nsn(&self) -> &[u8] {
        &self.digits[..usize::from(self.len)]
    }
}

/// The 2018 renumbering of 11-digit mobile numbers: old three-digit NSN prefix → new two-digit one.
const LEGACY_MOBILE: &[(&str, &str)] = &[
    ("120", "70"),
    ("121", "79"),
    ("122", "77"),
    ("123", "83"),
    ("124", "84"),
    ("125", "85"),
    ("126", "76"),
    ("127", "81"),
    ("128", "78"),
    ("129", "82"),
    ("162", "32"),
    ("163", "33"),
    ("164", "34"),
    ("165", "35"),
    ("166", "36"),
    ("167", "37"),
    ("168", "38"),
    ("169", "39"),
    ("186", "56"),
    ("188", "58"),
    ("199", "59"),
];

/// The 2017 landline renumbering: old area code → new one, both without the trunk `0`.
///
/// Source: Ministry of Information and Communications, Circular 22/2014/TT-BTTTT (the national
/// numbering plan, in force 1 March 2015) and Decision 2036/QĐ-BTTTT (2015), which carried it
/// out in three phases in 2017: 11 February (13 provinces), 15 April (23) and 17 June (23, with
/// Hà Nội and TP.HCM). Old and new codes were dialled side by side for a month each time. Vĩnh
/// Phúc (211), Phú Thọ (210), Hòa Bình (218) and Hà Giang (219) kept theirs, so they are not here.
///
/// Before 2017 a local number had 8 digits behind Hà Nội's `4` and TP.HCM's `8` and 7 digits
/// everywhere else; it is kept unchanged behind the new code.
const OLD_AREA_CODES: &[(&str, &str)] = &[
    // Phase 1, 11 February 2017.
    ("22", "212"),  // Sơn La
    ("231", "213"), // Lai Châu
    ("20", "214"),  // Lào Cai
    ("230", "215"), // Điện Biên
    ("29", "216"),  // Yên Bái
    ("52", "232"),  // Quảng Bình
    ("53", "233"),  // Quảng Trị
    ("54", "234"),  // Thừa Thiên Huế
    ("510", "235"), // Quảng Nam
    ("511", "236"), // Đà Nẵng
    ("37", "237"),  // Thanh Hóa
    ("38", "238"),  // Nghệ An
    ("39", "239"),  // Hà Tĩnh
    // Phase 2, 15 April 2017.
    ("33", "203"),  // Quảng Ninh
    ("240", "204"), // Bắc Giang
    ("25", "205"),  // Lạng Sơn
    ("26", "206"),  // Cao Bằng
    ("27", "207"),  // Tuyên Quang
    ("280", "208"), // Thái Nguyên
    ("281", "209"), // Bắc Kạn
    ("320", "220"), // Hải Dương
    ("321", "221"), // Hưng Yên
    ("241", "222"), // Bắc Ninh
    ("31", "225"),  // Hải Phòng
    ("351", "226"), // Hà Nam
    ("36", "227"),  // Thái Bình
    ("350", "228"), // Nam Định
    ("30", "229"),  // Ninh Bình
    ("780", "290"), // Cà Mau
    ("781", "291"), // Bạc Liêu
    ("710", "292"), // Cần Thơ
    ("711", "293"), // Hậu Giang
    ("74", "294"),  // Trà Vinh
    ("76", "296"),  // An Giang
    ("77", "297"),  // Kiên Giang
    ("79", "299"),  // Sóc Trăng
    // Phase 3, 17 June 2017.
    ("4", "24"),    // Hà Nội
    ("8", "28"),    // TP. Hồ Chí Minh
    ("61", "251"),  // Đồng Nai
    ("62", "252"),  // Bình Thuận
    ("64", "254"),  // Bà Rịa - Vũng Tàu
    ("55", "255"),  // Quảng Ngãi
    ("56", "256"),  // Bình Định
    ("57", "257"),  // Phú Yên
    ("58", "258"),  // Khánh Hòa
    ("68", "259"),  // Ninh Thuận
    ("60", "260"),  // Kon Tum
    ("501", "261"), // Đắk Nông
    ("500", "262"), // Đắk Lắk
    ("63", "263"),  // Lâm Đồng
    ("59", "269"),  // Gia Lai
    ("70", "270"),  // Vĩnh Long
    ("651", "271"), // Bình Phước
    ("72", "272"),  // Long An
    ("73", "273"),  // Tiền Giang
    ("650", "274"), // Bình Dương
    ("75", "275"),  // Bến Tre
    ("66", "276"),  // Tây Ninh
    ("67", "277"),  // Đồng Tháp
];

/// For each first three digits of an NSN, 1 + the index of the old area code they begin with
/// in [`OLD_AREA_CODES`], or 0: one lookup instead of a walk through the table (the scanner
/// asks for every candidate).
const OLD_AREA_BY_PREFIX: [u8; 1000] = {
    let mut by_prefix = [0u8; 1000];
    let mut entry = 0;
    while entry < OLD_AREA_CODES.len() {
        let old = OLD_AREA_CODES[entry].0.as_bytes();
        let mut code = 0;
        let mut i = 0;
        while i < old.len() {
            code = code * 10 + (old[i] - b'0') as usize;
            i += 1;
        }
        // The prefixes that begin with this code: 10 or 100 of them for a shorter code.
        let span = if old.len() == 1 {
            100
        } else if old.len() == 2 {
            10
        } else {
            1
        };
        let mut k = 0;
        while k < span {
            by_prefix[code * span + k] = entry as u8 + 1;
            k += 1;
        }
        entry += 1;
    }
    by_prefix
};

/// A landline written with its pre-2017 area code, renumbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OldLandline {
    pub number: VnNumber,
    /// Digits of the old area code (no trunk `0`): where the local number begins.
    pub old_area_len: usize,
}

/// Reads an NSN written with a pre-2017 area code: the old code, then a local number of the
/// length that area had (8 digits in Hà Nội and TP.HCM, 7 elsewhere) starting with 2 to 9
/// (local numbers never began with `0`, and `1` leads to services). The renumbered form must
/// be a valid landline today.
pub fn parse_old_landline(d: &[u8]) -> Option<OldLandline> {
    // No old area code began with 1 (services) or 9 (mobiles).
    if !(9..=10).contains(&d.len()) || matches!(d[0], b'1' | b'9') {
        return None;
    }
    let prefix =
        usize::from(digit(d, 0)) * 100 + usize::from(digit(d, 1)) * 10 + usize::from(digit(d, 2));
    let entry = usize::from(*OLD_AREA_BY_PREFIX.get(prefix)?);
    let &(old, new) = OLD_AREA_CODES.get(entry.checked_sub(1)?)?;
    let local = &d[old.len()..];
    let local_len = if old.len() == 1 { 8 } else { 7 };
    if local.len() != local_len || !(b'2'..=b'9').contains(&local[0]) {
        return None;
    }
    let mut renumbered = [0u8; 10];
    renumbered[..new.len()].copy_from_slice(new.as_bytes());
    renumbered[new.len()..new.len() + local.len()].copy_from_slice(local);
    let renumbered = &renumbered[..new.len() + local.len()];
    if !is_fixed_line(renumbered) {
        return None;
    }
    Some(OldLandline {
        number: VnNumber::new(renumbered, VnKind::FixedLine)?,
        old_area_len: old.len(),
    })
}

/// Mobile ranges the current plan (and libphonenumber) allows but no operator was ever given:
/// there a 10-digit number that is also an old landline is the landline.
pub fn is_unassigned_mobile_range(d: &[u8]) -> bool {
    d.len() == 9 && (d.starts_with(b"30") || d.starts_with(b"31"))
}

fn digit(d: &[u8], i: usize) -> u8 {
    d[i] - b'0'
}

fn is_mobile(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let (a, b, c) = (digit(d, 0), digit(d, 1), digit(d, 2));
    match a {
        3 => true,
        5 => matches!(b, 1 | 6 | 8 | 9) || (b == 2 && matches!(c, 2 | 3 | 8)) || (b == 5 && c == 9),
        7 => matches!(b, 0 | 6..=9),
        8 => (1..=8).contains(&b) || (b == 9 && c >= 6),
        9 => b <= 8 || (b == 9 && c != 2),
        _ => false,
    }
}

fn is_fixed_line(d: &[u8]) -> bool {
    if d.len() != 10 || d[0] != b'2' {
        return false;
    }
    let (b, c) = (digit(d, 1), digit(d, 2));
    match b {
        0 => c >= 3,
        1 => !matches!(c, 7),
        2 => !matches!(c, 3 | 4),
        3 | 8 => c >= 2,
        4 => (2..=8).contains(&c),
        5 => !matches!(c, 0 | 3),
        6 => !matches!(c, 4..=8),
        7 => c <= 7,
        9 => matches!(c, 0..=4 | 6 | 7 | 9),
        _ => false,
    }
}

fn is_network_69(d: &[u8]) -> bool {
    (7..=8).contains(&d.len()) && d.starts_with(b"69")
}

fn is_service(d: &[u8]) -> bool {
    (d.len() == 8 || d.len() == 10) && (d.starts_with(b"1800") || d.starts_with(b"1900"))
}

/// Classifies an NSN given as ASCII digits; legacy 11-digit mobiles come back renumbered.
pub fn parse_nsn(d: &[u8]) -> Option<VnNumber> {
    if is_mobile(d) {
        return VnNumber::new(d, VnKind::Mobile);
    }
    if is_fixed_line(d) {
        return VnNumber::new(d, VnKind::FixedLine);
    }
    if is_service(d) {
        return VnNumber::new(d, VnKind::Service);
    }
    if is_network_69(d) {
        return VnNumber::new(d, VnKind::Network69);
    }
    if d.len() == 10 {
        let (old, rest) = d.split_at(3);
        let (_, new) = LEGACY_MOBILE
            .iter()
            .find(|(legacy, _)| old == legacy.as_bytes())?;
        let mut renumbered = [0u8; 9];
        renumbered[..2].copy_from_slice(new.as_bytes());
        renumbered[2..].copy_from_slice(rest);
        return VnNumber::new(&renumbered, VnKind::Mobile);
    }
    None
}

/// A number written in national form (`0…`, or a bare `1800`/`1900` service number).
pub fn parse_national(d: &[u8]) -> Option<VnNumber> {
    match d.first() {
        Some(b'0') => parse_nsn(&d[1..]).filter(|n| n.kind != VnKind::Service),
        Some(b'1') => parse_nsn(d).filter(|n| n.kind == VnKind::Service),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national(s: &str) -> Option<(String, String)> {
        let valid = parse_national(s.as_bytes()).and_then(crate::detect::Valid::vietnam)?;
        Some((valid.e164(), valid.dial()))
    }

    #[test]
    fn every_current_mobile_prefix_is_accepted() {
        let prefixes = [
            "032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058",
            "059", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086",
            "087", "088", "089", "090", "091", "092", "093", "094", "096", "097", "098", "099",
        ];
        for p in prefixes {
            // Some prefixes are only partly in use: pick a tail inside the used block.
            let tail = match p {
                "089" => "6123456",
                "052" => "2123456",
                "055" => "9123456",
                _ => "1234567",
            };
            let number = format!("{p}{tail}");
            assert!(
                national(&number).is_some(),
                "{number} should be a mobile number"
            );
        }
    }

    #[test]
    fn unused_mobile_ranges_are_refused() {
        for n in [
            "0101234567",
            "0401234567",
            "0601234567",
            "0712345678",
            "0801234567",
            "0501234567",
        ] {
            assert_eq!(national(n), None, "{n}");
        }
    }

    #[test]
    fn landlines_need_eleven_digits_and_a_real_area_code() {
        assert_eq!(
            national("02838234567"),
            Some(("+842838234567".into(), "02838234567".into()))
        );
        assert_eq!(
            national("02439876543").map(|n| n.1),
            Some("02439876543".into())
        );
        assert_eq!(national("0283823456"), None, "one digit short");
        assert_eq!(national("02178234567"), None, "0217 is not an area code");
    }

    #[test]
    fn service_numbers_have_no_trunk_zero() {
        assert_eq!(
            national("1900545454"),
            Some(("+841900545454".into(), "1900545454".into()))
        );
        assert_eq!(
            national("18001234"),
            Some(("+8418001234".into(), "18001234".into()))
        );
        assert_eq!(
            national("190054545"),
            None,
            "nine digits: not a length we link"
        );
        assert_eq!(national("01900545454"), None);
    }

    #[test]
    fn the_old_area_code_table_covers_59_provinces_and_reads_unambiguously() {
        assert_eq!(OLD_AREA_CODES.len(), 59);
        for (i, (old, new)) in OLD_AREA_CODES.iter().enumerate() {
            let local = if old.len() == 1 {
                "38234567"
            } else {
                "3823456"
            };
            let written = format!("{old}{local}");
            let read = parse_old_landline(written.as_bytes()).map(|o| o.number);
            assert_eq!(
                read.map(|n| n.nsn().to_vec()),
                Some(format!("{new}{local}").into_bytes())
            );
            for (other, _) in &OLD_AREA_CODES[i + 1..] {
                assert!(
                    !old.starts_with(other) && !other.starts_with(old),
                    "{old} and {other}: one is a prefix of the other"
                );
            }
        }
        // Vĩnh Phúc, Phú Thọ, Hòa Bình and Hà Giang kept their codes.
        for kept in ["211", "210", "218", "219"] {
            assert!(OLD_AREA_CODES
                .iter()
                .all(|(old, new)| *old != kept && *new != kept));
        }
    }

    #[test]
    fn the_69_network_has_seven_or_eight_digits_behind_its_trunk_zero() {
        assert_eq!(
            national("069123456"),
            Some(("+8469123456".into(), "069123456".into()))
        );
        assert_eq!(national("0691234567"), None);
    }

    #[test]
    fn legacy_eleven_digit_mobiles_are_renumbered() {
        assert_eq!(
            national("01682861121"),
            Some(("+84382861121".into(), "0382861121".into()))
        );
        assert_eq!(
            national("01202861121").map(|n| n.1),
            Some("0702861121".into())
        );
        assert_eq!(
            national("01992861121").map(|n| n.1),
            Some("0592861121".into())
        );
        assert_eq!(
            national("01302861121"),
            None,
            "013x was never a mobile prefix"
        );
    }
}
