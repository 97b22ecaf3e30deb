use super::*;

fn dials(text: &str) -> Vec<String> {
    find_numbers(text, NationalRules::Vietnam)
        .into_iter()
        .map(|f| f.dial)
        .collect()
}

fn raws(text: &str) -> Vec<String> {
    find_numbers(text, NationalRules::Vietnam)
        .into_iter()
        .map(|f| f.raw)
        .collect()
}

/// Each text holds exactly one number, dialled as given.
#[track_caller]
fn assert_each_dials(cases: &[(&str, &str)]) {
    for &(text, dial) in cases {
        assert_eq!(dials(text), vec![dial], "{text:?}");
    }
}

#[track_caller]
fn assert_none(text: &str) {
    assert_eq!(
        raws(text),
        Vec::<String>::new(),
        "nothing should be found in {text:?}"
    );
}

#[test]
fn vietnamese_mobiles_in_every_common_writing() {
    for text in [
        "0982861121",
        "0982 861 121",
        "0982.861.121",
        "0982-861-121",
        "098 286 1121",
        "+84982861121",
        "+84 982 861 121",
        "+84-982-861-121",
        "84982861121",
        "0084 982 861 121",
        "(+84) 982 861 121",
        "+84 (0) 982 861 121",
        "+84 0982 861 121",
        "0982\u{a0}861\u{a0}121",
    ] {
        assert_eq!(dials(text), vec!["0982861121"], "{text:?}");
        let found = &find_numbers(text, NationalRules::Vietnam)[0];
        assert_eq!(found.e164, "+84982861121", "{text:?}");
        assert_eq!(found.raw, text, "the whole of {text:?} is the number");
    }
}

#[test]
fn landlines_with_and_without_area_code_parentheses() {
    for text in [
        "02838234567",
        "028 3823 4567",
        "(028) 3823 4567",
        "028.3823.4567",
        "+84 28 3823 4567",
        "(+84) 28 3823 4567",
    ] {
        assert_eq!(dials(text), vec!["02838234567"], "{text:?}");
        assert_eq!(raws(text), vec![text.to_string()]);
    }
}

#[test]
fn service_numbers() {
    assert_eq!(
        dials("Tổng đài 1900 54 54 54 (1.000đ/phút)"),
        vec!["1900545454"]
    );
    assert_eq!(dials("Miễn phí: 1800 1234"), vec!["18001234"]);
    assert_eq!(dials("1800.6789.99"), vec!["1800678999"]);
    assert_none("18.000.332");
    assert_none("19 00 1234");
}

#[test]
fn legacy_mobiles_dial_in_their_new_form() {
    let found = find_numbers("SĐT cũ: 0168 286 1121", NationalRules::Vietnam);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].dial, "0382861121");
    assert_eq!(found[0].e164, "+84382861121");
    assert_eq!(found[0].raw, "0168 286 1121");
}

#[test]
fn other_countries_only_when_written_internationally() {
    assert_eq!(dials("US office +1 415-555-2671"), vec!["+14155552671"]);
    assert_eq!(dials("London +44 20 7946 0958"), vec!["+442079460958"]);
    assert_eq!(dials("London 0044 20 7946 0958"), vec!["+442079460958"]);
    assert_eq!(dials("Singapore +65 6123 4567"), vec!["+6561234567"]);
    assert_none("+1 015-555-2671");
    assert_none("+44 20 7946 09581234");
    assert_none("+999 1234 5678");
    assert_none("+0 982 861 121");
}

#[test]
fn several_numbers_in_a_line() {
    assert_eq!(
        dials("ĐT: 0982861121 / 0912 345 678, bàn (028) 3823 4567"),
        vec!["0982861121", "0912345678", "02838234567"]
    );
    assert_eq!(
        dials("0982861121 0912345678"),
        vec!["0982861121", "0912345678"]
    );
    assert_eq!(
        dials("0982861121, 0912345678; 0933333333"),
        vec!["0982861121", "0912345678", "0933333333"]
    );
}

