/**
 * The Chinese help text (`ipabs --help --lang zh`, or a zh locale): each command's description,
 * its arguments', and each option's, keyed by the long flag. `COMMAND --flag` keys say what an
 * option means in one command where it differs from the shared meaning. src/cli/helpLang.ts puts
 * them in place; test/cli/helpLang.test.ts fails when a command or option has none.
 */
import { RESULT_KINDS } from '../report/kinds.js';
import { DEFAULT_LIMITS, MAX_JSON_TEXT_BYTES, mib } from '../io/input.js';

/** Commander's own words: headings, the help and version options, the help command, choices and defaults. */
export const ZH_HEADINGS: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};
export const ZH_HELP_OPTION = '显示命令帮助';
export const ZH_HELP_COMMAND = '显示某一命令的帮助';
export const ZH_VERSION_OPTION = '显示版本号';

/** The program's description. */
export const ZH_PROGRAM = '知识产权证券化（IP ABS）现金流：交易文件、资产池报告、现金流分配（瀑布）、压力测试。';

/** Each command's description. */
export const ZH_COMMANDS: Readonly<Record<string, string>> = {
  validate: '检查交易文件及其资产清单，或情景文件；逐条列出问题（文件、JSON 路径或 CSV 行号），无误则打印 ok。"$schema" 以 scenario.schema.json 结尾的文件按情景文件检查',
  pool: '资产池报告：总量、集中度、分布、各档覆盖；--cashflows 另附合同现金流',
  run: '运行现金流分配：各档现金流表、资产池回收款、费用、账户、增信动用、事件、分析指标',
  track: '存续期跟踪：实际数据（收益分配报告）与预测对比——逐期资金平衡检查、按实际数据检验触发事件、逐项实际与预测及差异、累计违约率——再自最近一期实际数据预测剩余各期',
  size: '按目标评级确定分层规模：每个目标档（由优先到劣后）仍能取得目标评级的最大规模，余额归下一档，发行总额不变；输出结构表，--out-deal 写出调整后的交易文件',
  stress: '运行情景网格或情景列表：各档损失、加权平均期限、最后兑付日；覆盖倍数；储备金、担保与差额支付动用',
  breakeven: '各情景下各档的临界违约率（含与不含外部增信）及隐含评级',
  obligors: '债务人违约测试：最大的 1…N 名债务人违约，以及令各档受损的最小债务人组合',
  montecarlo: '相关违约的蒙特卡洛模拟（单因子高斯 Copula）：预期损失、损失概率、损失分位数、加权平均期限、分布图',
  merge: '把 montecarlo、stress、breakeven --shard I/N 的分片文件合并为与整体运行完全相同的输出（交易与情景文件从分片读取处重新读取，须未改动）',
  schema: '打印交易文件的 JSON Schema（schemas/deal.schema.json）；--scenario 打印情景文件的，--status 打印存续状态文件的，--result 打印某命令 JSON 输出的',
  completion: '打印 bash、zsh 或 fish 的命令补全脚本',
  // Issue 9's price command (on main): here before the merge, so its help is Chinese too.
  price: '某档证券在某日每百元面值的价格与收益率互算（人民银行 2007 年惯例）：全价、应计利息、净价、收益率、久期、凸性；相对曲线的利差',
};

/** Each command's argument descriptions, by argument name. */
export const ZH_ARGUMENTS: Readonly<Record<string, string>> = {
  file: '交易文件或情景文件（JSON；- 为标准输入）',
  deal: '交易文件（JSON；- 为标准输入）',
  parts: '分片文件，1…N 各一次，顺序不限',
  shell: 'bash、zsh 或 fish',
};

const limits = `默认：JSON 文件 ${mib(DEFAULT_LIMITS.jsonBytes)}，资产清单 ${mib(DEFAULT_LIMITS.tapeBytes)}；JSON 文件无论如何不超过 ${mib(MAX_JSON_TEXT_BYTES)}`;

