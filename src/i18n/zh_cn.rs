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
        Key::SyncDone => "同步完成：共写入 {records} 条记录（证书、社保、公积金、项目等）。",
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
        Key::ColRecordSignature => "签名",
        Key::StatusValid => "有效",
        Key::StatusCurrentVersion => "当前版本",
        Key::StatusSuperseded => "已作废（旧版本）",
        Key::StatusExpiring => "即将到期（剩余 {days} 天）",
        Key::StatusExpired => "已过期",
        Key::StatusNotYetValid => "尚未生效",
        Key::FilterSpecialty => "专业",
        Key::FilterAllSpecialties => "全部专业",
        Key::FilterValidity => "有效状态",
        Key::FilterAllValidity => "全部状态",
        Key::FilterExpiring => "即将到期",
        Key::SortHint => "点击按此列排序，再次点击反向排序",
        Key::SortAscending => "升序",
        Key::SortDescending => "降序",
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
        Key::ListSignatureValid => "已验证",
        Key::ListSignatureTampered => "被改动",
        Key::ListSignatureUntrusted => "不受信任",
        Key::ListSignatureMissing => "无签名",
        Key::ListSignatureUnchecked => "未核验",
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
        Key::ScenarioError => "场景文件 {file}，{location}：{problem}。{fix}",
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
        Key::NavImport => "导入",
        Key::ImportTitle => "导入社保／公积金缴费名单",
        Key::ImportKindSocialSecurity => "社保",
        Key::ImportKindHousingFund => "公积金",
        Key::ImportFilePath => "文件路径",
        Key::ImportFileHint => "粘贴 .xlsx、.xls 或 .csv 文件的完整路径",
        Key::ImportPreview => "预览",
        Key::ImportReading => "正在读取文件…",
        Key::ImportWriting => "正在写入本地缓存…",
        Key::ImportConfirm => "确认导入 {count} 行",
        Key::ImportBack => "返回证书列表",
        Key::ImportSummary => {
            "{format}，工作表“{sheet}”，表头在第 {header_row} 行：可导入 {accepted} 行，拒绝 {rejected} 行。确认前不会写入任何数据。"
        }
        Key::ImportAccepted => "可导入的行",
        Key::ImportRejected => "被拒绝的行",
        Key::ImportColRow => "行号",
        Key::ImportColUnit => "缴费单位",
        Key::ImportColMonths => "缴费月份",
        Key::ImportColReason => "原因",
        Key::ImportMonthSpan => "{from} 至 {to}（{count} 个月）",
        Key::ImportWrittenSocialSecurity => {
            "已导入社保缴费记录：新建人员 {persons} 人、单位 {units} 个，新增缴费月份 {added} 个，更新 {updated} 个。"
        }
        Key::ImportWrittenHousingFund => {
            "已导入公积金缴存记录：新建人员 {persons} 人、单位 {units} 个，新增缴存月份 {added} 个，更新 {updated} 个。"
        }
        Key::ImportNothingToWrite => "没有可导入的行，缓存未改动。",
        Key::ImportRowReason => "第{row}行：{problem}",
        Key::ImportNameMissing => "没有填写姓名。",
        Key::ImportIdInvalid => "身份证号码无效：{detail}",
        Key::ImportUnitCodeMissing => "没有填写单位统一社会信用代码，表头上方也没有。",
        Key::ImportUnitCodeInvalid => "单位统一社会信用代码无效：{detail}",
        Key::ImportUnitNameMissing => "没有填写单位名称，表头上方也没有。",
        Key::ImportMonthMissing => "没有填写缴费年月。",
        Key::ImportMonthUnreadable => {
            "缴费年月“{text}”无法识别：请写成 2026-01、2026/01、202601、2026年1月，或 2026-01至2026-06 这样的起止月份。"
        }
        Key::ImportMonthAmbiguous => {
            "缴费年月“{text}”有歧义：Excel 把它存成了数字，可能是{year}年1月，也可能是{year}年10月。请把该列设为文本格式后重新导出。"
        }
        Key::ImportMonthOpenEnded => "缴费起止“{text}”没有截止月份，请写明截止年月。",
        Key::ImportMonthReversed => "缴费起止“{text}”的截止月份早于开始月份。",
        Key::ImportDuplicateRow => "与第{first}行重复（同一人员、单位和月份），只导入一次。",
        Key::ImportNameConflict => "身份证号码与第{first}行相同，但姓名不同（“{name}”与“{first_name}”），请核对。",
        Key::ImportErrorRead => "无法读取文件 {path}：{detail}。请检查文件路径和读取权限。",
        Key::ImportErrorEmpty => "文件是空的，没有任何数据。请确认导出已完成后重新选择文件。",
        Key::ImportErrorOtherFormat => {
            "文件内容是 {format} 文件，不是 Excel 表格（.xlsx、.xls）或 CSV 文本。请选择从网上经办系统导出的人员名单。"
        }
        Key::ImportErrorNotSpreadsheet => {
            "文件内容不是 Excel 表格（.xlsx、.xls），也不是 UTF-8 或 GBK 编码的 CSV 文本。请选择从网上经办系统导出的人员名单。"
        }
        Key::ImportErrorUnreadableWorkbook => {
            "文件看起来是 {format} 工作簿，但无法读取，可能已损坏或加了密码。请在 Excel 中打开并另存为 .xlsx 后重试。"
        }
        Key::ImportErrorNoHeader => {
            "找不到表头：前 {rows} 行中没有“身份证号码”列（也认“公民身份号码”“身份证号”“证件号码”）。请确认文件是社保或公积金人员名单。"
        }
        Key::CliImportSummary => "可导入 {accepted} 行，拒绝 {rejected} 行。",
        Key::CliImportDryRun => "试运行：没有写入缓存。",
        Key::FindingTitleC01 => "一人多单位注册",
        Key::FindingTitleC02 => "注册单位与社保单位不一致",
        Key::FindingTitleC03 => "同月多家单位缴纳社保",
        Key::FindingTitleC04 => "近期无社保记录",
        Key::FindingTitleC05 => "公积金单位不一致",
        Key::FindingTitleC06 => "安管B证单位不一致",
        Key::FindingTitleC07 => "同时担任多个在建项目负责人",
        Key::FindingTitleC08 => "超龄或注册已过期",
        Key::FindingTitleC09 => "专业即将到期",
        Key::FindingTitleC10 => "证书复印件即将失效",
        Key::FindingTitleC11 => "继续教育学时不足",
        Key::FindingTitleC12 => "一年内多次变更注册",
        Key::FindingC01 => {
            "同一身份证件号码在 {count} 家单位注册了执业资格：{units}。监管部门会按“一人多处注册”处理，这属于不予注册的情形。"
        }
        Key::FixC01 => "请只保留实际工作单位的注册，到其他单位办理注销或变更注册。",
        Key::FindingC02 => {
            "证书注册在 {registration}，但近期社保由 {payers} 缴纳，且没有登记可豁免的情形。这是认定“挂证”的主要依据。"
        }
        Key::FixC02 => {
            "请办理变更注册到 {payers}，或由 {registration} 为本人缴纳社保、由 {payers} 停止缴纳；如属退休、事业单位身份等豁免情形，请登记豁免并上传证明。"
        }
        Key::FindingC03 => "{months} 同一个月有 {count} 家单位同时缴纳社保。",
        Key::FixC03 => "请核实实际用人单位，由其他单位办理社保减员并申请退费。",
        Key::FindingC04 => "{months} 没有任何社保缴纳记录，而证书仍在注册。",
        Key::FixC04 => "请由 {registration} 补缴社保；如已退休或属其他豁免情形，请登记豁免并上传证明。",
        Key::FindingC05 => "证书注册在 {registration}，近期公积金由 {payers} 缴纳。",
        Key::FixC05 => "请将公积金转入 {registration} 缴纳。",
        Key::FindingC06 => "安全生产考核合格证书（B证）登记在 {safety}，与建造师注册单位 {registration} 不一致。",
        Key::FixC06 => "请将 B 证变更到 {registration}。",
        Key::FindingC07 => {
            "同时担任 {count} 个在建项目的项目负责人：{projects}，且不属于相邻标段、已通过合同验收或停工满120天并经建设单位同意的情形。"
        }
        Key::FixC07 => "请为其中一个项目办理项目负责人变更，或补充可适用例外情形的证明材料。",
        Key::FindingC08Age => "已于 {date} 年满65周岁，注册已失效，但证书仍显示为注册状态。",
        Key::FixC08Age => "请办理注销注册。",
        Key::FindingC08Expired => "专业“{specialty}”已于 {date} 到期，未办理延续注册。",
        Key::FixC08Expired => "该专业不能再执业；请办理重新注册或注销该专业。",
        Key::FindingC09 => "专业“{specialty}”将于 {date} 到期（剩余 {days} 天）。",
        Key::FixC09 => "延续注册须在到期前30天提出，请在 {deadline} 前提交延续注册申请。",
        Key::FindingC10Lapsed => "导出的证书复印件“{copy}”已于 {date} 过了使用时限。",
        Key::FindingC10Lapsing => "导出的证书复印件“{copy}”将于 {date} 过使用时限。",
        Key::FixC10 => "如仍需使用，请重新导出并加注用途。",
        Key::FindingC11 => {
            "专业“{specialty}”本注册期继续教育学时不足：必修 {compulsory}/60 学时，选修 {elective}/60 学时。"
        }
        Key::FixC11 => "请在 {date} 之前补足学时（目前是否强制执行尚不确定，作为提醒）。",
        Key::FindingC12 => "12个月内办理了 {count} 次变更或增项注册，部分省份会重点核查。",
        Key::FixC12 => "请保留每次变更的劳动合同和离职证明，以备核查。",
        Key::CheckSummary => "检查了 {people} 人（截至 {date}）：发现 {findings} 项，其中 {open} 项待处理。",
        Key::SeverityLow => "低",
        Key::SeverityMedium => "中",
        Key::SeverityHigh => "高",
        Key::FindingOpen => "待处理",
        Key::FindingExplained => "已说明（豁免）",
        Key::FindingExplainedBy => {
            "“{finding}”已登记豁免情形：{exemption}（证明材料：{file}）。按规定原则上不认定为挂证，仍保留在此作为记录。"
        }
        Key::FixExplained => "无需处理；请保存好证明材料，豁免情形变化时及时更新。",
        Key::ExemptionRetired => "退休或依法提前退休",
        Key::ExemptionPublicInstitution => "改制后保留事业单位身份",
        Key::ExemptionUniversityConsulting => "高校教师在本校所属咨询单位执业",
        Key::ExemptionDemobilisedMilitary => "军队自主择业人员",
        Key::ExemptionInsuranceBoughtOut => "改制或征地中社保已买断",
        Key::ExemptionOtherLegalBasis => "其他法律法规或政策依据",
        Key::NavCompliance => "合规检查",
        Key::RunChecks => "重新检查",
        Key::SelectFinding => "选择一条检查结果查看证据。",
        Key::FindingSearchHint => "姓名、注册编号或证件号",
        Key::OpenOnly => "只看待处理",
        Key::ShowAllCodes => "显示全部",
        Key::ExportPath => "导出到",
        Key::ExportFindings => "导出 Excel",
        Key::ExportedTo => "已导出到 {path}",
        Key::ColFinding => "检查项",
        Key::ColSeverity => "严重程度",
        Key::ColFindingStatus => "处理状态",
        Key::ColExplanation => "说明",
        Key::ColFix => "处理建议",
        Key::ColUnits => "涉及单位",
        Key::ColAsOf => "检查日期",
        Key::FixLine => "处理建议：{fix}",
        Key::AsOfLine => "检查日期：{date}",
        Key::EvidenceTitle => "证据",
        Key::EvidenceRegistration => "注册：{number}，注册单位 {unit}",
        Key::EvidenceSocialSecurity => "社保：{unit} 缴纳 {months}",
        Key::EvidenceHousingFund => "公积金：{unit} 缴纳 {months}",
        Key::EvidenceMissing => "以下月份无社保：{months}",
        Key::EvidenceSafety => "安管证 {number}，登记单位 {unit}",
        Key::EvidenceProject => "在建项目 {id}「{name}」，开工 {date}",
        Key::EvidenceDate => "{subject}：{date}",
        Key::EvidenceHours => "{specialty}：必修 {compulsory} 学时，选修 {elective} 学时",
        Key::EvidenceApplications => "12个月内的申请：{list}",
        Key::EvidenceExemption => "已登记豁免：{kind}，证明材料 {file}",
        Key::WhoUsesMyCertificate => "谁在使用我的证书：以下单位出现在您的注册、社保、公积金或安管证记录中",
        Key::NamedByRegistration => "注册单位",
        Key::NamedBySocialSecurity => "缴纳社保",
        Key::NamedByHousingFund => "缴纳公积金",
        Key::NamedBySafetyCertificate => "安管证登记",
        Key::DeclaredEmployer => "已声明：我实际在此工作",
        Key::DeclareEmployer => "我实际在此工作",
        Key::DeclareHint => "请声明您实际工作的单位；只有您本人能确认，数据中看不出。",
        Key::MismatchWarning => {
            "有单位在您不在该单位工作的情况下使用您的证书注册。下面是可以保存或打印的举报材料草稿。"
        }
        Key::ReportDraft => "举报材料草稿",
        Key::SaveReport => "保存为文本文件",
        Key::NoReport => "没有需要保存的举报材料。",
        Key::ReportSaved => "举报材料已保存到 {path}",
        Key::ReportTemplate => {
            "举报材料（草稿）\n\n举报人：{name}（身份证件号码 {id}）\n\n本人实际工作单位为 {declared}。经查询，本人的注册证书仍被以下单位注册使用：{registrations}。本人未在上述单位工作，亦未同意其使用本人证书。\n\n相关记录：\n{evidence}\n\n请主管部门依法核查处理。\n\n举报人（签名）：\n日期：{date}\n"
        }
        Key::ExportPdfTitle => "{qualification}电子注册证书",
        Key::ExportPdfSubtitle => "电子证书导出件 · 由 CertDesk 生成，仅限加注用途使用",
        Key::ExportSpecialtyWindow => "有效期 {from} 至 {to}",
        Key::ExportUsableUntil => "本导出件使用期限至：{date}",
        Key::ExportExportedOn => "导出日期：{date}",
        Key::ExportQrCaption => "离线验证：用 CertDesk 打开本文件，或粘贴二维码内容",
        Key::ExportHandSignNote => "打印件须持证人本人手写签名方可使用。",
        Key::ExportWatermark => "加注：{purpose}｜接收方：{recipient}｜导出日期：{exported}｜使用期限至：{until}",
        Key::ExportWatermarkMarker => "加注：",
        Key::ExportWatermarkEndLabel => "使用期限至：",
        Key::ExportNoPurpose => "未注明用途",
        Key::ExportNoRecipient => "未注明",
        Key::ExportAttachmentDescription => "CertDesk 签名数据（与二维码内容相同）",
        Key::ExportMissingGlyph => {
            "无法导出：内置字体没有“{character}”（{code}，位于“{field}”），未写入任何文件。请把这个字告诉 CertDesk 开发者。"
        }
        Key::ExportReservedText => "用途和接收方中不能包含“{text}”，因为它标记加注的起止。请改写后再导出。",
        Key::ExportPurposeMissing => {
            "请填写用途（加注），例如“仅用于XX项目投标”；确需不注明用途时，请明确选择不加注（命令行用 --no-purpose）。"
        }
        Key::ExportRenderFailed => "生成导出文件失败：{detail}",
        Key::ExportKeyFailed => "无法读取或创建导出签名密钥：{detail}。请检查数据文件夹的权限。",
        Key::ExportDone => "已导出 {path}，使用期限至 {until}，已记入用证台账。",
        Key::ExportsEmpty => "用证台账中还没有导出记录。",
        Key::VerifyNoPayload => {
            "没有找到 CertDesk 签名数据：这不是 CertDesk 导出的 PDF，图片中没有可识别的二维码，或粘贴的不是 CertDesk 二维码内容。"
        }
        Key::VerifyUnsupportedFile => "只能验证 PDF、PNG 或 JPEG 文件。",
        Key::VerdictGenuine => {
            "真实有效：这是 {number} 第 {version} 版证书的 CertDesk 导出件，签名和加注均未改动，可使用至 {until}。"
        }
        Key::VerdictAltered => "已被改动：签名数据或加注内容与签发时不符，这份副本不能作为证明。",
        Key::VerdictUntrustedKey => {
            "来源不可信：这份副本由不在信任列表中的密钥（{key}）签名，无法确认出自哪台 CertDesk。"
        }
        Key::VerdictSuperseded => "已被取代：{number} 的第 {version} 版证书已被第 {newer} 版取代，这份副本已失效。",
        Key::VerdictPastUsagePeriod => "已过使用期限：这份副本只能使用到 {until}，请重新导出。",
        Key::KeysPublicKey => "本机导出签名公钥（{key_id}）：{key}",
        Key::KeysAdded => "已信任密钥 {key_id}（{label}）。",
        Key::KeysInvalid => "无效的 SM2 公钥：请粘贴以 04 开头的 130 位十六进制公钥。",
        Key::ExportPdfAction => "导出 PDF",
        Key::ExportPurposeLabel => "用途（加注）",
        Key::ExportPurposeHint => "例如：仅用于XX项目投标",
        Key::ExportNoPurposeChoice => "不注明用途（明确选择）",
        Key::ExportRecipientLabel => "接收方",
        Key::ExportFullIdChoice => "显示完整证件号码",
        Key::ExportPathLabel => "保存到（文件路径）",
        Key::ExportPathHint => "以 .png 结尾则保存为图片，否则保存为 PDF",
        Key::ExportPathMissing => "请填写保存 PDF 的文件路径。",
        Key::ExportSubmit => "导出",
        Key::Cancel => "取消",
        Key::ExportRunning => "正在导出…",
        Key::NavRegister => "用证台账",
        Key::NavRegisterLapsing => "用证台账（{count} 份将到期）",
        Key::NavVerify => "验证",
        Key::RegisterFilter => "筛选",
        Key::RegisterFilterHint => "姓名、注册编号、用途、接收方或文件名",
        Key::RegisterColExportedOn => "导出日期",
        Key::RegisterColPurpose => "用途",
        Key::RegisterColRecipient => "接收方",
        Key::RegisterColFile => "文件",
        Key::RegisterColSha256 => "文件 SHA-256",
        Key::RegisterColUsableUntil => "使用期限至",
        Key::RegisterColSource => "来源",
        Key::RegisterLapsingSoon => "提醒：{count} 份导出件将在 14 天内过期，需要时请重新导出。",
        Key::RegisterLapsesIn => "{days} 天后过期",
        Key::RegisterLapsed => "已过期",
        Key::RegisterExcelPath => "Excel 文件路径",
        Key::RegisterExcelExport => "导出 Excel",
        Key::RegisterExcelDone => "已把用证台账导出到 {path}。",
        Key::VerifyInputLabel => "粘贴二维码内容，或输入 CertDesk 导出的 PDF、PNG 文件路径",
        Key::VerifyAction => "验证",
        Key::BatchProgress => "已导出 {done}/{total}：{file}",
        Key::BatchItemFailed => "{number} 导出失败：{detail}",
        Key::BatchSummary => "批量导出完成：写入 {written} 份，失败 {failed} 份，已记入用证台账。",
        Key::NavBatch => "批量导出",
        Key::BatchFolderLabel => "保存到文件夹",
        Key::BatchPngChoice => "保存为图片（PNG）",
        Key::BatchStart => "导出全部当前证书",
        Key::BatchCount => "{done}/{total}",
        Key::BatchFolderMissing => "请填写保存文件的文件夹。",
        Key::IoNotFound => "文件或文件夹不存在",
        Key::IoPermissionDenied => "没有读写权限",
        Key::IoNotADirectory => "路径中有一段是文件而不是文件夹",
        Key::IoIsADirectory => "这是一个文件夹，不是文件",
        Key::IoAddrInUse => "端口已被其他程序占用",
        Key::IoAddrNotAvailable => "本机没有这个地址",
        Key::IoStorageFull => "磁盘已满",
        Key::IoInvalidData => "内容不是有效的 UTF-8 文本",
        Key::IoOther => "系统读写错误",
        Key::FixC09Late => {
            "已过到期前30天的延续注册申请期限（{deadline}），请立即提交延续注册申请；到期后未延续需重新注册。"
        }
        Key::FullIdInReport => "在举报材料中写入完整身份证件号码",
        Key::FindingsExportHint => "留空则保存到数据文件夹的 exports 目录",
        Key::LevelOne => "一级",
        Key::LevelTwo => "二级",
        Key::YearDisplay => "{year}年",
        Key::HelpAbout => "筑证 CertDesk：电子注册证书、变更注册与挂证风险检查。不带子命令时打开窗口。",
        Key::HelpDataDir => "数据文件夹（默认：环境变量 CERTDESK_DATA_DIR，其次为系统数据文件夹）",
        Key::HelpRenderer => "窗口渲染方式：wgpu（默认）或 glow（OpenGL）",
        Key::HelpSandbox => "运行演示平台",
        Key::HelpSandboxServe => "运行演示平台直到中断；输出的第一行是包含地址、CA 证书文件和账号的 JSON",
        Key::HelpAddr => "监听地址（端口 0 由系统分配）",
        Key::HelpCaOut => "CA 证书写到哪里（默认：数据文件夹中的 sandbox-ca.pem）",
        Key::HelpScenario => "改为提供此场景文件中的数据",
        Key::HelpSandboxGenerate => "把演示数据写成场景文件，以便修改后用 serve --scenario 提供",
        Key::HelpGenerateOut => "要写入的场景文件",
        Key::HelpLogin => "登录平台，并记为当前平台",
        Key::HelpPlatform => "平台地址，例如 https://127.0.0.1:8443",
        Key::HelpCaCert => "签发平台 TLS 证书的 CA 证书（PEM 文件）",
        Key::HelpRole => "登录身份：holder（持证人）或 unit（企业管理员）",
        Key::HelpAccount => "账号",
        Key::HelpSync => "把当前账号的数据同步到本地缓存",
        Key::HelpSyncJson => "最后输出一个汇总本次同步的 JSON 对象",
        Key::HelpCerts => "读取缓存中的证书",
        Key::HelpCertsList => "列出缓存中所有证书版本",
        Key::HelpCertsShow => "显示一本证书的全部照面信息",
        Key::HelpJson => "以 JSON 输出",
        Key::HelpRegistrationNumber => "注册编号，例如 京111050700001",
        Key::HelpFullId => "显示完整身份证件号码（默认打码）",
        Key::HelpCheck => "对缓存运行挂证检查（C01–C12）",
        Key::HelpCheckUnit => "只检查与该单位（统一社会信用代码）有关的人员",
        Key::HelpCheckPerson => "只检查此人（身份证件号码）",
        Key::HelpAsOf => "检查日期 YYYY-MM-DD（默认：北京时间今天）",
        Key::HelpExport => "把证书当前版本导出为带用途水印和签名二维码的 PDF 副本",
        Key::HelpExportAll => "导出缓存中所有当前证书（企业全部人员）到 --out-dir",
        Key::HelpExportOutDir => "--all 的输出文件夹",
        Key::HelpExportFormat => "--all 的文件格式",
        Key::HelpExportPdf => "PDF 文件路径（A4）",
        Key::HelpExportPng => "照面图片（PNG）路径，便于发到聊天软件",
        Key::HelpExportPurpose => "用途（加注），例如 仅用于XX项目投标",
        Key::HelpExportNoPurpose => "不注明用途导出（水印写“未注明用途”）",
        Key::HelpExportRecipient => "接收方，写入水印",
        Key::HelpVerify => "离线验证导出件：筑证 PDF、PNG 或二维码文本",
        Key::HelpVerifyFile => "PDF 或 PNG 文件",
        Key::HelpVerifyQr => "二维码中的文本",
        Key::HelpExports => "用证台账",
        Key::HelpExportsList => "列出用证台账",
        Key::HelpExportsExcel => "把用证台账保存为 Excel",
        Key::HelpExcelFile => "Excel 文件路径",
        Key::HelpKeys => "导出签名密钥",
        Key::HelpKeysShow => "显示本机的导出签名公钥",
        Key::HelpKeysTrust => "信任另一台电脑的导出签名公钥",
        Key::HelpKeysTrustKey => "公钥（十六进制）",
        Key::HelpKeysTrustLabel => "这把公钥的备注名",
        Key::HelpValidate => "校验一个编码并显示它包含的信息",
        Key::HelpValidateKind => "编码类型：id、credit-code、reg-no、licence-id",
        Key::HelpValidateValue => "要校验的值",
        Key::HelpImport => "导入社保或公积金名单（.xlsx、.xls、CSV）",
        Key::HelpImportKind => "名单类型：social-security（社保）或 housing-fund（公积金）",
        Key::HelpImportFile => "名单文件",
        Key::HelpImportDryRun => "只预览，不写入",
        Key::MaterialRead => "无法读取该文件（{detail}）。请确认文件还在原处，然后重新选择。",
        Key::MaterialEmpty => "该文件是空的（0 字节），请选择扫描件或电子文件本身。",
        Key::MaterialTooLarge => "该文件有 {size} MB，超过 {limit} MB 的上限。请降低扫描分辨率或分页扫描后再上传。",
        Key::MaterialLooksLike => {
            "该文件实际是 {kind} 文件，不是 PDF、OFD、JPG 或 PNG（改文件扩展名没有用）。请上传材料本身。"
        }
        Key::MaterialUnsupported => "该文件不是 PDF、OFD、JPG 或 PNG 格式。请另存为其中一种格式后上传。",
        Key::MaterialUnreadable => "该 {format} 文件已损坏或无法打开，请重新导出或重新扫描。",
        Key::MaterialDuplicate => "该文件与已添加的“{name}”完全相同，无需重复添加。",
        Key::MaterialCopy => "无法把文件复制到数据文件夹（{detail}），申请草稿未改变。请检查磁盘空间后重试。",
        Key::MaterialApplicationForm => "注册申请表",
        Key::MaterialQualificationCertificate => "资格证书",
        Key::MaterialIdDocument => "身份证明",
        Key::MaterialLabourContract => "劳动合同",
        Key::MaterialContinuingEducationProof => "继续教育证明",
        Key::MaterialLeavingProof => "解除或终止劳动合同证明（或劳动仲裁裁决）",
        Key::MaterialRetirementCertificate => "退休证明",
        Key::MaterialSocialSecurityProof => "新单位社保缴纳证明",
        Key::MaterialChangeEvidence => "变更证明（营业执照变更记录或身份证件）",
        Key::MaterialHolderCancellationRequest => "持证人本人的注销申请",
        Key::PreCheckMissing => "缺少必须的材料：{material}。",
        Key::PreCheckMissingOneOf => "缺少材料：{material}或{other}，至少需要其中一份。",
        Key::PreCheckFixMissing => "请添加该材料（PDF、OFD、JPG 或 PNG）。",
        Key::PreCheckOverAge => "已于 {date} 年满65周岁，不能再办理注册。",
        Key::PreCheckFixOverAge => "请改为办理注销注册。",
        Key::PreCheckExpired => "专业“{specialty}”已于 {date} 到期，不能再延续注册。",
        Key::PreCheckFixExpired => "请改为办理重新注册。",
        Key::PreCheckLateRenewal => "专业“{specialty}”的延续注册应在 {deadline} 前提交，现已超过到期前30天的期限。",
        Key::PreCheckFixLateRenewal => "请尽快联系主管部门了解补救办法；到期后需办理重新注册。",
        Key::PreCheckUnfinishedProject => {
            "本人是在建项目“{project}”的项目负责人，项目竣工验收或移交前不能变更到其他单位。"
        }
        Key::PreCheckFixUnfinishedProject => "请先办理该项目的项目负责人变更，或待项目竣工验收后再申请。",
        Key::PreCheckRegisteredElsewhere => "本人已在 {unit} 注册（{number}），同时在两个单位注册将不予注册。",
        Key::PreCheckFixRegisteredElsewhere => "请先在原单位办理注销或变更注册。",
        Key::PreCheckFixEducation => "可以提交，但建议先补足学时；如坚持提交，请填写理由。",
        Key::PreCheckNoSocialSecurity => "新单位尚未为本人缴纳社保，审核时常被要求补充。",
        Key::PreCheckFixNoSocialSecurity => "建议先由新单位办理社保增员；如坚持提交，请填写理由。",
        Key::PreCheckAlreadyPending => "同一类型的申请（{id}）仍在办理中。",
        Key::PreCheckFixAlreadyPending => {
            "请等待该申请办结；若它已退回补正，请修改后作为补正重新提交（窗口中点“补正并重新提交”，命令行加 --corrects 申请编号）。"
        }
        Key::ExpiryWindow => "专业到期提醒：提前",
        Key::CopyWindow => "导出件到期提醒：提前",
        Key::DaysSuffix => " 天",
        Key::CliAttachFormat => "材料参数“{value}”的格式应为 类型=文件，例如 application-form=申请表.pdf。",
        Key::CliAttachKind => {
            "未知的材料类型“{kind}”。可用：application-form、qualification、id-document、labour-contract、education-proof、leaving-proof、retirement、social-security-proof、change-evidence、holder-cancellation。"
        }
        Key::CliMaterialAccepted => "已接收材料：{kind}（{file}，{format}）",
        Key::CliMaterialRefused => "未接收“{file}”：{reason}",
        Key::PreCheckBlock => "不能提交",
        Key::PreCheckWarning => "提醒",
        Key::CliDraftSaved => "已保存为申请草稿 #{id}。",
        Key::CliNoDrafts => "还没有申请草稿。",
        Key::HelpApply => "准备一份注册申请：检查材料并预审，保存为草稿",
        Key::HelpApplyType => {
            "申请类型：initial、renewal、change-employer、change-other、add-specialty、cancellation、reregistration"
        }
        Key::HelpApplyUnit => "申请单位的统一社会信用代码（变更注册时为新单位）",
        Key::HelpApplyQualification => "资格代码（默认 constructor1，一级建造师）",
        Key::HelpApplySpecialty => "涉及的专业；多个专业请重复此参数",
        Key::HelpApplyQualifiedOn => "取得资格或增项专业考试合格的日期 YYYY-MM-DD",
        Key::HelpApplyAttach => "材料，格式为 类型=文件，例如 application-form=申请表.pdf；多份请重复",
        Key::HelpApplications => "查看或删除申请草稿",
        Key::HelpApplicationsList => "列出已保存的申请草稿",
        Key::PasswordNeeded => "本机没有保存登录令牌。请在上方输入密码登录并同步；密码只用于本次运行，不会保存。",
        Key::PasswordLabel => "密码",
        Key::SignInAndSync => "登录并同步",
        Key::CliScenarioWritten => "已写入场景文件 {path}：{persons} 人，{certificates} 个证书版本。",
        Key::CliArgumentProblem => "参数 {arg} 的值有误：{problem}",
        Key::OutboxMaterialMissing => {
            "材料文件「{name}」已不在数据文件夹中，无法发送。请在申请中重新附加该文件后再提交。"
        }
        Key::RefusedMaterialMismatch => "平台拒收：上传的材料文件与申请中登记的不一致。请重新附加材料后再提交。",
        Key::RefusedUnknownReference => "平台拒收：平台上没有该人员或该单位。请核对身份证件号码和统一社会信用代码。",
        Key::RefusedNotReturned => "平台拒收：该申请当前不是“退回补正”状态，不能重新提交。请先同步查看申请的最新状态。",
        Key::RefusedKeyReused => "平台拒收：同一提交编号已用于另一份内容。请重新提交这份申请。",
        Key::RefusedOther => "平台拒收（{code}）。请核对申请内容后再提交。",
        Key::SubmitBlocked => "不能提交：{reason}",
        Key::SubmitNeedsReason => "提醒“{reason}”需要填写忽略理由后才能提交。",
        Key::SubmitNotEditing => "这份申请已提交，不能再修改。",
        Key::StateDraft => "草稿",
        Key::StateSubmitted => "已提交",
        Key::StateUnderReview => "审核中",
        Key::StateReturned => "退回补正",
        Key::StateResubmitted => "已重新提交",
        Key::StateApproved => "已通过",
        Key::StateRejected => "不予批准",
        Key::KindInitial => "初始注册",
        Key::KindRenewal => "延续注册",
        Key::KindChangeEmployer => "变更注册（变更执业单位）",
        Key::KindChangeOther => "变更注册（单位名称或个人信息）",
        Key::KindAddSpecialty => "增项注册",
        Key::KindCancellation => "注销注册",
        Key::KindReregistration => "重新注册",
        Key::DraftEditing => "草稿",
        Key::DraftQueued => "待发送",
        Key::DraftSent => "已发送",
        Key::CliApplicationQueued => "申请 #{id} 已放入待发送，下次同步时提交到平台。",
        Key::HelpApplyOverride => "要忽略的提醒，写作 规则=理由，例如 education-short=学时证明已补交；可重复",
        Key::HelpApplySubmit => "放入待发送，下次同步时提交到平台",
        Key::CliOutboxSent => {
            "已提交待发送事项 {sent} 项，被平台拒收 {refused} 项（用 certdesk applications list 查看原因）。"
        }
        Key::HelpReview => {
            "演示平台审核申请的方式：approve（通过）、return-once（先退回补正一次，重新提交后通过）、reject（不予批准）或 manual（不自动审核）"
        }
        Key::HelpReviewAfter => "提交后多少秒再审核",
        Key::NavApplications => "变更申请",
        Key::ApplicationsTitle => "注册申请",
        Key::ApplicationsNew => "新建申请：",
        Key::ApplicationsChooseType => "选择申请类型",
        Key::ApplicationsEmpty => "还没有申请。在上方选择申请类型新建一份。",
        Key::ApplicationsDrafts => "草稿与待发送",
        Key::ApplicationsOnPlatform => "平台上的申请",
        Key::ApplicationsPerson => "人员",
        Key::ApplicationsUnit => "申请单位（统一社会信用代码）",
        Key::ApplicationsState => "状态",
        Key::ApplicationsCorrections => "审核意见（需补正的材料）",
        Key::ApplicationsCorrect => "补正并重新提交",
        Key::NeedRequired => "必需",
        Key::NeedOneOf => "任选其一",
        Key::NeedWhenOverdue => "超过3年时需要",
        Key::NeedOptional => "可选",
        Key::MaterialPages => " · {pages} 页",
        Key::MaterialSigned => "含电子签章",
        Key::DraftSavedAt => "已保存 {time}",
        Key::ApplicationsCorrecting => "补正申请 {id}：修改审核意见指出的材料后重新提交。",
        Key::ApplicationsType => "申请类型",
        Key::ApplicationsChoosePerson => "选择人员",
        Key::ApplicationsQualification => "注册类别",
        Key::ApplicationsSpecialties => "专业",
        Key::ApplicationsNewSpecialty => "增加的专业",
        Key::ApplicationsAddSpecialty => "加入",
        Key::ApplicationsQualifiedOn => "取得资格日期",
        Key::ApplicationsMaterials => "申请材料",
        Key::ApplicationsDropHint => {
            "可以把文件拖到窗口上：文件会附加到左侧选中的材料，未选时附加到第一项缺少的材料。只接受 PDF、OFD、JPG、PNG，按文件内容判断。"
        }
        Key::ApplicationsNoFile => "未附加",
        Key::ApplicationsReviewerSays => "审核意见：{reason}",
        Key::ApplicationsPick => "为“{material}”选择文件…",
        Key::ApplicationsRemove => "移除“{material}”",
        Key::ApplicationsAttaching => "正在检查并复制文件…",
        Key::ApplicationsChecks => "提交前检查",
        Key::ApplicationsChecksPass => "全部检查通过。",
        Key::ApplicationsOverrideReason => "忽略理由",
        Key::ApplicationsSubmit => "提交申请",
        Key::ApplicationsDelete => "删除草稿",
        Key::ApplicationsDeleteQuestion => "删除后不能恢复。",
        Key::ApplicationsDeleteConfirm => "确认删除",
        Key::ApplicationsClose => "关闭",
        Key::DraftNotSaved => {
            "草稿未能保存：数据文件夹无法写入（可能磁盘已满）。表单中的内容还在，请腾出空间后再修改一次以保存。"
        }
        Key::DraftDeleted => "草稿已删除。",
        Key::ApplicationQueuedNotice => "申请已放入待发送，正在同步提交到平台。",
        Key::SyncDoneWithOutbox => "同步完成：写入 {records} 条记录，提交 {sent} 份，被拒收 {refused} 份。",
        Key::ApplicationsFindPerson => "查找人员（姓名或证件号码后几位）",
        Key::TimelineTitle => "人员时间线（近24个月）",
        Key::TimelineRegistration => "注册 {specialty} · {unit}：{from}至{to}",
        Key::TimelineSocialSecurity => "社保 · {unit}：{count}个月（{first}至{last}）",
        Key::TimelineHousingFund => "公积金 · {unit}：{count}个月（{first}至{last}）",
        Key::TimelineProject => "项目 {project} · {unit}：{from}至{to}",
        Key::TimelineOngoing => "在建",
        Key::TimelineExport => "用证 {label}：使用期至{until}",
        Key::TimelineApplication => "申请 {kind}（{state}）：{on}",
        Key::TimelineEmpty => "近24个月没有记录。",
        Key::ExemptionEvidenceRefused => "证明材料不能使用：{reason}",
        Key::CliExemptionQueued => "豁免情形“{kind}”已放入待发送，下次同步时提交到平台。",
        Key::HelpExemption => "登记豁免情形（附证明材料），下次同步时提交",
        Key::HelpExemptionAdd => "为一名人员登记豁免情形",
        Key::HelpExemptionKind => {
            "retired（退休）、public-institution（保留事业单位身份）、university-consulting（高校所属咨询单位）、demobilised-military（军队自主择业）、insurance-bought-out（社保买断）或 other-legal-basis（其他法定依据）"
        }
        Key::HelpExemptionEvidence => "证明材料：PDF、OFD、JPG 或 PNG",
        Key::HelpExemptionNote => "给审核人员的说明",
        Key::ExemptionRecordTitle => "登记豁免情形",
        Key::ExemptionRecordHint => {
            "若此人属于六种豁免情形之一，选择情形并附证明材料。登记后提交到平台，同步回来后该结果显示为“已说明”。"
        }
        Key::ExemptionChooseKind => "选择豁免情形",
        Key::ExemptionEvidencePath => "证明材料文件路径",
        Key::ExemptionNote => "说明",
        Key::ExemptionRecord => "登记并同步",
        Key::ExemptionQueuedNotice => "豁免情形已放入待发送，正在同步提交到平台。",
        Key::HelpApplyFrom => {
            "从 JSON 文件批量申报：数组中每项含 type、person、unit、qualification、specialties、qualified_on、attach、overrides、submit 字段"
        }
        Key::CliBatchInvalid => "批量申报文件 {path} 不是有效的申请列表：{detail}。请对照 README 中的格式修改。",
        Key::CliBatchItem => "第 {n} 份：",
        Key::NavSettings => "设置",
        Key::SettingsAppearance => "界面",
        Key::SettingsLanguage => "语言",
        Key::SettingsTheme => "主题",
        Key::ThemeSystem => "跟随系统",
        Key::ThemeLight => "浅色",
        Key::ThemeDark => "深色",
        Key::SettingsZoom => "缩放",
        Key::SettingsReminders => "提醒",
        Key::SettingsApply => "应用",
        Key::SettingsRenderer => "显示方式",
        Key::RendererAutomatic => "自动",
        Key::RendererOpenGl => "OpenGL（兼容模式）",
        Key::SettingsRendererHint => "窗口显示不正常（如虚拟机、旧显卡）时选 OpenGL。下次启动时生效。",
        Key::SettingsRendererSaved => "显示方式已保存，下次启动时生效。",
        Key::SettingsPlatform => "平台与网络",
        Key::SettingsProxy => "代理服务器",
        Key::SettingsExtraCa => "额外信任的 CA 证书文件",
        Key::SettingsSaveNetwork => "保存网络设置",
        Key::SettingsNetworkSaved => "网络设置已保存，下次同步时使用。",
        Key::SettingsNoProfile => "还没有登录任何平台，无法保存网络设置。请先用 certdesk login 登录。",
        Key::SettingsDemoPlatform => "当前使用本机的演示平台，不需要网络设置。",
        Key::SettingsData => "我的数据",
        Key::SettingsExportFolder => "导出到文件夹",
        Key::SettingsExportData => "导出我的数据",
        Key::SettingsDeleteData => "删除我的数据…",
        Key::SettingsDeleteQuestion => {
            "将删除这台电脑上本账号的缓存，以及数据文件夹中已复制的申请材料、保存的举报材料和导出到 exports 文件夹的 Excel 文件，不能恢复。平台上的数据不受影响，下次同步会重新下载。"
        }
        Key::SettingsDeleteConfirm => "确认删除",
        Key::SettingsDeleteCancel => "取消",
        Key::SettingsAbout => "关于",
        Key::AboutVersion => "筑证 CertDesk 版本 {version}",
        Key::AboutDataFolder => "数据文件夹：{path}",
        Key::AboutLogFolder => "日志文件夹：{path}（每天一个文件，保留 14 天，不含身份证件号码和登录凭据）",
        Key::AboutCacheFile => "本账号缓存：{path}",
        Key::DataExportFailed => "无法导出到 {path}：{detail}",
        Key::DataExported => "数据已导出到 {path}",
        Key::DataDeleteFailed => "无法删除 {path}：{detail}。请关闭占用该文件的程序后重试。",
        Key::DataDeleted => "本账号的本地数据已删除。",
        Key::WelcomeTitle => "欢迎使用筑证",
        Key::WelcomeIntro => {
            "先选择您的身份和要连接的平台。演示平台的身份以后可在顶栏切换；其他平台可在“设置”中退出登录后重新选择。"
        }
        Key::WelcomeRole => "我是",
        Key::WelcomePlatform => "平台",
        Key::WelcomeDemo => "演示平台（在本机运行，含示例数据，无需联网）",
        Key::WelcomeOther => "其他平台（需要平台地址、CA 证书和账号）",
        Key::WelcomeUrl => "平台地址",
        Key::WelcomeCa => "平台 CA 证书文件",
        Key::WelcomeAccount => "账号",
        Key::WelcomeStart => "开始使用",
        Key::WelcomeSignIn => "登录",
        Key::WelcomeSigningIn => "正在登录…",
        Key::TokenNotStoredNotice => {
            "这台电脑没有可用的系统凭据存储，登录凭据只在本次运行中使用，下次启动时需要重新输入密码。"
        }
        Key::CancelSync => "取消",
        Key::SyncCancelled => "同步已取消。已经保存的数据不受影响，下次同步从中断处继续。",
        Key::SettingsMoveTarget => "移动到文件夹",
        Key::SettingsMoveData => "移动数据",
        Key::SettingsMoveHint => {
            "先复制全部数据并逐个校验，确认无误后才删除原文件夹中的文件；原位置留下指向新位置的说明文件。"
        }
        Key::MoveProgress => "已复制 {done}/{total} 个文件",
        Key::MoveCancel => "取消移动",
        Key::MoveTargetUnusable => {
            "不能移动到这个文件夹：它位于当前数据文件夹之内或之外层，或者里面已有文件。请选择一个空文件夹或新的文件夹（完整路径）。"
        }
        Key::MoveIo => "移动数据时无法处理 {path}：{detail}。原数据文件夹没有改动。",
        Key::MoveMismatch => "复制的 {path} 与原文件不一致，已停止移动。原数据文件夹没有改动。",
        Key::MoveCancelled => "已取消移动。原数据文件夹没有改动。",
        Key::MoveDone => "数据已移动到 {path}。",
        Key::MoveDoneLeftovers => "数据已移动到 {path}，但原位置有 {count} 个文件没能删除，可以手动删除。",
        Key::MoveWhileSyncing => "同步进行中，请在同步结束后再移动数据。",
        Key::SignOut => "退出登录",
        Key::SignOutDeleteCache => "同时删除本机缓存",
        Key::SignedOutNotice => "已退出登录，登录凭据已从本机删除。",
        Key::HelpApplyCorrects => "本申请所补正的退回申请编号（如 SBX-20261205-00001），以同一编号重新提交",
        Key::HelpApplyPerson => "申请人的身份证件号码",
        Key::HelpExemptionPerson => "豁免情形所属人员的身份证件号码",
        Key::HelpLogout => "退出登录：删除本机保存的登录凭据和平台信息；缓存默认保留",
        Key::HelpLogoutDeleteCache => "同时删除本账号的缓存；若本机没有其他账号，也删除已复制的申请材料和举报材料",
        Key::OverrideUnknownRule => "不认识的提醒规则“{rule}”。可用的规则：{rules}。",
        Key::CliBatchEntryInvalid => {
            "这一项的字段有误：{detail}。可用字段：type、person、unit、qualification、specialties、qualified_on、attach、overrides、submit、corrects。"
        }
        Key::RefusedMaterialMissing => {
            "未能发送：申请中的某个材料文件已不在数据文件夹中。请打开该申请，重新附加缺少的材料后再提交。"
        }
        Key::FilterFinding => "合规问题",
        Key::FilterAllFindings => "全部人员",
        Key::FilterAnyOpenFinding => "有未处理问题（{count}人）",
        Key::FilterFindingCode => "{code} {title}（{count}人）",
        Key::FilterFindingUnchecked => "{code} {title}",
        Key::FilterFindingHint => "按最近一次合规检查的未处理问题筛选；选择后自动运行检查",
        Key::FilterAnyOpenUnchecked => "有未处理问题",
        Key::SettingsSystemTextScale => {
            "系统文字大小为 {percent}%，界面按“缩放 × 系统文字大小”显示（更改系统设置后重新启动生效）"
        }
        Key::MaterialTruncated => {
            "该 {format} 文件不完整：文件末尾缺少交叉引用表或 %%EOF 结束标记，多半是下载或传输时被截断了。请重新下载或重新导出完整的文件后再添加。"
        }
        Key::CliMaterialTwice => {
            "材料“{kind}”（{code}）给了两个文件：{first} 和 {second}。每种材料只能附一个文件：请把它们合并为一个 PDF，或只保留其中一个。"
        }
        Key::CliDraftUpdated => "已更新申请草稿 #{id}（同一人、同一类型、同一单位尚未提交的草稿）。",
        Key::CliDraftDeleted => "申请草稿 #{id} 已删除。",
        Key::CliDraftNotDeletable => "申请草稿 #{id} 的状态是“{state}”，不能删除：只有尚未提交的草稿可以删除。",
        Key::CliDraftNotFound => "没有编号为 #{id} 的申请草稿。运行 certdesk applications list 查看现有的草稿。",
        Key::CliInvalidDate => "参数 {arg} 的值“{value}”不是有效的日期。请写成 YYYY-MM-DD，例如 2026-12-04。",
        Key::CliInvalidDraftId => {
            "参数 {arg} 的值“{value}”不是草稿编号。请写 certdesk applications list 显示的编号，例如 3 或 #3。"
        }
        Key::CliInvalidCount => "参数 {arg} 的值“{value}”无效：应为大于 0 的整数，例如 1000。",
        Key::CliInvalidChoice => "参数 {arg} 的值“{value}”无效。可用的值：{values}。",
        Key::CliInvalidValueDetail => "参数 {arg} 的值“{value}”无效：{detail}",
        Key::CliUnknownApplicationType => "未知的申请类型“{value}”。可用的类型：{types}。",
        Key::CliUnknownQualification => "未知的资格“{value}”。可用的资格：{codes}。",
        Key::CliUnknownSpecialty => "未知的注册专业“{value}”。可填的专业（全称或简称）：{specialties}。",
        Key::CliSpecialtyWithShortName => "{full}（{short}）",
        Key::HelpApplicationsDelete => "删除尚未提交的申请草稿（已放入待发送或已发送的草稿不能删除）",
        Key::HelpDraftId => "草稿编号，即 applications list 显示的编号，例如 3 或 #3",
        Key::CliMaterialKept => "沿用草稿中的材料：{kind}（{file}）",
        Key::ListSeparator => "、",
        Key::CliCodeWithName => "{code}（{name}）",
        Key::CliOverrideFormat => "提醒理由参数“{value}”的格式应为 规则=理由，例如 education-short=学时证明已补交。",
        Key::ImportPreviewCancelled => "已取消读取，可以重新选择文件。",
        Key::ImportWriteCancelled => "已取消导入，缓存未改动：此文件的行一行也没有写入。",
        Key::ImportChecking => "正在检查第 {done}/{total} 行…",
        Key::ImportWritingCount => "正在写入第 {done}/{total} 行…",
        Key::ImportCancelling => "正在取消，正在撤销已写入的行…",
        Key::BatchCancelling => "正在取消，当前这一份写完后停止…",
        Key::BatchCancelled => {
            "批量导出已取消：取消前写入 {written} 份（均已记入用证台账），失败 {failed} 份，未导出 {skipped} 份。"
        }
        Key::ReportInChinese => "举报材料以中文起草，供提交主管部门。",
        Key::ChecksRunning => "正在运行合规检查…",
        Key::ExemptionPickFile => "选择文件…",
    }
}
