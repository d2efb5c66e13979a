//! Unique, standard-valid identifiers derived from an index: ID numbers, units with their
//! credit codes, and the provincial boards that issue 二级 certificates.

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom as _;
use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use super::stream_seed;
use crate::domain::records::Unit;
use crate::domain::{CreditCode, IdNumber};
use crate::sandbox::sample::{date, organization_check};

/// Multiplier of the index permutations. It is a prime larger than every prime factor of the
/// moduli used here (500, 31 districts, the windows' day counts and 10^8), so it is coprime to
/// each modulus `M` and `i * K + c mod M` is a bijection on `0..M`.
const SCRAMBLE: u128 = 2_654_435_761;

/// One district per province-level division: its GB/T 2260 code, a city name for unit names,
/// and the province's abbreviation on registration numbers.
pub(super) const DISTRICTS: [(&str, &str, char); 31] = [
    ("110105", "北京", '京'),
    ("120101", "天津", '津'),
    ("130102", "石家庄", '冀'),
    ("140105", "太原", '晋'),
    ("150102", "呼和浩特", '蒙'),
    ("210102", "沈阳", '辽'),
    ("220102", "长春", '吉'),
    ("230102", "哈尔滨", '黑'),
    ("310104", "上海", '沪'),
    ("320102", "南京", '苏'),
    ("330106", "杭州", '浙'),
    ("340102", "合肥", '皖'),
    ("350102", "福州", '闽'),
    ("360102", "南昌", '赣'),
    ("370102", "济南", '鲁'),
    ("410102", "郑州", '豫'),
    ("420106", "武汉", '鄂'),
    ("430102", "长沙", '湘'),
    ("440305", "深圳", '粤'),
    ("450102", "南宁", '桂'),
    ("460105", "海口", '琼'),
    ("500103", "重庆", '渝'),
    ("510107", "成都", '川'),
    ("520102", "贵阳", '黔'),
    ("530102", "昆明", '云'),
    ("540102", "拉萨", '藏'),
    ("610113", "西安", '陕'),
    ("620102", "兰州", '甘'),
    ("630102", "西宁", '青'),
    ("640104", "银川", '宁'),
    ("650102", "乌鲁木齐", '新'),
];

const TRADE_NAMES: [&str; 24] = [
    "宏远", "华建", "中诚", "鼎盛", "恒通", "安泰", "永固", "建安", "盛世", "天成", "广厦", "金石", "瑞丰", "长城",
    "东方", "兴业", "弘基", "正源", "中铁", "华路", "新城", "博远", "启明", "嘉禾",
];

const BUSINESSES: [&str; 8] =
    ["建设工程", "建筑工程", "路桥工程", "市政工程", "建工", "水利水电工程", "机电安装", "城建"];

const LEGAL_FORMS: [&str; 3] = ["有限公司", "集团有限公司", "股份有限公司"];

/// The range of birth dates an ID number is drawn from.
#[derive(Debug, Clone, Copy)]
pub(super) enum BirthWindow {
    /// 1962-01-01 to 1999-12-31: aged 26 to 64 on 2026-12-04.
    Working,
    /// 1951-01-01 to 1960-12-31: over 65 on 2026-12-04.
    Retirement,
}

impl BirthWindow {
    fn first_and_days(self) -> (NaiveDate, u64) {
        match self {
            Self::Working => (date(1962, 1, 1), 13_879),
            Self::Retirement => (date(1951, 1, 1), 3_653),
        }
    }
}

/// Builds holder `index`'s ID number. Within one window, distinct indexes below 15,500 times
/// the window's day count (56 million for the shorter window) give distinct numbers, through a
/// bijection onto district, birth date and sequence. The two windows never share a birth date.
pub(super) fn id_number(seed: u64, index: usize, window: BirthWindow, male: bool) -> (String, NaiveDate) {
    let (first, days) = window.first_and_days();
    // 500 sequence pairs (odd for men, even for women) per district and day.
    let modulus = 500 * DISTRICTS.len() as u128 * u128::from(days);
    let slot = (index as u128 * SCRAMBLE + u128::from(seed)) % modulus;
    let pair = slot % 500;
    let district = DISTRICTS[(slot / 500 % DISTRICTS.len() as u128) as usize].0;
    let day = u64::try_from(slot / 500 / DISTRICTS.len() as u128).unwrap_or_default();
    let birth = first.checked_add_days(Days::new(day)).unwrap_or(first);
    let sequence = pair * 2 + u128::from(male);
    let first17 = format!("{district}{}{sequence:03}", birth.format("%Y%m%d"));
    let id = IdNumber::from_first17(&first17).map(|id| id.as_str().to_owned()).unwrap_or_default();
    (id, birth)
}

