//! Sort keys that put Chinese text in pinyin order (拼音顺序), the order of dictionaries and of the
//! rosters users keep: by the reading of the first character, then its tone, then the next
//! character.

use pinyin::ToPinyin as _;

/// Separates the readings of two characters. It sorts below every letter and tone digit, so 李
/// (li3) comes before 连 (lian2): a reading sorts before a longer one that it starts.
const SEPARATOR: char = '\u{1}';

/// Surnames whose reading differs from the most common reading of the character, with the
/// surname reading in the tone-number style. A name's first character is read with this table.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng1"),
    ('单', "shan4"),
    ('解', "xie4"),
    ('仇', "qiu2"),
    ('区', "ou1"),
    ('查', "zha1"),
    ('朴', "piao2"),
    ('覃', "qin2"),
    ('盖', "ge3"),
    ('缪', "miao4"),
    ('翟', "zhai2"),
    ('乐', "yue4"),
    ('尉', "yu4"),
    ('种', "chong2"),
    ('秘', "bi4"),
    ('召', "shao4"),
    ('员', "yun4"),
    ('繁', "po2"),
    ('万', "wan4"),
    ('长', "chang2"),
    ('重', "chong2"),
];

/// Builds the sort key of a person's name: the first character is read as a surname.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2);
    for (position, character) in name.trim().chars().enumerate() {
        let surname = (position == 0).then(|| surname_reading(character)).flatten();
        push_reading(&mut key, character, surname);
    }
    key
}

/// Builds the sort key of any text, such as a specialty or unit name.
pub fn text_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 2);
    for character in text.trim().chars() {
        push_reading(&mut key, character, None);
    }
    key
}

fn surname_reading(character: char) -> Option<&'static str> {
    SURNAME_READINGS.iter().find(|(surname, _)| *surname == character).map(|(_, reading)| *reading)
}

/// Appends the reading of one character, or the character itself in lower case when it has no
/// reading (Latin letters, digits, punctuation). The character follows its reading, so names
/// that start with 李 stay together before those that start with 里 (both li3), and two different
/// names never have the same key.
fn push_reading(key: &mut String, character: char, reading: Option<&str>) {
    match reading.or_else(|| character.to_pinyin().map(pinyin::Pinyin::with_tone_num_end)) {
        Some(reading) => {
            key.push_str(reading);
            key.push(SEPARATOR);
            key.push(character);
        }
        None => key.extend(character.to_lowercase()),
    }
    key.push(SEPARATOR);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|&name| name.to_owned()).collect();
        names.sort_by_cached_key(|name| name_key(name));
        names
    }

    #[test]
    fn names_sort_by_pinyin_not_code_point() {
        let names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊", "安然", "白雪"];
        assert_eq!(sorted(&names), ["安然", "白雪", "陈静", "李娜", "刘洋", "王芳", "张伟", "赵磊"]);
    }

    #[test]
    fn shorter_reading_sorts_first() {
        // li3 before lian2, although "lia" > "li3" would sort the other way without the separator.
        assert_eq!(sorted(&["连杰", "李杰"]), ["李杰", "连杰"]);
        assert_eq!(sorted(&["张三丰", "张三"]), ["张三", "张三丰"]);
    }

    #[test]
    fn tone_orders_same_letters() {
        // 妈 ma1, 麻 ma2, 马 ma3, 骂 ma4 as second characters after the same surname.
        assert_eq!(sorted(&["王骂", "王马", "王妈", "王麻"]), ["王妈", "王麻", "王马", "王骂"]);
    }

    #[test]
    fn surname_reading_wins() {
        // 曾 reads zeng1 as a surname, not ceng2, so it sorts after 程 cheng2 and before 张 zhang1.
        assert_eq!(sorted(&["张伟", "曾伟", "程伟"]), ["程伟", "曾伟", "张伟"]);
        // 单 reads shan4 as a surname, so it sorts after 邓 deng4 and before 宋 song4.
        assert_eq!(sorted(&["宋江", "单雄", "邓超"]), ["邓超", "单雄", "宋江"]);
        assert!(text_key("单位") < text_key("邓"), "outside names 单 keeps its reading dan1");
    }

    #[test]
    fn latin_and_rare_characters_have_keys() {
        assert_eq!(sorted(&["Zhang Wei", "anna", "王芳"]), ["anna", "王芳", "Zhang Wei"]);
        assert_ne!(name_key("李"), name_key("里"), "same reading li3, different characters");
        assert!(!name_key("𠮷").is_empty(), "a character outside the BMP still has a key");
    }
}