/** Each option's description, by long flag (`--no-support` as written); `COMMAND --flag` for one command's own meaning. */
export const ZH_OPTIONS: Readonly<Record<string, string>> = {
  // Output and input options every report command takes.
  '--format': '输出格式（默认：按 --out 的扩展名 .csv、.json、.md、.html 或 .xlsx；标准输出为表格；--out 为其他文件名时须给出 --format）',
  '--lang': '表头与帮助的语言',
  '--unit': '金额单位：元（yuan）或万元（wan）',
  '--section': '只打印这一部分（例如把一张表作为纯 CSV 交给 pandas 或 Excel）；未知的 id 会列出已有的部分',
  '--out': '写入文件而非标准输出（整体写入或不写；不会覆盖输入文件）；格式按扩展名，除非给出 --format',
  '--tapes-from': '也可从此文件夹读取资产清单（可重复）；否则交易文件只能读取其所在文件夹中的清单',
  '--max-input-mb': `读取的交易、情景或资产清单文件的最大大小，单位 MiB（${limits}）`,
  '--shard': '只计算 N 份中的第 I 份（1 至 N），写为分片文件（--out part-I.json，否则标准输出），供 ipabs merge 合并',
  '--rating-scale': '评级标尺：JSON {"source", "multiples": {"AAA": 5, …}} 或 CSV grade,multiple（默认：内置逐级标尺，属假设，见 README）',
  '--multiple': '覆盖评级标尺中的倍数，例如 AAA=5.5,AA-=3.8',
  '--no-support': '关闭外部增信：担保、差额支付承诺、流动性支持',
  '--recovery': '回收率，百分数（如 0,30,50 的范围构成网格）',
  '--lag': '回收滞后期数（如 0,2 的范围构成网格）',
  '--default-rate': '基准情景的累计违约率，占初始资产池的百分数（默认：交易文件的 baseCase）',
  '--scenarios': '情景文件：一个情景、一个列表或 {"scenarios": [...]}（不与其他情景选项同用）',
  '--preset': '内置压力情景：cn-standard（无网格或情景文件时的默认）',
  '--tranche': '只显示这些档（默认：全部）',
  '--base-rate': '目标违约率所乘的基准累计违约率，百分数（默认：交易文件的 baseCase）',
  // validate
  '--strict': '警告视为错误：作为错误打印并注明，退出码 2',
  'validate --scenario': '这些文件是情景文件（一个情景、一个列表或 {"scenarios": [...]}）',
  '--deal': '按此交易文件检查情景文件所指的债务人、资产、增信与期数',
  // pool
  '--cashflows': '附各收款期的资产池合同现金流',
  '--asset-flows': '附每笔资产的合同还款',
  // run
  '--scenario': '表现情景（JSON；- 为标准输入）：债务人违约、增信失效',
  '--ledger': '附每一笔资金划转：写入 JSON 结果，或作为报告的一部分',
  '--status': '自存续状态文件（某日的证券余额、账户余额、资产状态）预测交易的剩余各期',
  '--status-at': '写出预测在此日期到达的存续状态文件（JSON），不输出现金流',
  'stress --status': '自存续状态文件对交易的剩余各期逐一运行情景（可与 --shard 同用：分片文件记录状态文件）',
  'breakeven --status': '自存续状态文件对交易的剩余各期求临界违约率（可与 --shard 同用：分片文件记录状态文件）',
  'obligors --status': '自存续状态文件对交易的剩余各期做债务人违约测试：仅尚有未偿余额的债务人违约，默认违约期为状态日后第一期',
  'montecarlo --status': '自存续状态文件对交易的剩余各期逐路径模拟：尚有未偿余额的债务人在状态日后违约（可与 --shard、--workers 同用）',
  'price --status': '自存续状态文件预测的剩余现金流估值（结算日不早于状态日）',
  'validate --status': '另按所给的一个交易文件检查存续状态文件（及其资产状态表）：未知编号、余额高于原始值、日期超出交易，一次列出全部问题',
  'pool --status': '状态日的剩余资产池：按资产状态分列未偿本金余额（计入正常与逾期资产），未偿资产的统计与分布；加 --cashflows 为自状态日起的剩余合同现金流',
  'size --status': '自存续状态文件测算存续期分层：各目标评级可支持的最大未偿余额（剩余资产池），及各档按现未偿余额的隐含评级（不可与 --out-deal 同用）',
  // track
  '--actuals': '实际数据，每行一项：兑付日,项目,对象,金额（CSV 或 .xlsx；见 README“Tracking actuals”）',
  'track --status': '最近一期实际数据后的存续状态文件（资产状态），与实际数据核对；不给出时由实际数据与预测推出',
  'track --scenario': '预测所用的表现情景（JSON）；默认为基准情景',
  // size
  '--target': '一档及其须取得的评级，例如 A=AAA（多档时重复）',
  '--step': '规模调整的步长：元，或 100万、0.5亿（默认 100万）',
  'size --recovery': '回收率，百分数（默认：交易文件的 baseCase）',
  'size --lag': '回收滞后期数（默认：交易文件的 baseCase）',
  '--principal-by': '本金须在预期到期日（expected）或法定到期日（legal）前全部偿还',
  'size --preset': '每个评级还须在此预设的每个情景下成立（cn-standard：回收、时点、利差与延迟压力），均按目标违约率',
  'size --no-support': '仅以资产池和内部增信确定规模（不含担保、差额支付承诺、流动性支持）',
  '--out-deal': '写出调整规模后的交易文件（.json；整体写入或不写；不会覆盖输入文件）',
  // stress
  '--cdr': '年化恒定违约率，0 至 100 的百分数：0:30:5 或 0,10,20',
  '--cumulative': '累计违约率，占初始资产池的百分数，0 至 100',
  'stress --scenarios': '情景文件：一个情景、一个列表或 {"scenarios": [...]}（不与其他情景选项同用；--no-support 叠加其上）',
  // breakeven
  'breakeven --tranche': '档的 id（默认：全部）',
  'breakeven --preset': '情景：cn-standard',
  '--multipliers': '以整张目标违约率倍数表代替评级标尺，例如 AAA=5,AA=4,A=3',
  'breakeven --principal-by': '本金须在预期到期日或法定到期日前全部偿还：expected|legal（默认：两者，先预期）',
  // obligors
  '--top': '最大的 1…n 名债务人违约（默认 10）',
  '--combinations': '至多 k 名债务人的每种组合（债务人不超过 20 名的资产池；默认 3，0 为跳过）',
  '--period': '违约发生的期数（默认 1）',
  'obligors --recovery': '回收率，百分数（默认：交易文件的 baseCase）',
  'obligors --lag': '回收滞后期数（默认：交易文件的 baseCase）',
  // montecarlo
  '--paths': '路径数，1 至 10,000,000',
  '--seed': '随机种子，0 至 4294967295：同一种子得到同一结果',
  '--pd': '每名债务人存续期内的违约概率，百分数（默认：资产的 defaultProbability，否则交易文件的 baseCase）',
  '--correlation': '资产相关系数 ρ，0 至 1（默认：交易文件的 baseCase，否则 0.2）',
  '--industry-correlation': '同一行业内的额外相关系数，0 至 1（默认 0）',
  'montecarlo --recovery': '回收率，百分数，精确到 0.01%（默认：交易文件的 baseCase）',
  '--recovery-range': '每次回收率在两个百分数之间均匀抽取（精确到 0.01%）',
  'montecarlo --lag': '回收滞后期数（默认：交易文件的 baseCase）',
  '--workers': '工作线程数，1（仅本线程）至可用核数的 4 倍（默认：运行规模足够大时为可用核数）',
  'montecarlo --no-support': '关闭外部增信',
  '--rate-shift': '另一网格维度：把交易的所有利率指标平移这些基点（-100,0,100 或 -100:100:50），或只平移一个指标（LPR5Y=-50,LPR1Y=50）',
  // price (issue 9, on main)
  'price --tranche': '要定价的档（其 id）',
  '--date': '结算日（YYYY-MM-DD），自设立日起、到期日之前',
  '--yield': '按此收益率定价（百分数：4 或 4.25%）',
  '--price': '由此净价（每百元面值）求收益率',
  '--full-price': '由此全价（每百元面值）求收益率',
  '--spread': '按曲线（--curve）加此利差（基点）定价',
  '--curve': '收益率曲线：CSV 行 tenor,yield（年，百分数）或 JSON [{"tenor":1,"yield":2.35}]；与 --yield 或 --price 同用时求其上的利差',
  '--to': '定价的现金流：至预期到期日（届时所欠即偿还）或至法定到期日（按预测）',
  'price --scenario': '表现情景（JSON；- 为标准输入）；默认为基准情景',
  // merge
  'merge --lang': '表头的语言（默认：分片的 --lang）',
  'merge --unit': '金额单位：元（yuan）或万元（wan）（默认：分片的 --unit）',
  'merge --out': '写入文件而非标准输出（整体写入或不写；不会覆盖输入文件或分片）；格式按扩展名，除非给出 --format',
  // schema
  'schema --scenario': '情景文件的 schema（schemas/scenario.schema.json）',
  'schema --status': '存续状态文件的 schema（schemas/status.schema.json）',
  '--result': `某命令 --format json 输出的 schema（schemas/COMMAND-result.schema.json）：${RESULT_KINDS.join(', ')}`,
  '--run-result': '同 --result run（schemas/run-result.schema.json）',
  'schema --out': '写入 .json 文件（或 FIFO、/dev/stdout 之类设备）而非标准输出',
};