/// Builds unit `index`: a plausible name, a district and a credit code whose organisation code
/// is a bijection of the index, so indexes below 10^8 give distinct codes.
pub(super) fn unit(seed: u64, index: usize) -> Unit {
    let mut rng = ChaCha8Rng::from_seed(stream_seed(seed, *b"unit\0\0", index));
    let (district, city, _) = *DISTRICTS.choose(&mut rng).unwrap_or(&DISTRICTS[0]);
    let name = format!(
        "{city}{}{}{}",
        TRADE_NAMES.choose(&mut rng).copied().unwrap_or("宏远"),
        BUSINESSES.choose(&mut rng).copied().unwrap_or("建设工程"),
        LEGAL_FORMS.choose(&mut rng).copied().unwrap_or("有限公司"),
    );
    let organization = (index as u128 * SCRAMBLE + u128::from(seed)) % 100_000_000;
    Unit { credit_code: credit_code("91", district, organization), name, region_code: district.to_owned() }
}

/// Builds a credit code from its registration-authority and type prefix, a district and an
/// 8-digit organisation number.
fn credit_code(prefix: &str, district: &str, organization: u128) -> String {
    let digits = format!("{organization:08}");
    let first17 = format!("{prefix}{district}{digits}{}", organization_check(&digits));
    CreditCode::from_first17(&first17).map(|c| c.as_str().to_owned()).unwrap_or_default()
}

/// The provincial housing departments that issue 二级 certificates, one per district.
pub(super) struct Boards {
    credit_codes: Vec<String>,
}

impl Boards {
    pub(super) fn new() -> Self {
        let credit_codes = DISTRICTS
            .iter()
            .enumerate()
            .map(|(i, (district, _, _))| credit_code("11", &format!("{}0000", &district[..2]), 10_000_000 + i as u128))
            .collect();
        Self { credit_codes }
    }

    /// Returns the issuer name and credit code of the board of a district.
    pub(super) fn issuer(&self, district: usize) -> (String, &str) {
        let (_, city, abbreviation) = DISTRICTS[district];
        let name = match abbreviation {
            '京' | '津' | '沪' | '渝' => format!("{city}市住房和城乡建设委员会"),
            _ => format!("{}住房和城乡建设厅", province_name(abbreviation)),
        };
        (name, self.credit_codes[district].as_str())
    }
}

fn province_name(abbreviation: char) -> &'static str {
    match abbreviation {
        '冀' => "河北省",
        '晋' => "山西省",
        '蒙' => "内蒙古自治区",
        '辽' => "辽宁省",
        '吉' => "吉林省",
        '黑' => "黑龙江省",
        '苏' => "江苏省",
        '浙' => "浙江省",
        '皖' => "安徽省",
        '闽' => "福建省",
        '赣' => "江西省",
        '鲁' => "山东省",
        '豫' => "河南省",
        '鄂' => "湖北省",
        '湘' => "湖南省",
        '粤' => "广东省",
        '桂' => "广西壮族自治区",
        '琼' => "海南省",
        '川' => "四川省",
        '黔' => "贵州省",
        '云' => "云南省",
        '藏' => "西藏自治区",
        '陕' => "陕西省",
        '甘' => "甘肃省",
        '青' => "青海省",
        '宁' => "宁夏回族自治区",
        '新' => "新疆维吾尔自治区",
        _ => "",
    }
}

/// Returns a random day between two days, both included.
pub(super) fn day_between(rng: &mut ChaCha8Rng, first: NaiveDate, last: NaiveDate) -> NaiveDate {
    let span = u64::try_from((last - first).num_days()).unwrap_or_default();
    first.checked_add_days(Days::new(rng.random_range(0..=span))).unwrap_or(first)
}