#[test]
fn dates_and_times_are_not_numbers() {
    for text in [
        "12/03/2024",
        "2024-03-12",
        "12.03.2024",
        "12-03-2024",
        "2024-03-12T10:30:00Z",
        "ngày 02/03/2024 lúc 09:30",
        "02.03.2024 09:30:15",
        "20240312",
        "2024/03/12 10:30",
        "Thứ 2, 02-12-2024",
        "0203 2024",
    ] {
        assert_none(text);
    }
}

#[test]
fn money_is_not_a_number() {
    for text in [
        "1.250.000 đ",
        "319.867.130 đ",
        "2,500,000 VND",
        "0982861121 đ",
        "Giá: 0.982.861.121 VNĐ",
        "$0982861121",
        "84.982.861.121 đồng",
        "USD 0982861121",
        "0982861121₫",
    ] {
        assert_none(text);
    }
}

#[test]
fn machine_ids_are_not_numbers() {
    for text in [
        "192.168.100.123",
        "10.0.19041.1234",
        "v3.2.1",
        "c772f9ca-1c00-1238-a9bd-0050560123b5",
        "1562576163000",
        "INV0982861121",
        "DH-0982861121",
        "0982861121ABC",
        "1920x1080",
        "re2113maho8s8n7rqos7",
        "0982861121@acc01.mycc.vn",
        "#0982861121",
        "A_0982861121",
        "1.0982861121",
        "0982861121.5",
        "0982861121-12",
        "0982861121-2024",
        "SO0982861121",
        "x0982861121",
    ] {
        assert_none(text);
    }
}

#[test]
fn labelled_ids_accounts_and_tax_codes_are_not_numbers() {
    for text in [
        "MST: 0312345678",
        "Mã số thuế: 0312345678",
        "Tax code 0312345678",
        "STK: 0912345678",
        "Số tài khoản 0912345678",
        "CCCD: 079201012345",
        "CMND 0912345678",
        "Invoice #0912345678",
        "Mã đơn: 0912345678",
        "Order ID: 0912345678",
    ] {
        assert_none(text);
    }
    assert_eq!(
        dials("MST: 0312345678 - ĐT: 0912345678"),
        vec!["0912345678"]
    );
}

#[test]
fn wrong_lengths_and_unused_ranges_are_refused() {
    for text in [
        "098286112",
        "09828611211",
        "0282861121",
        "0692861121",
        "0102861121",
        "982861121",
        "001099012345",
        "079201012345",
        "0000000000",
        "1900 12",
        "190054545",
        "028 3823 456",
    ] {
        assert_none(text);
    }
}

#[test]
fn digit_runs_that_continue_past_a_number_are_refused() {
    assert_none("90982861121");
    assert_none("109828611210");
    assert_none("0982.861.121.5");
    assert_eq!(
        dials("0982861121 12 lần"),
        vec!["0982861121"],
        "a separate word after a space is not a continuation"
    );
}

#[test]
fn offsets_in_characters_and_utf16() {
    let text = "Gọi chị Hằng 😀 0982 861 121 nhé";
    let found = find_numbers(text, NationalRules::Vietnam);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    let chars: Vec<char> = text.chars().collect();
    let by_chars: String = chars[f.char_start..f.char_end].iter().collect();
    assert_eq!(by_chars, "0982 861 121");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[f.utf16_start..f.utf16_end]).unwrap(),
        "0982 861 121"
    );
    assert_eq!(
        f.utf16_start,
        f.char_start + 1,
        "the emoji takes two UTF-16 units"
    );
    assert_eq!(&text[f.byte_start..f.byte_end], "0982 861 121");
}

#[test]
fn parentheses_belong_to_the_number_only_when_closed_inside_it() {
    assert_eq!(raws("(0982861121)"), vec!["0982861121"]);
    assert_eq!(raws("Gọi (028) 3823 4567."), vec!["(028) 3823 4567"]);
    assert_eq!(
        raws("Hotline (+84) 982 861 121."),
        vec!["(+84) 982 861 121"]
    );
}

