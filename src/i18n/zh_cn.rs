//! Simplified Chinese (简体中文), the default language.

use super::Key;

/// Returns the text of a key.
#[expect(clippy::too_many_lines, reason = "one arm per string")]
#[expect(clippy::match_same_arms, reason = "different keys may share a text in one language but not in another")]
pub fn text(key: Key) -> &'static str {
    match key {
        Key::AppTitle => "筑证 CertDesk",
        Key::DemoPlatform => "演示平台",
        Key::NavMyCertificates => "我的证书",
        Key::NavRoster => "人员花名册",
        Key::Sync => "同步",
        Key::SyncProgress => "已同步 {records}/{total} 条（{pages} 页）",
        Key::SyncDone => "同步完成：已写入 {records} 条记录。",
        Key::LastSync => "上次同步：{time}",
        Key::NeverSynced => "尚未同步",
        Key::Offline => "离线：无法连接平台，正在显示本地缓存",
        Key::Dismiss => "关闭",
        Key::RoleHolder => "持证人",
        Key::RoleUnit => "企业管理员",
        Key::Search => "搜索",
        Key::SearchHint => "姓名、注册编号、专业或证件号",
        Key::CountSummary => "共 {count} 条",
        Key::EmptyCache => "本地缓存中还没有证书。点击“同步”从平台获取。",
        Key::SelectCertificate => "在列表中选择一本证书查看详情。",
        Key::ColName => "姓名",
        Key::ColRegNo => "注册编号",
        Key::ColQualification => "资格",
        Key::ColSpecialties => "注册专业",
        Key::ColIdNumber => "身份证件号码",
        Key::ColValidTo => "最早到期",
        Key::ColStatus => "状态",
        Key::StatusValid => "有效",
        Key::StatusCurrentVersion => "当前版本",
        Key::StatusSuperseded => "已作废（旧版本）",
        Key::StatusExpiring => "即将到期（剩余 {days} 天）",
        Key::StatusExpired => "已过期",
        Key::StatusNotYetValid => "尚未生效",
        Key::CertificateTitleSuffix => "注册证书",
        Key::SupersededNotice => "此版本已被新版本取代，不再有效，仅供查阅历史。",
        Key::FieldName => "姓名",
        Key::FieldSex => "性别",
        Key::FieldBirthDate => "出生日期",
        Key::FieldIdNumber => "身份证件号码",
        Key::FieldRegNo => "注册编号",
        Key::FieldEmployer => "聘用企业",
        Key::FieldCreditCode => "统一社会信用代码",
        Key::FieldSpecialties => "注册专业",
        Key::FieldIssuer => "签发机构",
        Key::FieldIssuedOn => "签发日期",
        Key::FieldVersion => "版本",
        Key::FieldLicenceId => "电子证照标识",
        Key::FieldPhoto => "照片",
        Key::FieldSignature => "本人签名",
        Key::FieldRecordSignature => "数字签名",
        Key::SignatureValid => "签名有效",
        Key::SignatureTampered => "内容被改动",
        Key::SignatureUntrusted => "签发机构不受信任",
        Key::SignatureMissing => "无数字签名",
        Key::ShowFullId => "显示完整号码",
        Key::HideFullId => "隐藏",
        Key::SexMale => "男",
        Key::SexFemale => "女",
        Key::SpecialtyName => "专业",
        Key::ValidFrom => "有效期起",
        Key::ValidTo => "有效期至",
        Key::ValidUntil => "有效期至{date}",
        Key::Versions => "版本记录",
        Key::VersionLine => "第 {version} 版 · {date} · {status}",
        Key::Yes => "是",
        Key::No => "否",
        Key::QualConstructor1 => "一级建造师",
        Key::QualConstructor2 => "二级建造师",
        Key::QualSupervisionEngineer => "注册监理工程师",
        Key::QualCostEngineer => "注册造价工程师",
        Key::QualSafetyEngineer => "注册安全工程师",
        Key::QualArchitect => "注册建筑师",
        Key::QualSurveyDesignEngineer => "勘察设计注册工程师",
        Key::IdEmpty => "没有填写身份证号码。",
        Key::IdScientificNotation => {
            "号码已被 Excel 变成科学计数法（如 1.10105E+17），后面的数字已经丢失，无法还原。请从原始资料重新录入，并把该列设为“文本”格式。"
        }
        Key::IdLength => "身份证号码应为18位（旧证15位），这里是{length}位。",
        Key::IdCharacter => "第{position}位“{character}”不应出现在身份证号码中：前17位只能是数字，第18位是数字或X。",
        Key::IdProvince => "前两位“{prefix}”不是任何省级行政区划代码。",
        Key::IdBirthDate => "第7至14位“{digits}”不是有效的出生日期。",
        Key::IdCheckCharacter => "第18位校验码应为{expected}，实际为{found}",
        Key::CreditCodeEmpty => "没有填写统一社会信用代码。",
        Key::CreditCodeLength => "统一社会信用代码应为18位，这里是{length}位。",
        Key::CreditCodeCharacter => {
            "第{position}位“{character}”不在统一社会信用代码的字符集中（不使用 I、O、S、V、Z）。"
        }
        Key::CreditCodeCheckCharacter => "第18位校验码应为{expected}，实际为{found}",
        Key::LicenceIdEmpty => "没有填写电子证照标识。",
        Key::LicenceIdRoot => "电子证照标识应以“{root}.”开头。",
        Key::LicenceIdParts => "根之后应有类型代码、签发机构代码、流水号、版本号和校验位5段，这里有{count}段。",
        Key::LicenceIdVersion => "版本号“{version}”应为3位数字。",
        Key::LicenceIdCharacter => "“{character}”不能出现在电子证照标识中：只能是数字和大写字母。",
        Key::LicenceIdCheckCharacter => "校验位应为{expected}，实际为{found}",
        Key::RegNoEmpty => "没有填写注册编号。",
        Key::RegNoProvince => "注册编号第1位“{character}”不是省份简称（军队为“军”）。",
        Key::RegNoLength => "注册编号应为1个汉字加12位数字，这里有{digits}位数字。",
        Key::RegNoCharacter => "注册编号第{position}位“{character}”应为数字。",
        Key::RegNoLevel => "注册编号第2位是级别，应为1或2，这里是{level}。",
        Key::RegNoProvinceCode => "注册编号第3至4位“{code}”不是初始注册省份代码。",
        Key::RegNoSealCheckCode => "括号中的印章校验码“{code}”应为2位数字，如“(02)”。",
        Key::ErrorInvalidUrl => "平台地址“{url}”无效：应以 https:// 开头，例如 https://127.0.0.1:8443。",
        Key::ErrorInvalidProxy => {
            "代理地址“{url}”无效：应以 http:// 或 https:// 开头，例如 http://proxy.example:3128。"
        }
        Key::ErrorInvalidCa => "CA 证书文件中没有 PEM 格式的证书。请选择平台提供的 .pem 证书文件。",
        Key::ErrorClient => "无法创建网络连接组件。请重启 CertDesk；如果问题仍在，请联系技术支持。",
        Key::ErrorUnreachable => "无法连接平台。请检查网络或平台地址，稍后再试；本地缓存中的证书仍可查看。",
        Key::ErrorUntrusted => "平台的证书不受信任，连接已中止。请确认平台地址，并使用平台提供的 CA 证书。",
        Key::ErrorTimedOut => "平台长时间没有响应。请稍后再试；本地缓存中的证书仍可查看。",
        Key::ErrorSignedOut => "登录已失效，请重新登录。",
        Key::ErrorWrongCredentials => "账号、密码或身份不正确，请检查后重新登录。",
        Key::ErrorStatus => "平台返回错误（HTTP {status}）。请稍后再试；如果一直出现，请联系平台运维。",
        Key::ErrorMalformed => "平台返回的数据无法识别，同步已停止；这一页未写入，之前已同步的页面保留。请稍后再试。",
        Key::ErrorPageOutOfSequence => {
            "平台返回的分页顺序错乱（页面重复或跳页），这一页未写入缓存。请稍后再同步；如果一直出现，请联系平台运维。"
        }
        Key::ErrorGaveUp => {
            "平台连续 {attempts} 次返回错误，同步已暂停，已同步的页面都已保存。请过几分钟再点“同步”，会从中断处继续；如果一直失败，请联系平台运维。"
        }
        Key::ErrorGaveUpOffline => {
            "连续 {attempts} 次连不上平台或等不到响应，同步已暂停，已同步的页面都已保存。请检查网络后再点“同步”，会从中断处继续。"
        }
        Key::SyncClockSkew => {
            "本机时钟与平台相差约 {minutes} 分钟。同步不受影响（进度以平台给出的位置为准），但证书是否过期按本机日期判断，请校准本机时间。"
        }
        Key::ErrorInvalidRecord => {
            "平台发来的证书记录 {certificate} 中字段 {field} 无效，本页未写入缓存。请联系平台运维。"
        }
        Key::ErrorStore => "读写本地缓存失败。请检查磁盘空间和数据文件夹权限后重试。",
        Key::ErrorNoHome => {
            "找不到用户主文件夹，无法确定数据文件夹。请用 --data-dir 或环境变量 CERTDESK_DATA_DIR 指定。"
        }
        Key::ErrorDataDir => {
            "无法使用数据文件夹 {path}：不能创建或写入。请检查路径和权限，或用 --data-dir 指定另一个文件夹。"
        }
        Key::ErrorDemoStart => "演示平台启动失败，正在显示本地缓存。请重启 CertDesk 后再试。",
        Key::ErrorWorker => "后台同步线程无法启动，只能查看本地缓存。请重启 CertDesk。",
        Key::ErrorCaMissing => "找不到平台的 CA 证书副本，请重新运行 certdesk login。",
        Key::ErrorSignInAgain => "未保存登录令牌，正在显示本地缓存。请运行 certdesk login 重新登录后同步。",
        Key::ErrorWindow => "无法打开窗口：{detail}。可尝试加上 --renderer glow 使用 OpenGL 渲染。",
        Key::CliUnknownArgument => "未知的参数“{arg}”。运行 certdesk --help 查看用法。",
        Key::CliUnknownCommand => "未知的命令“{command}”。运行 certdesk --help 查看可用命令。",
        Key::CliMissingArgument => "缺少参数 {arg}。运行 certdesk --help 查看用法。",
        Key::CliMissingCommand => "缺少子命令。运行 certdesk --help 查看可用命令。",
        Key::CliInvalidValue => "参数 {arg} 的值“{value}”无效。运行 certdesk --help 查看可用的值。",
        Key::CliUsage => "命令行参数有误。运行 certdesk --help 查看用法。",
        Key::CliReadFile => "无法读取文件 {path}：{detail}",
        Key::CliWriteFile => "无法写入文件 {path}：{detail}。请检查磁盘空间和权限。",
        Key::CliSandboxStart => "无法在 {addr} 启动演示平台：{detail}。请换一个地址或端口。",
        Key::CliLoggedIn => "已登录{platform}：{account}（{role}）。",
        Key::CliLogoutDone => "已退出{platform}的账号 {account}，登录令牌已删除。",
        Key::CliLogoutCacheDeleted => "本地缓存已删除。",
        Key::CliLogoutCacheKept => "本地缓存仍保留在本机；如需删除，请运行 certdesk logout --delete-cache。",
        Key::CliLogoutNone => "当前没有登录的账号，无需退出。",
        Key::CliTokenNotStored => {
            "提示：本机没有可用的系统凭据库，登录令牌不会保存到任何文件；下次同步时会再次要求输入密码（也可设置 CERTDESK_PASSWORD）。"
        }
        Key::CliPasswordMissing => "需要密码：请设置环境变量 CERTDESK_PASSWORD，或在终端中运行以便输入密码。",
        Key::CliPasswordPrompt => "密码：",
        Key::CliNotLoggedIn => {
            "还没有登录平台。请先运行 certdesk login --platform URL --ca-cert FILE --role holder|unit --account NAME。"
        }
        Key::CliNoCache => "本地还没有缓存的证书。请先运行 certdesk sync（或打开 CertDesk 窗口同步）。",
        Key::CliCertificateNotFound => "本地缓存中没有注册编号为 {number} 的证书。请检查编号，或先运行 certdesk sync。",
        Key::CliSyncProgress => "已同步 {records}/{total} 条，{pages} 页，{kib} KiB，每秒 {rate} 条",
        Key::CliSyncDone => "同步完成：获取 {fetched} 条，写入 {written} 条，共 {pages} 页，{bytes} 字节。",
        Key::ValidateNormalized => "规范化结果",
        Key::ValidateInvalid => "无效",
        Key::ValidateRegionCode => "行政区划代码",
        Key::ValidateResidencePermit => "港澳台居民居住证",
        Key::ValidateOrganizationCode => "组织机构代码",
        Key::ValidateProvince => "注册省份",
        Key::ValidateLevel => "级别",
        Key::ValidateInitialProvinceCode => "初始注册省份代码",
        Key::ValidateQualificationYear => "取得资格年份",
        Key::ValidateInitialRegistrationYear => "初始注册年份",
        Key::ValidateSerial => "流水号",
        Key::ValidateSealCheckCode => "印章校验码",
        Key::ValidateTypeCode => "证照类型代码",
        Key::ValidateIssuer => "签发机构代码",
        Key::ScenarioError => "场景文件 {file}，{location}：{problem}{fix}",
        Key::ScenarioUnreadable => "无法读取文件（{detail}）。",
        Key::ScenarioFixPath => "请检查文件路径和权限。",
        Key::ScenarioLineColumn => "第{line}行第{column}列",
        Key::ScenarioSyntax => "内容不是有效的场景 JSON（{detail}）。",
        Key::ScenarioFixSyntax => "请按 docs/sandbox-scenarios.md 修正该处。",
        Key::ScenarioUnknownPerson => "引用的人员 {value} 不在 persons 中。",
        Key::ScenarioFixAddPerson => "请在 persons 中加入此人，或改正证件号码。",
        Key::ScenarioUnknownUnit => "引用的单位 {value} 不在 units 中。",
        Key::ScenarioFixAddUnit => "请在 units 中加入该单位，或改正统一社会信用代码。",
        Key::ScenarioFixIdentifier => "请改正该编码。",
        Key::ScenarioNotNormalized => "应写成规范形式 {value}（大写、半角、无空格）。",
        Key::ScenarioDuplicate => "{value} 重复出现。",
        Key::ScenarioFixDuplicate => "请删除重复的条目或合并为一条。",
        Key::ScenarioOtherDocument => "非居民身份证的人员必须写明 sex 和 birth_date。",
        Key::ScenarioFixOtherDocument => "请补上 sex（male 或 female）和 birth_date（YYYY-MM-DD）。",
        Key::ScenarioSpecialties => "至少要有一个专业，且每个专业的 valid_to 不早于 valid_from。",
        Key::ScenarioFixSpecialties => "请检查各专业的有效期。",
        Key::ScenarioMonthRange => "缴费月份为空，或 from/to 不成对、from 晚于 to。",
        Key::ScenarioFixMonthRange => "请写出 months 列表，或同时写出 from 和 to（YYYY-MM）。",
        Key::MonthInvalid => "月份“{text}”无效：应为 YYYY-MM，月份为 01 至 12",
        Key::CliScenarioLoad => "{detail}",
    }
}