#[test]
fn numbers_next_to_vietnamese_words() {
    assert_eq!(dials("SĐT:0982861121"), vec!["0982861121"]);
    assert_eq!(dials("Liên hệ anh Đức - 0982861121"), vec!["0982861121"]);
    assert_eq!(dials("0982861121 để gọi lại"), vec!["0982861121"]);
    assert_eq!(dials("Chị Hà 0874408066 Đồng Tháp"), vec!["0874408066"]);
    assert_none("0982861121 Đồng");
    assert_none("Mã0982861121");
    assert_none("đ0982861121");
}

#[test]
fn international_only_rules_ignore_national_numbers() {
    let found = find_numbers(
        "0982861121 or +84 982 861 121",
        NationalRules::InternationalOnly,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].dial, "0982861121");
    assert!(NationalRules::for_country("vn").is_ok());
    assert_eq!(
        NationalRules::for_country("US"),
        Ok(NationalRules::InternationalOnly)
    );
    assert!(NationalRules::for_country("Vietnam").is_err());
    // Two letters are not enough: the region must exist.
    assert!(NationalRules::for_country("XX").is_err());
    assert!(NationalRules::for_country("ZZ").is_err());
}

#[test]
fn regions_are_sorted_known_and_carry_their_calling_code() {
    let all: Vec<(&str, u16)> = regions().collect();
    assert!(
        all.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted, no region twice"
    );
    assert!(all
        .iter()
        .all(|(r, _)| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase())));
    assert!(all.len() > 200, "every region, not a few: {}", all.len());
    assert_eq!(calling_code_of("VN"), Some(84));
    assert_eq!(calling_code_of("US"), Some(1));
    assert_eq!(calling_code_of("GB"), Some(44));
    assert_eq!(
        calling_code_of("vn"),
        None,
        "upper case only; for_country upper-cases"
    );
    for (region, _) in &all {
        assert!(NationalRules::for_country(region).is_ok(), "{region}");
    }
}

#[test]
fn parse_single_takes_a_whole_string_or_nothing() {
    let valid = parse_single(" 0982 861 121 ", NationalRules::Vietnam).unwrap();
    assert_eq!(
        (valid.dial(), valid.e164()),
        ("0982861121".into(), "+84982861121".into())
    );
    let valid = parse_single("+84982861121", NationalRules::Vietnam).unwrap();
    assert_eq!(valid.dial(), "0982861121");
    let valid = parse_single("1900 54 54 54", NationalRules::Vietnam).unwrap();
    assert_eq!(valid.dial(), "1900545454");
    let valid = parse_single("+1 415-555-2671", NationalRules::Vietnam).unwrap();
    assert_eq!(valid.dial(), "+14155552671");
    assert!(parse_single("0982861121 0912345678", NationalRules::Vietnam).is_none());
    assert!(parse_single("0982861121 ext 5", NationalRules::Vietnam).is_none());
    assert!(parse_single("", NationalRules::Vietnam).is_none());
}

#[test]
fn adversarial_inputs_stay_linear_and_never_panic() {
    let long_digits = "1".repeat(200_000);
    assert_none(&long_digits);
    let separators = " .-()".repeat(50_000);
    assert_none(&separators);
    let mut alternating = String::new();
    for _ in 0..50_000 {
        alternating.push_str("0 ");
    }
    assert_none(&alternating);
    let many = "0982861121 ".repeat(20_000);
    assert_eq!(find_numbers(&many, NationalRules::Vietnam).len(), 20_000);
    let mixed = "Số 😀\u{fffd}\u{0}(+(+((84-.-. ".repeat(10_000);
    let _ = find_numbers(&mixed, NationalRules::Vietnam);
}

#[test]
fn old_area_codes_dial_in_their_new_form() {
    for (text, dial) in [
        ("04.38637747", "02438637747"),
        ("(04) 3863 7747", "02438637747"),
        ("+84 4 3863 7747", "02438637747"),
        ("(84-4) 38637747", "02438637747"),
        ("08 3943 3770", "02839433770"),
        ("(08) 39433770", "02839433770"),
        ("+84 8 3943 3770", "02839433770"),
        ("031 3836611", "02253836611"),
        ("0313836611", "02253836611"),
        ("0511 3822 123", "02363822123"),
        ("05113822123", "02363822123"),
        ("(0650) 3822 123", "02743822123"),
        ("064.3852.123", "02543852123"),
        ("038 3844123", "02383844123"),
        ("(038) 384 4123", "02383844123"),
    ] {
        assert_eq!(dials(text), vec![dial], "{text:?}");
        assert_eq!(raws(text), vec![text.to_string()], "{text:?}");
    }
    let found = &find_numbers("04.38637747", NationalRules::Vietnam)[0];
    assert_eq!(found.e164, "+842438637747");
}

#[test]
fn current_mobiles_win_over_old_landlines_unless_written_as_landlines() {
    assert_each_dials(&[
        ("0839433770", "0839433770"),
        ("083 943 3770", "0839433770"),
        ("0839 433 770", "0839433770"),
        ("038 384 4123", "0383844123"),
        ("0383844123", "0383844123"),
        ("Fax: 0839433770", "02839433770"),
        ("ĐT bàn: 0383844123", "02383844123"),
    ]);
    assert_none("04.08637747");
    assert_none("0600123456");
    assert_none("04 3863 774");
}

#[test]
fn a_redundant_trunk_zero_after_a_country_code_set_apart() {
    assert_eq!(dials("(84) 028 38213111"), vec!["02838213111"]);
    assert_eq!(raws("(84) 028 38213111"), vec!["(84) 028 38213111"]);
    assert_eq!(dials("84 0982 861 121"), vec!["0982861121"]);
    assert_none("840982861121");
}

#[test]
fn bank_accounts_starting_00_are_not_international_numbers() {
    for text in [
        "0071000123456",
        "0081001234567",
        "0091000654321",
        "0011004123456",
        "CK tới 0071 0006 95432",
        "+7 100 123 4567",
        "+81 0 1234 5678",
    ] {
        assert_none(text);
    }
    assert_each_dials(&[
        ("Tokyo +81 3-1234-5678", "+81312345678"),
        ("0086 138 0013 8000", "+8613800138000"),
        ("Berlin +49 30 1234567", "+49301234567"),
        ("+61 2 9374 4000", "+61293744000"),
    ]);
}

#[test]
fn labels_glued_by_punctuation() {
    assert_each_dials(&[
        ("Tel.028 3823 4567", "02838234567"),
        ("ĐT.0982861121", "0982861121"),
        ("Fax:028.3823.4567", "02838234567"),
        ("Hotline:1900 54 54 54", "1900545454"),
        ("SĐT-0982 861 121", "0982861121"),
        ("T.02838234567", "02838234567"),
        ("Tel.(028) 3823 4567", "02838234567"),
    ]);
    assert_none("DH-0982861121");
    assert_none("KH.0982861121");
}

#[test]
fn numbers_joined_to_words_and_references_by_hyphens() {
    assert_eq!(raws("08 3943 3770-76"), vec!["08 3943 3770"]);
    assert_eq!(dials("ĐT: 028 3943 3770-76"), vec!["02839433770"]);
    assert_eq!(raws("ĐT 0243.8687933-P.Tuyển sinh"), vec!["0243.8687933"]);
    assert_eq!(
        dials("MBVCB.0451000123456-0912991625-Ung ho dong bao"),
        vec!["0912991625"]
    );
    assert_eq!(
        dials("0982861121-0912345678"),
        vec!["0982861121", "0912345678"]
    );
    assert_eq!(dials("0982861121_Nguyen Van A"), vec!["0982861121"]);
    assert_eq!(
        dials("IBFT-0912991625-Ung ho mien Trung"),
        vec!["0912991625"]
    );
    assert_none("DH-0982861121");
    assert_none("DH-0982861121-2");
    assert_none("2024-0982861121");
    assert_none("0982861121-2024");
    assert_none("0982_861_121");
}

#[test]
fn mixed_separators_in_groups_of_three_or_more() {
    assert_eq!(dials("0333.553 058"), vec!["0333553058"]);
    assert_eq!(dials("098.286 1121"), vec!["0982861121"]);
    assert_none("07-04-2020 14");
    assert_none("07.04 2020 14");
}

#[test]
fn full_width_digits_and_punctuation() {
    for (text, dial) in [
        ("０９８２８６１１２１", "0982861121"),
        ("（０２８）３８２３ ４５６７", "02838234567"),
        ("0982．861．121", "0982861121"),
        ("0982－861－121", "0982861121"),
        ("（028）38234567", "02838234567"),
        ("0982\u{3000}861\u{3000}121", "0982861121"),
    ] {
        assert_eq!(dials(text), vec![dial], "{text:?}");
        assert_eq!(raws(text), vec![text.to_string()], "{text:?}");
    }
    assert_none("０９８２８６１１２１５");
}

#[test]
fn a_space_inside_the_area_code_parenthesis() {
    assert_eq!(raws("ĐT: ( 0292) 3.822.751"), vec!["( 0292) 3.822.751"]);
    assert_eq!(dials("ĐT: ( 0292) 3.822.751"), vec!["02923822751"]);
}

#[test]
fn registration_codes_and_accounts_behind_more_labels() {
    for text in [
        "GPĐKKD: 0312345678",
        "ĐKKD số 0312345678",
        "Mã DN: 0312345678",
        "MSDN 0312345678",
        "Mã số DN: 0312345678",
        "Số CCCD: 079201012345",
        "CMND số 0912345678",
        "STK Vietcombank: 0071000123456",
        "STK: MB Bank 0912345678",
        "Số TK tại NH Techcombank 0912345678",
        "Số tài khoản ngân hàng ACB: 0912345678",
        "TK VCB 0912345678",
        "Giấy CNĐKDN số 0312345678 do Sở KHĐT cấp",
        "Mã ĐH: 0912345678",
        "Số tham chiếu: 0912345678",
    ] {
        assert_none(text);
    }
    assert_eq!(dials("Cửa hàng Minh Anh 0912345678"), vec!["0912345678"]);
    assert_eq!(dials("Gọi tại 0912345678"), vec!["0912345678"]);
}

#[test]
fn a_parenthesis_sets_a_number_apart_from_a_name() {
    assert_eq!(dials("Chị Lan(0912345678)"), vec!["0912345678"]);
    assert_eq!(dials("Anh Nam（０９１２３４５６７８）"), vec!["0912345678"]);
}

#[test]
fn an_area_code_set_apart_before_a_local_number_in_another_style() {
    assert_eq!(dials("0259 3.192.540"), vec!["02593192540"]);
    assert_eq!(dials("052.5 235 412"), vec!["02325235412"]);
    assert_eq!(dials("ĐT: 028.38 29 12 34"), vec!["02838291234"]);
    assert_none("09 12-03-2024");
}

#[test]
fn a_fax_is_a_landline_however_it_is_grouped() {
    assert_eq!(dials("Fax: 083 943 3770"), vec!["02839433770"]);
    assert_eq!(dials("Fax: 038 384 4123"), vec!["02383844123"]);
    assert_eq!(dials("ĐT: 083 943 3770"), vec!["0839433770"]);
    assert_eq!(dials("Tel: 0839433770"), vec!["0839433770"]);
    assert_eq!(
        dials("T: 0912 345 678  F: 0839433770"),
        vec!["0912345678", "02839433770"]
    );
}
